package dev.jtraf.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.bench.CaptureGen;
import dev.jtraf.lab.KernelCounters;
import dev.jtraf.lab.Lab;
import dev.jtraf.lab.NetnsLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * VLAN-tagged frames are counted with their tag, as the kernel and a capture of that one
 * interface count them. The kernel moves a received frame's 802.1Q tag out of the frame into
 * its metadata before any capture sees it; libpcap puts it back for an Ethernet capture of one
 * interface, but not for the {@code any} device's LINUX_SLL2 framing that jtraf captures in,
 * so jtraf's kernel filter marks such frames ({@link SnapFilter}; native-notes/capture-design.md).
 *
 * <p>tcpreplay sends 20,000 frames of the benchmark mix, about 1,000 VLAN-tagged ones included
 * (half of them priority tags, TCI 0, whose tag value is 0 but present all the same), from one
 * namespace over a veth into another, where both of jtraf's capture paths count them side by
 * side. Oracle: the receiving veth's kernel counters (the tags travel inside the frames, so
 * {@code rx_bytes} counts them, as tcpdump on the veth does). This kernel has no 802.1Q
 * devices (no 8021q), hence replayed frames rather than a VLAN interface.
 *
 * <p>All traffic stays between the lab's two namespaces.
 */
@Tag(Lab.TAG)
class VlanCaptureLabTest {
    private static final int FRAMES = 20_000;

    @Test
    void taggedFramesAreCountedWithTheirTag() throws Exception {
        Lab.assumeCommand("tcpreplay");
        Lab.assumeCommand("tshark");
        try (NetnsLab lab = NetnsLab.open()) {
            String gen = lab.namespace("gen");
            String cap = lab.namespace("cap");
            NetnsLab.Veth v = lab.veth(gen, cap);
            lab.awaitUp(cap, v.ifB(), Duration.ofSeconds(10));

            Path dir = Lab.dir("vlan-capture");
            Path load = dir.resolve("load-" + lab.id() + ".pcap");
            CaptureGen.write(false, FRAMES, load, 100_000, 12, true);
            long tagged = Lab.shOk(Duration.ofSeconds(60), "tshark", "-r", load.toString(), "-Y", "vlan")
                    .stdout().lines().filter(l -> !l.isBlank()).count();
            assertTrue(tagged > 100, "the load has VLAN-tagged frames: " + tagged);

            Lab.Background fast = lab.spawn(cap, "jtraf-native",
                    NativeCaptureLabTest.jtraf("auto", dir.resolve("fast-" + lab.id() + ".log")));
            Lab.Background plain = lab.spawn(cap, "jtraf-pcap4j",
                    NativeCaptureLabTest.jtraf("pcap4j", dir.resolve("plain-" + lab.id() + ".log")));
            fast.awaitOutput("first dump block", Duration.ofSeconds(60), s -> s.contains("== "));
            plain.awaitOutput("first dump block", Duration.ofSeconds(60), s -> s.contains("== "));

            KernelCounters before = lab.counters(cap, v.ifB());
            Lab.Result r = lab.exec(gen, Duration.ofSeconds(60), "tcpreplay", "-i", v.ifA(), "--pps=20000",
                    load.toString()).orThrow();
            assertTrue(r.out().contains("Actual: " + FRAMES + " packets"), r.describe());
            KernelCounters.awaitStable(Duration.ofMillis(500), Duration.ofSeconds(10), v.ifB(),
                    () -> lab.counters(cap, v.ifB()));
            KernelCounters kernel = lab.counters(cap, v.ifB()).minus(before);
            Thread.sleep(1500); // both dumps have read everything (buffer timeout 100 ms)
            fast.signal("TERM");
            plain.signal("TERM");
            long[] f = NativeCaptureLabTest.totals(fast.waitFor(Duration.ofSeconds(30)).stdout(), v.ifB());
            long[] p = NativeCaptureLabTest.totals(plain.waitFor(Duration.ofSeconds(30)).stdout(), v.ifB());
            Files.deleteIfExists(load);
            Lab.log("veth %s: native %s, pcap4j %s; kernel %s; %d tagged frames", v.ifB(), Arrays.toString(f),
                    Arrays.toString(p), kernel, tagged);
            assertEquals(FRAMES, kernel.rxPackets(), "the kernel received the load");
            assertEquals(0, kernel.txPackets(), "nothing else crossed the veth");
            assertEquals(kernel.rxPackets(), f[0], "frames, native path");
            assertEquals(kernel.rxBytes(), f[1], "bytes, native path (4 per VLAN tag included)");
            assertEquals(Arrays.toString(f), Arrays.toString(p), "the native and pcap4j paths count the same");
        }
    }
}
