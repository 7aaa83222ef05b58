package dev.jtraf.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.bench.CaptureGen;
import dev.jtraf.cli.Main;
import dev.jtraf.lab.Lab;
import dev.jtraf.lab.NetnsLab;
import dev.jtraf.lab.UdpTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The live fast path and the plain pcap4j path count the same traffic identically: two jtraf
 * dumps run side by side in one network namespace, one with the native batch path, one forced
 * onto pcap4j's loop ({@code -Djtraf.capture=pcap4j}), while a known load crosses a veth into
 * that namespace: 500 UDP datagrams to a sink that never answers, then (where tcpreplay is
 * installed) 40,000 frames of the benchmark mix at 20,000 frames/s. Their final totals for the
 * veth must be equal in every count, and equal to what was sent.
 *
 * <p>All traffic stays between the lab's two namespaces (addresses only on the lab's veth ends).
 */
@Tag(Lab.TAG)
class NativeCaptureLabTest {
    private static final int DATAGRAMS = 500;
    private static final int PORT = 9977;
    private static final int REPLAYED = 40_000;

    @Test
    void nativeBatchAndPcap4jLoopCountTheSameFrames() throws Exception {
        String why = NativeBatch.unavailableReason();
        Assumptions.assumeTrue(why == null, "native batch path unavailable here: " + why);
        try (NetnsLab lab = NetnsLab.open()) {
            String gen = lab.namespace("gen");
            String cap = lab.namespace("cap");
            NetnsLab.Veth v = lab.veth(gen, cap);
            lab.address(gen, v.ifA(), "10.211.7.1/24");
            lab.address(cap, v.ifB(), "10.211.7.2/24");
            lab.awaitUp(cap, v.ifB(), Duration.ofSeconds(10));

            Path dir = Lab.dir("native-capture");
            Path fastLog = dir.resolve("fast-" + lab.id() + ".log");
            Path plainLog = dir.resolve("plain-" + lab.id() + ".log");
            Lab.Background fast = lab.spawn(cap, "jtraf-native", jtraf("auto", fastLog));
            Lab.Background plain = lab.spawn(cap, "jtraf-pcap4j", jtraf("pcap4j", plainLog));
            fast.awaitOutput("first dump block", Duration.ofSeconds(60), s -> s.contains("== "));
            plain.awaitOutput("first dump block", Duration.ofSeconds(60), s -> s.contains("== "));

            long expected = 0;
            try (Lab.Background sink = lab.spawn(cap, "udp-sink", Lab.javaCommand(UdpTool.class, "sink",
                    Integer.toString(PORT), Integer.toString(DATAGRAMS), "30000"))) {
                sink.awaitOutput("sink ready", Duration.ofSeconds(30), s -> s.contains("ready " + PORT));
                Lab.Result sent = lab.exec(gen, Duration.ofSeconds(60), Lab.javaCommand(UdpTool.class, "send",
                        "10.211.7.2", Integer.toString(PORT), Integer.toString(DATAGRAMS), "jtraf-native-batch")
                        .toArray(String[]::new)).orThrow();
                assertTrue(sent.out().contains("sent " + DATAGRAMS), sent.describe());
                assertTrue(sink.waitFor(Duration.ofSeconds(30)).ok(), "sink received all datagrams");
            }
            expected += DATAGRAMS + 1; // + the ARP request; the sink side's ARP reply is tx, not counted as rx

            if (Lab.which("tcpreplay").isPresent()) {
                Path load = dir.resolve("load-" + lab.id() + ".pcap");
                CaptureGen.write(false, REPLAYED, load, 100_000, 11, false);
                Lab.Result r = lab.exec(gen, Duration.ofSeconds(60), "tcpreplay", "-i", v.ifA(), "--pps=20000",
                        load.toString()).orThrow();
                assertTrue(r.out().contains("Actual: " + REPLAYED + " packets"), r.describe());
                expected += REPLAYED;
                Files.deleteIfExists(load);
            } else {
                Lab.log("tcpreplay not installed: UDP datagrams only");
            }
            Thread.sleep(1500); // both dumps have read everything (buffer timeout 100 ms)
            fast.signal("TERM");
            plain.signal("TERM");
            Lab.Result fastEnd = fast.waitFor(Duration.ofSeconds(30));
            Lab.Result plainEnd = plain.waitFor(Duration.ofSeconds(30));

            long[] f = totals(fastEnd.stdout(), v.ifB());
            long[] p = totals(plainEnd.stdout(), v.ifB());
            Lab.log("veth %s: native %s, pcap4j %s, expected rx %d", v.ifB(), Arrays.toString(f), Arrays.toString(p),
                    expected);
            assertTrue(Files.readString(fastLog).contains("native batch path"), "the fast dump used the native path");
            assertTrue(Files.readString(plainLog).contains("pcap4j loop"), "the plain dump used pcap4j's loop");
            assertEquals(Arrays.toString(p), Arrays.toString(f), "packets, bytes, ipv4, ipv6, nonip, badip, trunc, in, out");
            assertTrue(f[7] >= expected, "rx frames " + f[7] + " >= " + expected);
        }
    }

    /** A jtraf text dump on capture path {@code mode} ({@code auto} or {@code pcap4j}), logging to {@code log}. */
    static List<String> jtraf(String mode, Path log) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-Djtraf.capture=" + mode, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--dump", "text", "--interval", "1", "--log-file", log.toString()));
        return argv;
    }

    /** The final totals row of {@code iface} in a text dump: the nine counts after its name and state. */
    static long[] totals(String dump, String iface) {
        int end = dump.lastIndexOf("totals at end");
        assertTrue(end >= 0, "no final block in:\n" + dump);
        for (String line : dump.substring(end).split("\n")) {
            String[] c = line.trim().split("\\s+");
            if (c.length > 11 && c[0].equals(iface)) {
                long[] v = new long[9];
                for (int i = 0; i < 9; i++) {
                    v[i] = Long.parseLong(c[2 + i]);
                }
                return v;
            }
        }
        throw new AssertionError("no row for " + iface + " in the final block:\n" + dump.substring(end));
    }
}
