package dev.jtraf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.capture.CaptureRun;
import dev.jtraf.capture.FileInterfaces;
import dev.jtraf.capture.FrameCounter;
import dev.jtraf.capture.InterfaceFilter;
import dev.jtraf.decode.LinkType;
import dev.jtraf.source.PcapFileSource;
import dev.jtraf.stats.IfaceCounters;
import dev.jtraf.stats.InterfaceTable;
import dev.jtraf.stats.Snapshot;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The live dump's cuts, driven as the capture thread drives them (frames through the
 * {@link FrameCounter}, whose boundary crossings call {@link HeadlessRun#liveIntervalEnded}),
 * with the main thread's side ({@code liveCut}) not running: as while it is blocked writing to
 * a reader that stopped reading.
 */
class LiveCutsTest {
    private static final long S = 1_000_000_000L;

    /** A live dump's cuts, and the counter of one interface, eth0, whose frames drive them. */
    private record Cuts(HeadlessRun headless, FrameCounter counter) {
        static Cuts ofOneInterface() {
            HeadlessRun headless = new HeadlessRun(1, null);
            InterfaceTable table = new InterfaceTable();
            FrameCounter counter = new FrameCounter(table, new FileInterfaces(table, InterfaceFilter.all(), 5), S,
                    headless::liveIntervalEnded, 0, null);
            headless.cutsOf(new CaptureRun(new PcapFileSource(Path.of("unused.pcap"), 0), counter, table, null, 5));
            counter.interfaceDeclared(0, "eth0", LinkType.ETHERNET);
            return new Cuts(headless, counter);
        }
    }

    @Test
    void cutsWaitingForABlockedWriterAreBoundedAndCutsNeverRunAheadOfTheWallClock() {
        Cuts cuts = Cuts.ofOneInterface();
        HeadlessRun headless = cuts.headless();
        FrameCounter counter = cuts.counter();
        byte[] frame = new byte[60];
        long start = Math.floorDiv(System.currentTimeMillis() * 1_000_000L, S) * S - 600 * S; // ten minutes ago
        counter.startIntervalsAt(start);
        for (int second = 0; second < 300; second++) { // one frame a second: 300 boundaries crossed
            counter.frame(0, LinkType.ETHERNET, frame, 0, frame.length, frame.length, start + second * S + S / 2);
        }
        // was: one snapshot kept per boundary until the main thread wrote it (GBs an hour with
        // thousands of interfaces, for as long as a reader stays away)
        assertEquals(8, headless.pendingCuts(), "the newest cuts only");
        // the main thread, held up, comes to a boundary whose cut was dropped: it skips it rather
        // than cut now, which would be more than the later blocks still waiting to be written
        long newest = start + 299 * S;
        assertNull(headless.liveCut(start + 10 * S));
        long previous = -1;
        for (long b = newest - 7 * S; b <= newest; b += S) {
            Snapshot cut = headless.liveCut(b);
            assertEquals(b, cut.timeNanos());
            long packets = cut.total().packets(IfaceCounters.TOTAL);
            assertEquals((b - start) / S, packets, "the frames stamped before " + b);
            assertTrue(packets > previous);
            previous = packets;
        }
        assertEquals(0, headless.pendingCuts());

        Cuts aheadCuts = Cuts.ofOneInterface();
        HeadlessRun ahead = aheadCuts.headless();
        FrameCounter c2 = aheadCuts.counter();
        long now = System.currentTimeMillis() * 1_000_000L;
        c2.startIntervalsAt(now);
        // a frame stamped an hour ahead (a clock step): it crossed boundaries that have not come yet
        c2.frame(0, LinkType.ETHERNET, frame, 0, frame.length, frame.length, now + 3600 * S);
        assertEquals(0, ahead.pendingCuts(), "no cut of a boundary still to come (it would go stale)");
    }
}
