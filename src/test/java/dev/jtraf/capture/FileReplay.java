package dev.jtraf.capture;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.source.PcapFileSource;
import dev.jtraf.stats.InterfaceTable;
import java.nio.file.Path;
import java.time.Duration;

/** A capture file replayed at full speed through the real capture path, every interface counted, as a dump does. */
public final class FileReplay {
    private FileReplay() {
    }

    /** Replays {@code file} to its end; returns the ended run, whose snapshots hold the counts. */
    public static CaptureRun run(Path file) throws InterruptedException {
        InterfaceTable table = new InterfaceTable();
        PcapFileSource source = new PcapFileSource(file, 0);
        FrameCounter counter = new FrameCounter(table, new FileInterfaces(table, InterfaceFilter.all(), 5),
                1_000_000_000L, null, 0, source::stop);
        CaptureRun run = new CaptureRun(source, counter, table, null, 5);
        run.start();
        assertTrue(run.awaitEnd(Duration.ofSeconds(30)), "replay ended");
        assertNull(run.failure(), "replay failure");
        return run;
    }
}
