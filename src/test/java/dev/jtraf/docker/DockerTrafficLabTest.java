package dev.jtraf.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.lab.DockerLab;
import dev.jtraf.lab.KernelCounters;
import dev.jtraf.lab.Lab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Container A pings container B (bridged: A's veth -> B's veth) and the host (A's veth ->
 * the bridge device, and back), on a user-defined network of this test (its own bridge, so
 * other tests' containers on docker0 cannot disturb the quiet windows). A running
 * {@code jtraf --dump json} must count on each of the three interfaces exactly what the kernel
 * counted (in = rx, out = tx; a bridge's rx_bytes are 14 bytes per frame low), and its host
 * total must equal the rule of native-notes/docker.md evaluated on the kernel's counters:
 * <pre>
 *   host = sum over ports (rx) + bridge (tx) + sum over ports (own tx)
 * </pre>
 * where a port's own transmissions, the host stack's IPv6 link-local chatter on the host-side
 * veth, are what {@code /proc/net/dev_snmp6/VETH} counts (Ip6OutTransmits packets, Ip6OutOctets
 * + 14 bytes each); the veth has no IPv4 address and nothing else sends on it.
 *
 * <p>Counts are compared as deltas between two quiet moments: the kernel's counters stand still
 * for a second, are read, and the first jtraf block stamped after that read is taken if the
 * counters still have not moved when it arrives.
 */
@Tag(Lab.TAG)
class DockerTrafficLabTest {
    private static final Duration QUIET = Duration.ofMillis(1000);
    private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(60);

    /** A port's own transmissions, from the IPv6 MIB of the interface. */
    record Own(long packets, long ipBytes) {
        long frameBytes() {
            return ipBytes + 14 * packets;
        }
    }

    record Sample(Map<String, KernelCounters> kernel, Map<String, Own> own, JtrafDump.Block block) {
    }

    @Test
    void perInterfaceCountsEqualTheKernelsAndTheHostTotalCountsEachFrameOnce() {
        long t0 = System.nanoTime();
        try (DockerLab docker = DockerLab.open()) {
            DockerLab.Network net = docker.createNetwork("traffic");
            DockerLab.Container a = docker.run("a", "--network", net.name());
            DockerLab.Container b = docker.run("b", "--network", net.name());
            String gateway = Lab.shOk(Duration.ofSeconds(30), "docker", "network", "inspect", "-f",
                    "{{range .IPAM.Config}}{{.Gateway}}{{end}}", net.id()).out();
            List<String> ports = List.of(a.hostVeth(), b.hostVeth());
            String bridge = net.bridge();
            List<String> all = List.of(a.hostVeth(), b.hostVeth(), bridge);
            Lab.log("network %s: bridge %s gateway %s; A %s on %s, B %s on %s", net.name(), bridge, gateway, a.ip(),
                    a.hostVeth(), b.ip(), b.hostVeth());
            try (JtrafDump jtraf = JtrafDump.start(Map.of(), "--interval", "1", "-i", a.hostVeth(), "-i", b.hostVeth(),
                    "-i", bridge)) {
                jtraf.awaitBlockAfter(Instant.now(), Duration.ofSeconds(20));
                Sample s0 = quietSample(jtraf, all, ports);
                long t1 = System.nanoTime();
                ping(docker, a, b.ip());
                ping(docker, a, gateway);
                ping(docker, b, gateway);
                Lab.log("pings took %d ms", ms(t1));
                Sample s1 = quietSample(jtraf, all, ports);

                for (String i : all) {
                    KernelCounters k = s1.kernel().get(i).minus(s0.kernel().get(i));
                    long quirk = i.equals(bridge) ? 14 * k.rxPackets() : 0;
                    Lab.log("%-16s kernel %s; jtraf in %d/%d out %d/%d", i, k, delta(s0, s1, i, "in_packets"),
                            delta(s0, s1, i, "in_bytes"), delta(s0, s1, i, "out_packets"), delta(s0, s1, i, "out_bytes"));
                    assertEquals(k.rxPackets(), delta(s0, s1, i, "in_packets"), i + " in packets");
                    assertEquals(k.rxBytes() + quirk, delta(s0, s1, i, "in_bytes"), i + " in bytes");
                    assertEquals(k.txPackets(), delta(s0, s1, i, "out_packets"), i + " out packets");
                    assertEquals(k.txBytes(), delta(s0, s1, i, "out_bytes"), i + " out bytes");
                }
                KernelCounters ka = s1.kernel().get(a.hostVeth()).minus(s0.kernel().get(a.hostVeth()));
                // 5 echo requests to B and 5 to the gateway (and ARP) out of A; 10 replies (and ARP) back
                assertTrue(ka.rxPackets() >= 10 && ka.txPackets() >= 10, "A's pings went through its veth: " + ka);

                long hostIn = 0;
                long hostInBytes = 0;
                long ownPackets = 0;
                long ownBytes = 0;
                for (String p : ports) {
                    KernelCounters k = s1.kernel().get(p).minus(s0.kernel().get(p));
                    hostIn += k.rxPackets();
                    hostInBytes += k.rxBytes();
                    ownPackets += s1.own().get(p).packets() - s0.own().get(p).packets();
                    ownBytes += s1.own().get(p).frameBytes() - s0.own().get(p).frameBytes();
                }
                KernelCounters kb = s1.kernel().get(bridge).minus(s0.kernel().get(bridge));
                long hostOut = kb.txPackets() + ownPackets;
                long hostOutBytes = kb.txBytes() + ownBytes;
                Lab.log("host rule on kernel counters: in %d/%d (ports' rx), out %d/%d (bridge tx %d + ports' own %d);"
                        + " jtraf host %d/%d, total of rows %d", hostIn, hostInBytes, hostOut, hostOutBytes,
                        kb.txPackets(), ownPackets, delta(s0, s1, "host", "packets"), delta(s0, s1, "host", "bytes"),
                        delta(s0, s1, "total", "packets"));
                assertEquals(hostIn, delta(s0, s1, "host", "in_packets"), "host in packets");
                assertEquals(hostInBytes, delta(s0, s1, "host", "in_bytes"), "host in bytes");
                assertEquals(hostOut, delta(s0, s1, "host", "out_packets"), "host out packets");
                assertEquals(hostOutBytes, delta(s0, s1, "host", "out_bytes"), "host out bytes");
                assertEquals(hostIn + hostOut, delta(s0, s1, "host", "packets"), "host packets");
                assertEquals(hostInBytes + hostOutBytes, delta(s0, s1, "host", "bytes"), "host bytes");
                assertTrue(delta(s0, s1, "host", "packets") < delta(s0, s1, "total", "packets"),
                        "a bridged frame is in two rows but once in the host total");
            }
        }
        Lab.log("traffic test done in %d ms", ms(t0));
    }

    private static void ping(DockerLab docker, DockerLab.Container from, String to) {
        Lab.Result r = docker.exec(from, Duration.ofSeconds(20), "ping", "-c", "5", "-i", "0.2", "-W", "1", to);
        assertTrue(r.ok() && r.out().contains("5 packets received"), r.describe());
    }

    private static long delta(Sample s0, Sample s1, String iface, String field) {
        return s1.block().num(iface, field) - s0.block().num(iface, field);
    }

    /** Kernel and jtraf counts at one quiet moment (see the class comment). */
    private static Sample quietSample(JtrafDump jtraf, List<String> ifaces, List<String> ports) {
        for (int attempt = 1; attempt <= 5; attempt++) {
            KernelCounters.awaitQuiet(QUIET, QUIET_TIMEOUT, ifaces.toArray(String[]::new));
            Map<String, KernelCounters> k = read(ifaces);
            Map<String, Own> own = own(ports);
            Instant t = Instant.now();
            JtrafDump.Block block = jtraf.awaitBlockAfter(t, Duration.ofSeconds(10));
            if (k.equals(read(ifaces)) && own.equals(own(ports))) {
                return new Sample(k, own, block);
            }
            Lab.log("a frame between the quiet read and jtraf's block (attempt %d); again", attempt);
        }
        throw new AssertionError("no quiet sample in 5 attempts");
    }

    private static Map<String, KernelCounters> read(List<String> ifaces) {
        Map<String, KernelCounters> m = new LinkedHashMap<>();
        for (String i : ifaces) {
            m.put(i, KernelCounters.read(i));
        }
        return m;
    }

    private static Map<String, Own> own(List<String> ports) {
        Map<String, Own> m = new LinkedHashMap<>();
        for (String p : ports) {
            m.put(p, ownOf(p));
        }
        return m;
    }

    /** Ip6OutTransmits (Ip6OutRequests before Linux 6.3) and Ip6OutOctets of one interface. */
    static Own ownOf(String iface) {
        Path f = Path.of("/proc/net/dev_snmp6", iface);
        if (!Files.exists(f)) {
            return new Own(0, 0); // IPv6 off on it: it sends nothing of its own
        }
        Map<String, Long> mib = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(f)) {
                String[] kv = line.trim().split("\\s+");
                if (kv.length == 2) {
                    mib.put(kv[0], Long.parseLong(kv[1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long packets = mib.containsKey("Ip6OutTransmits") ? mib.get("Ip6OutTransmits") : mib.get("Ip6OutRequests");
        return new Own(packets, mib.get("Ip6OutOctets"));
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
