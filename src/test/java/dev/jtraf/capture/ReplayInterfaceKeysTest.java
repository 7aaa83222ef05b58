package dev.jtraf.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jtraf.decode.Frames;
import dev.jtraf.decode.LinkType;
import dev.jtraf.source.CaptureFiles.Pcapng;
import dev.jtraf.stats.IfaceCounters;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which row a replayed frame is counted on: the frames of a LINUX_SLL2 ("any") interface by
 * the ifindex in their cooked header, those of the other interfaces of the file by the
 * interface, every row for one interface only, however many frames come.
 */
class ReplayInterfaceKeysTest {
    private static final long T = 1_700_000_000_000_000_000L;

    @TempDir
    Path dir;

    /** The rows of {@code file}'s replay, as "name packets". */
    private static List<String> rows(Path file) throws Exception {
        CaptureRun run = FileReplay.run(file);
        try {
            return run.snapshot(false).interfaces().stream()
                    .map(i -> i.name() + " " + i.packets(IfaceCounters.TOTAL)).toList();
        } finally {
            run.close();
        }
    }

    @Test
    void framesCutOffBeforeTheirIfindexShareOneRowHoweverManyTheyAre() throws Exception {
        // each such frame was a row of its own: 20,000 of them gave 20,002 rows and took 287 MB
        byte[] udp = Frames.sll2(Frames.IPV4, 3, 1, 0, Frames.ipv4(Frames.UDP, Frames.udp(20)).build());
        for (int cut : new int[] {10, 1000}) { // as many rows for either
            Pcapng file = new Pcapng().section(ByteOrder.LITTLE_ENDIAN).interfaceBlock(LinkType.LINUX_SLL2, "any", 9)
                    .enhancedPacket(0, T, udp, udp.length);
            for (int i = 1; i <= cut; i++) {
                // 6 bytes captured: the cooked header ends inside its ifindex (bytes 4 to 7)
                file.enhancedPacket(0, T + i, Arrays.copyOf(udp, 6), udp.length);
            }
            Path f = Files.write(dir.resolve("cut-" + cut + ".pcapng"), file.bytes());
            assertEquals(List.of("if3 1", "if-1 " + cut), rows(f), cut + " frames cut off");
        }
    }
}
