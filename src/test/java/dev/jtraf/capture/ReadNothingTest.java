package dev.jtraf.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.decode.LinkType;
import dev.jtraf.source.CaptureFiles.Pcap;
import dev.jtraf.source.PcapFileSource;
import dev.jtraf.source.SourceException.Kind;
import dev.jtraf.stats.InterfaceTable;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which ended replays have only their error line to give ({@link CaptureRun#readNothing}): a
 * dump then prints no final block, and a daemon ends at once instead of serving. A file that
 * was read has its totals, even when its {@code -i} names matched none of its interfaces.
 */
class ReadNothingTest {
    private static final long T = 1_700_000_000L;

    @TempDir
    Path dir;

    private static CaptureRun replay(Path file, List<String> includes) throws InterruptedException {
        InterfaceTable table = new InterfaceTable();
        PcapFileSource source = new PcapFileSource(file, 0);
        FrameCounter counter = new FrameCounter(table, new FileInterfaces(table, new InterfaceFilter(includes, List.of()), 5),
                1_000_000_000L, null, 0, source::stop);
        CaptureRun run = new CaptureRun(source, counter, table, null, 5);
        run.start();
        assertTrue(run.awaitEnd(Duration.ofSeconds(30)), "replay ended");
        run.close();
        return run;
    }

    @Test
    void onlyAFileThatCouldNotBeReadAtAllHasNothingToShow() throws Exception {
        byte[] frame = new byte[60];
        Path good = Files.write(dir.resolve("eth.pcap"), new Pcap(ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, LinkType.ETHERNET)
                .record(T, 0, frame, frame.length).bytes());
        // -i names that match nothing: read to the end, its zero totals are its answer (they had no final block)
        CaptureRun unmatched = replay(good, List.of("eth9"));
        assertEquals(Kind.NO_SUCH_INTERFACE, unmatched.failure().kind());
        assertEquals(false, unmatched.readNothing(), "-i eth9");
        // damaged before its first frame: its header was read, and declared its interface
        Path cut = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(Files.readAllBytes(good), 24 + 6));
        CaptureRun damaged = replay(cut, List.of());
        assertEquals(Kind.DAMAGED_FILE, damaged.failure().kind());
        assertEquals(false, damaged.readNothing(), "cut before its first frame");
        // damaged inside its header, before any interface: no row, and still its (zero) totals
        Path header = Files.write(dir.resolve("header.pcap"), Arrays.copyOf(Files.readAllBytes(good), 10));
        CaptureRun early = replay(header, List.of());
        assertEquals(Kind.DAMAGED_FILE, early.failure().kind());
        assertTrue(early.table().all().isEmpty(), "no interface declared");
        assertEquals(false, early.readNothing(), "cut inside its header");
        // not a capture, missing, or a link type jtraf does not decode: nothing was read
        Path text = Files.writeString(dir.resolve("notes.pcap"), "not a capture at all\n");
        Path missing = dir.resolve("missing.pcap");
        Path wifi = Files.write(dir.resolve("wifi.pcap"), new Pcap(ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, 105)
                .record(T, 0, frame, frame.length).bytes());
        for (Path p : List.of(text, missing, wifi)) {
            CaptureRun run = replay(p, List.of());
            assertTrue(run.failure() != null && run.readNothing(), p + ": " + run.failure());
        }
        assertEquals(false, replay(good, List.of()).readNothing(), "a good file");
    }
}
