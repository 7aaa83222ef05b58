package dev.jtraf.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.decode.Frames;
import dev.jtraf.decode.LinkType;
import dev.jtraf.lab.Lab;
import dev.jtraf.source.CaptureFiles.Pcapng;
import dev.jtraf.stats.IfaceCounters;
import dev.jtraf.stats.IfaceSnapshot;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which row a replayed frame is counted on: the frames of a LINUX_SLL2 ("any") interface by
 * the ifindex in their cooked header, or by that interface if the header was cut off before
 * the ifindex; those of the file's other interfaces by their interface. Every row is one
 * interface's, however many frames come.
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

    /**
     * {@code dumpcap -i eth0 -i any -i eth1} in small: eth0 (id 0), any (LINUX_SLL2, id 1) and
     * eth1 (id 2), the cooked frame on ifindex 2. Oracle: tshark's frames and frame.len per
     * interface, per ifindex for the cooked frames, whose bytes are rebuilt with the interface's
     * own 14-byte Ethernet header instead of the 20-byte cooked one (semantics.md).
     */
    @Test
    void anyInterfaceFramesAndTheFilesOtherInterfacesKeepRowsOfTheirOwn() throws Exception {
        // ifindex 2 of the cooked frame and eth1's id 2 were one key: one row "if2" of 3 frames,
        // 1 of them in, and eth1 in no output
        Lab.assumeCommand("tshark");
        byte[] eth = Frames.ethernet(Frames.UNICAST_MAC, Frames.ipv4(Frames.UDP, Frames.udp(20)).build(), Frames.IPV4);
        byte[] cooked = Frames.sll2(Frames.IPV4, 2, 1, 0, Frames.ipv4(Frames.UDP, Frames.udp(20)).build());
        Path f = Files.write(dir.resolve("mixed.pcapng"), new Pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(LinkType.ETHERNET, "eth0", 9)
                .interfaceBlock(LinkType.LINUX_SLL2, "any", 9)
                .interfaceBlock(LinkType.ETHERNET, "eth1", 9)
                .enhancedPacket(0, T, eth, eth.length)
                .enhancedPacket(1, T + 1000, cooked, cooked.length)
                .enhancedPacket(2, T + 2000, eth, eth.length)
                .enhancedPacket(2, T + 3000, eth, eth.length).bytes());
        Map<String, long[]> tshark = new TreeMap<>();
        for (String line : Lab.shOk(Duration.ofSeconds(60), "tshark", "-r", f.toString(), "-T", "fields",
                "-e", "frame.interface_name", "-e", "sll.ifindex", "-e", "sll.hatype", "-e", "frame.len").stdout()
                .lines().toList()) {
            String[] field = line.split("\t", -1);
            boolean ifindex = !field[1].isEmpty();
            assertTrue(!ifindex || field[2].equals("1"), "an Ethernet interface behind the cooked header: " + line);
            long[] row = tshark.computeIfAbsent(ifindex ? "if" + field[1] : field[0], k -> new long[2]);
            row[0]++;
            row[1] += Long.parseLong(field[3]) - (ifindex ? 20 - 14 : 0);
        }
        CaptureRun run = FileReplay.run(f);
        try {
            Map<String, long[]> jtraf = new TreeMap<>();
            for (IfaceSnapshot i : run.snapshot(false).interfaces()) {
                long packets = i.packets(IfaceCounters.TOTAL);
                long bytes = i.get(IfaceCounters.TOTAL, IfaceCounters.ALL, IfaceCounters.BYTES);
                jtraf.put(i.name(), new long[] {packets, bytes});
                if (i.directionKnown()) {
                    assertEquals(packets, inPlusOut(i, IfaceCounters.PACKETS), i.name() + " in + out packets");
                    assertEquals(bytes, inPlusOut(i, IfaceCounters.BYTES), i.name() + " in + out bytes");
                }
            }
            assertEquals(text(tshark), text(jtraf));
            assertEquals(List.of("eth0", "eth1", "if2"), run.snapshot(false).interfaces().stream()
                    .map(IfaceSnapshot::name).toList(),
                    "rows, one each: the declared interfaces in their order, an ifindex at its first frame");
        } finally {
            run.close();
        }
    }

    private static long inPlusOut(IfaceSnapshot i, int metric) {
        return i.get(IfaceCounters.TOTAL, IfaceCounters.IN, metric)
                + i.get(IfaceCounters.TOTAL, IfaceCounters.OUT, metric);
    }

    private static String text(Map<String, long[]> rows) {
        StringBuilder b = new StringBuilder();
        rows.forEach((name, r) -> b.append(name).append(": ").append(r[0]).append(" frames, ").append(r[1])
                .append(" bytes\n"));
        return b.toString();
    }

    /**
     * A pcapng interface that recorded no frame has a row of zeros, as capinfos lists it with
     * "Number of packets = 0" (and as live every interface that is up has a row); an "any"
     * (LINUX_SLL2) interface has none, its frames being counted by ifindex, nor has one of a link
     * type jtraf does not decode (a row of zeros would say it had no frames).
     */
    @Test
    void aDeclaredInterfaceWithoutFramesHasARowOfZeros() throws Exception {
        // such an interface had no row at all, and -i eth1 gave only a total
        byte[] eth = Frames.ethernet(Frames.UNICAST_MAC, Frames.ipv4(Frames.UDP, Frames.udp(20)).build(), Frames.IPV4);
        Path f = Files.write(dir.resolve("silent.pcapng"), new Pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(LinkType.ETHERNET, "eth0", 9)
                .interfaceBlock(LinkType.ETHERNET, "eth1", 9)
                .interfaceBlock(LinkType.LINUX_SLL2, "any", 9)
                .interfaceBlock(105, "wlan0", 9) // IEEE 802.11: not decoded
                .enhancedPacket(0, T, eth, eth.length)
                .enhancedPacket(0, T + 1000, eth, eth.length).bytes());
        assertEquals(List.of("eth0 2", "eth1 0"), rows(f));
        Lab.assumeCommand("capinfos"); // the oracle for the file's interfaces, where it is installed
        List<String> capinfos = Lab.shOk(Duration.ofSeconds(60), "capinfos", f.toString()).stdout().lines()
                .filter(l -> l.contains("Number of packets =")).map(l -> l.replaceAll(".*= *", "")).toList();
        assertEquals(List.of("2", "0", "0", "0"), capinfos, "capinfos: packets per interface");
    }

    /**
     * A file declaring very many interfaces (damage, fuzzing) does not get a row for each before
     * their frames: a row costs kilobytes, and 100,000 declarations took 11 s and 957 MB. The
     * first {@value FileInterfaces#MAX_DECLARED_ROWS} have rows from their declaration, any
     * other from its first frame.
     */
    @Test
    void declarationsBeyondTheLimitGetRowsOnlyWithTheirFrames() throws Exception {
        byte[] eth = Frames.ethernet(Frames.UNICAST_MAC, Frames.ipv4(Frames.UDP, Frames.udp(20)).build(), Frames.IPV4);
        int declared = FileInterfaces.MAX_DECLARED_ROWS + 500;
        Pcapng file = new Pcapng().section(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < declared; i++) {
            file.interfaceBlock(LinkType.ETHERNET, "e" + i, 9);
        }
        file.enhancedPacket(3, T, eth, eth.length).enhancedPacket(declared - 1, T + 1000, eth, eth.length);
        List<String> rows = rows(Files.write(dir.resolve("many.pcapng"), file.bytes()));
        assertEquals(FileInterfaces.MAX_DECLARED_ROWS + 1, rows.size(), "rows");
        assertEquals("e3 1", rows.get(3));
        assertEquals("e" + (FileInterfaces.MAX_DECLARED_ROWS - 1) + " 0", rows.get(FileInterfaces.MAX_DECLARED_ROWS - 1));
        assertEquals("e" + (declared - 1) + " 1", rows.get(rows.size() - 1), "beyond the limit, at its frame");
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
            // counted on the interface that recorded them, "any", as tshark counts them
            assertEquals(List.of("if3 1", "any " + cut), rows(f), cut + " frames cut off");
        }
    }
}
