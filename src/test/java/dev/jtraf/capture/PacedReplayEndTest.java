package dev.jtraf.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.decode.LinkType;
import dev.jtraf.lab.Lab;
import dev.jtraf.source.CaptureFiles;
import dev.jtraf.source.PcapFileSource;
import dev.jtraf.stats.IfaceSnapshot;
import dev.jtraf.stats.InterfaceTable;
import dev.jtraf.stats.Snapshot;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end of a paced replay: the dashboard's Activity stays what it was at the last frame,
 * as the dump's final record says (was: the replay clock ran on after the end of the file, the
 * seconds it passed counted as empty, and the rates and sparkline decayed to zero).
 */
class PacedReplayEndTest {
    private static final long S = 1_000_000_000L;
    private static final long START = 1_700_000_000L;

    @TempDir
    Path dir;

    @Test
    void theActivityStaysAsItWasAtTheLastFrame() throws Exception {
        // 4 frames of 100 bytes in each of 5 seconds: 4 pps, 3200 bit/s over a 5 s window
        CaptureFiles.Pcap pcap = new CaptureFiles.Pcap(ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, LinkType.ETHERNET);
        for (int second = 0; second < 5; second++) {
            for (int i = 0; i < 4; i++) {
                pcap.record(START + second, 200_000L * i, CaptureFiles.data(100, i), 100);
            }
        }
        Path file = Files.write(dir.resolve("paced.pcap"), pcap.bytes());
        InterfaceTable table = new InterfaceTable();
        FrameCounter counter = new FrameCounter(table, new FileInterfaces(table, InterfaceFilter.all(), 5), S, null, 0, null);
        PcapFileSource source = new PcapFileSource(file, 100); // paced: 5 s of recording in 50 ms
        CaptureRun run = new CaptureRun(source, counter, table, null, 5);
        run.start();
        try {
            assertTrue(run.awaitEnd(Duration.ofSeconds(30)), "the replay did not end");
            IfaceSnapshot atEnd = only(run.snapshot(false));
            assertEquals(4.0, atEnd.packetsPerSecond(), 1e-9);
            assertEquals(400.0, atEnd.bytesPerSecond(), 1e-9);
            long lastFrame = (START + 4) * S + 600_000_000L;
            Lab.await("the paced clock past the end", Duration.ofSeconds(30),
                    () -> source.positionNanos() >= lastFrame + 6 * S);
            IfaceSnapshot later = only(run.snapshot(true));
            assertEquals(atEnd.packetsPerSecond(), later.packetsPerSecond(), 1e-9, "pps after the end of the file");
            assertEquals(atEnd.bytesPerSecond(), later.bytesPerSecond(), 1e-9, "bytes/s after the end of the file");
            assertEquals(lastFrame, run.nowNanos());
        } finally {
            run.close();
        }
    }

    private static IfaceSnapshot only(Snapshot snap) {
        assertEquals(1, snap.interfaces().size(), snap.interfaces().toString());
        return snap.interfaces().get(0);
    }
}
