package dev.jtraf.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jtraf.decode.LinkType;
import dev.jtraf.stats.IfaceCounters;
import dev.jtraf.stats.InterfaceLabel;
import dev.jtraf.stats.InterfaceTable;
import dev.jtraf.stats.Snapshot;
import dev.jtraf.stats.Snapshots;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code --count N}: a live source delivers a whole batch of frames from libpcap, and only
 * stops after it; the frames of the batch after the N-th must not be counted (was: live
 * {@code --count 1} ended with 4 frames counted, {@code --count 100} with 152).
 */
class FrameCounterLimitTest {
    @Test
    void framesAfterTheLimitInTheSameBatchAreNotCounted() {
        InterfaceTable table = new InterfaceTable();
        AtomicInteger stops = new AtomicInteger();
        FrameCounter counter = new FrameCounter(table, new FileInterfaces(table, InterfaceFilter.all(), 5),
                1_000_000_000L, null, 3, stops::incrementAndGet);
        counter.interfaceDeclared(0, "eth0", LinkType.ETHERNET);
        byte[] frame = new byte[60]; // zero MACs, type 0: an 802.3 frame, NonIP; 60 bytes on the wire
        long t = 1_700_000_000_000_000_000L;
        for (int i = 0; i < 5; i++) { // one batch: the source's stop takes effect after it
            counter.frame(0, LinkType.ETHERNET, frame, 0, frame.length, frame.length, t += 1_000_000);
        }
        assertEquals(3, counter.frames(), "frames counted");
        assertEquals(1, stops.get(), "the source is asked to stop once");
        Snapshot s = new Snapshots(table, 5, (name, key) -> InterfaceLabel.of(null)).take(t, 0, 0, counter.frames(), false);
        assertEquals(3, s.total().packets(IfaceCounters.TOTAL), "packets in the table");
        assertEquals(3 * 60, s.total().get(IfaceCounters.TOTAL, IfaceCounters.ALL, IfaceCounters.BYTES), "bytes");
    }
}
