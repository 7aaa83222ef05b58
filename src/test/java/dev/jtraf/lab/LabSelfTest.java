package dev.jtraf.lab;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Proves the lab support works: containers on the default bridge exchange a known number of
 * frames, and the kernel's counters and a tcpdump capture agree about them; network namespaces
 * with veths and a bridge carry a bounded ping. All traffic stays between objects these tests
 * create, and everything is removed by the labs' close().
 */
@Tag(Lab.TAG)
class LabSelfTest {
    /** How long an interface's counters must stand still to call it quiet. */
    private static final Duration QUIET = Duration.ofMillis(1000);
    private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(30);
    private static final int DATAGRAMS = 50;
    private static final int PORT = 9999;
    private static final String PAYLOAD = "jtraf-lab-udp-payload-0123456789"; // 32 bytes

    /**
     * Container A sends exactly 50 UDP datagrams to container B on the default bridge (docker0).
     *
     * <p>Determinism: Debian's busybox-static has no UDP-capable nc, so both ends are
     * {@link UdpTool} JVMs started with {@code nsenter --net} in the containers' network
     * namespaces (the traffic leaves through the containers' own eth0 and veths, exactly as the
     * containers' own would). B runs a sink bound to the port before anything is sent and never
     * answers, so B's kernel sends no ICMP port-unreachable (which would be rate-limited, hence
     * of unpredictable number) and no replies. On A's host-side veth that leaves: rx = 50
     * datagrams + 1 ARP request, tx = 1 ARP reply + IPv6 noise from docker0 and the veth itself
     * (router solicitations with exponential backoff, MLD reports; Docker disables IPv6 only
     * inside the container). B never sends IP to A, so no ARP re-probe follows either.
     */
    @Test
    void udpBetweenContainersOnDocker0_countersAndTcpdumpAgree() {
        long t0 = System.nanoTime();
        try (DockerLab docker = DockerLab.open()) {
            Lab.log("docker lab ready in %d ms (we started dockerd: %s)", ms(t0), DockerLab.startedEngine());
            long t1 = System.nanoTime();
            DockerLab.Container a = docker.run("a");
            DockerLab.Container b = docker.run("b");
            Lab.log("containers up in %d ms: %s; %s", ms(t1), a, b);
            assertTrue(a.hasVeth() && b.hasVeth(), "both containers have a host-side veth");
            assertTrue(a.hostVeth().startsWith("veth") && b.hostVeth().startsWith("veth"), "veth names");
            assertTrue(!a.hostVeth().equals(b.hostVeth()), "distinct veths");

            try (Lab.Background sink = docker.spawnNsenter(b, "udp-sink-b",
                    Lab.javaCommand(UdpTool.class, "sink", Integer.toString(PORT), Integer.toString(DATAGRAMS),
                            "30000"))) {
                Duration ready = sink.awaitOutput("sink ready", Duration.ofSeconds(30),
                        s -> s.contains("ready " + PORT));
                Lab.log("sink in B ready after %d ms", ready.toMillis());

                Duration quiet = KernelCounters.awaitQuiet(QUIET, QUIET_TIMEOUT, a.hostVeth(), b.hostVeth());
                Lab.log("veths quiet for %d ms after waiting %d ms (%d ms after `docker run a`)",
                        QUIET.toMillis(), quiet.toMillis(), ms(t1));

                KernelCounters before = KernelCounters.read(a.hostVeth());
                KernelCounters atStart;
                KernelCounters atEnd;
                KernelCounters after;
                Tcpdump.Stats stats;
                java.nio.file.Path pcap;
                try (Tcpdump cap = Tcpdump.on(a.hostVeth()).start()) {
                    atStart = KernelCounters.read(a.hostVeth());
                    long t2 = System.nanoTime();
                    Lab.Result sent = docker.nsenter(a, Duration.ofSeconds(30),
                            Lab.javaCommand(UdpTool.class, "send", b.ip(), Integer.toString(PORT),
                                    Integer.toString(DATAGRAMS), PAYLOAD).toArray(String[]::new)).orThrow();
                    assertTrue(sent.out().contains("sent " + DATAGRAMS), sent.describe());
                    Lab.Result got = sink.waitFor(Duration.ofSeconds(30));
                    Lab.log("send+receive took %d ms; sink: %s", ms(t2), got.out().replace('\n', ' '));
                    assertTrue(got.ok(), got.describe());
                    assertEquals("received " + DATAGRAMS + " payload-bytes "
                            + DATAGRAMS * PAYLOAD.getBytes(UTF_8).length,
                            got.out().lines().reduce((x, y) -> y).orElse(""), got.describe());

                    Duration quiet2 = KernelCounters.awaitQuiet(QUIET, QUIET_TIMEOUT, a.hostVeth());
                    Lab.log("quiet again after %d ms", quiet2.toMillis());
                    atEnd = KernelCounters.read(a.hostVeth());
                    stats = cap.stop();
                    after = KernelCounters.read(a.hostVeth());
                    pcap = cap.file();
                }
                long frames = Tcpdump.countFrames(pcap);
                KernelCounters d = atEnd.minus(atStart);
                Lab.log("A's veth %s: kernel delta %s; tcpdump %s; frames in %s: %d",
                        a.hostVeth(), d, stats, pcap.getFileName(), frames);

                // What A sent is rx on its host-side veth.
                assertTrue(d.rxPackets() >= DATAGRAMS, "rx_packets grew by " + d.rxPackets());
                int frameLen = 14 + 20 + 8 + PAYLOAD.getBytes(UTF_8).length; // Ethernet + IPv4 + UDP + payload
                assertTrue(d.rxBytes() >= (long) DATAGRAMS * frameLen, "rx_bytes grew by " + d.rxBytes());
                assertEquals(0, stats.droppedByKernel(), "tcpdump drops");
                assertEquals(frames, stats.captured(), "tcpdump's own count vs frames in the file");
                assertCaptureMatches(frames, before, atStart, atEnd, after);
            }
        }
        Lab.log("docker test done in %d ms", ms(t0));
    }

    /**
     * A user-defined bridge network: its Linux bridge is {@code br-<id12>}, the containers' veths
     * are its ports, and {@code docker exec} reaches the busybox applets (a bounded ping).
     */
    @Test
    void userDefinedNetwork_vethsArePortsOfItsBridge() {
        long t0 = System.nanoTime();
        try (DockerLab docker = DockerLab.open()) {
            DockerLab.Network net = docker.createNetwork("net");
            DockerLab.Container a = docker.run("na", "--network", net.name());
            DockerLab.Container b = docker.run("nb", "--network", net.name());
            Lab.log("network %s (bridge %s) with %s/%s, %s/%s in %d ms", net.name(), net.bridge(),
                    a.ip(), a.hostVeth(), b.ip(), b.hostVeth(), ms(t0));
            assertTrue(net.bridge().matches("br-[0-9a-f]{12}"), net.bridge());
            for (DockerLab.Container c : new DockerLab.Container[] {a, b}) {
                java.nio.file.Path master = KernelCounters.SYS_CLASS_NET.resolve(c.hostVeth()).resolve("master");
                assertEquals(net.bridge(), readLink(master).getFileName().toString(), c.name() + " veth's bridge");
            }
            KernelCounters a0 = KernelCounters.read(a.hostVeth());
            Lab.Result ping = docker.exec(a, Duration.ofSeconds(20), "ping", "-c", "3", "-W", "1", "-i", "0.2", b.ip());
            assertTrue(ping.ok() && ping.out().contains("3 packets received"), ping.describe());
            KernelCounters d = KernelCounters.read(a.hostVeth()).minus(a0);
            assertTrue(d.rxPackets() >= 3 && d.txPackets() >= 3, d.toString());
            docker.remove(a);
            docker.remove(b);
            docker.removeNetwork(net);
            assertTrue(!java.nio.file.Files.exists(KernelCounters.SYS_CLASS_NET.resolve(a.hostVeth())), "veth gone");
        }
        Lab.log("user network test done in %d ms", ms(t0));
    }

    private static java.nio.file.Path readLink(java.nio.file.Path p) {
        try {
            return java.nio.file.Files.readSymbolicLink(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A veth pair straight between two namespaces; 5 pings across it; counters on both ends. */
    @Test
    void pingAcrossVethBetweenNamespaces() {
        long t0 = System.nanoTime();
        String busybox = Lab.assumeCommand("busybox").toString();
        try (NetnsLab lab = NetnsLab.open()) {
            String nsA = lab.namespace("a");
            String nsB = lab.namespace("b");
            NetnsLab.Veth v = lab.veth(nsA, nsB);
            int net = ThreadLocalRandom.current().nextInt(1, 255);
            lab.address(nsA, v.ifA(), "10.199." + net + ".1/24");
            lab.address(nsB, v.ifB(), "10.199." + net + ".2/24");
            lab.awaitUp(nsA, v.ifA(), Duration.ofSeconds(10));
            Lab.log("netns pair %s/%s <-> %s/%s ready in %d ms", nsA, v.ifA(), nsB, v.ifB(), ms(t0));

            KernelCounters a0 = lab.counters(nsA, v.ifA());
            KernelCounters b0 = lab.counters(nsB, v.ifB());
            long t1 = System.nanoTime();
            Lab.Result ping = lab.exec(nsA, Duration.ofSeconds(20),
                    busybox, "ping", "-c", "5", "-W", "1", "-i", "0.2", "10.199." + net + ".2");
            Lab.log("ping took %d ms: %s", ms(t1), ping.out().lines().reduce((x, y) -> y).orElse(""));
            assertTrue(ping.ok(), ping.describe());
            assertTrue(ping.out().contains("5 packets transmitted, 5 packets received"), ping.describe());
            KernelCounters da = lab.counters(nsA, v.ifA()).minus(a0);
            KernelCounters db = lab.counters(nsB, v.ifB()).minus(b0);
            Lab.log("a: %s; b: %s", da, db);
            // 5 echo requests (+ ARP) out of a, in at b; 5 replies back.
            assertTrue(da.txPackets() >= 5 && da.rxPackets() >= 5, "a " + da);
            assertTrue(db.rxPackets() >= 5 && db.txPackets() >= 5, "b " + db);
            assertEquals(da.txPackets(), db.rxPackets(), "what a sends, b receives");
            assertEquals(da.rxPackets(), db.txPackets(), "what b sends, a receives");
        }
        Lab.log("netns pair test done in %d ms", ms(t0));
    }

    /**
     * Two namespaces on a bridge of this lab (a docker0 look-alike, without an address), pinging
     * each other; the host-side veth's counters and a tcpdump on it agree. IPv6 is off on every
     * link of the lab; what remains besides pings and ARP is the bridge's own IGMPv3 report for
     * 224.0.0.106 (multicast router discovery, sent twice as the first port comes up), which the
     * quiet wait lets pass.
     */
    @Test
    void pingThroughLabBridge_hostVethCountersAndTcpdumpAgree() {
        long t0 = System.nanoTime();
        String busybox = Lab.assumeCommand("busybox").toString();
        try (NetnsLab lab = NetnsLab.open()) {
            String br = lab.bridge(null);
            String nsA = lab.namespace("a");
            String nsB = lab.namespace("b");
            NetnsLab.Veth va = lab.veth(nsA, null);
            NetnsLab.Veth vb = lab.veth(nsB, null);
            lab.attach(null, va.ifB(), br);
            lab.attach(null, vb.ifB(), br);
            int net = ThreadLocalRandom.current().nextInt(1, 255);
            lab.address(nsA, va.ifA(), "10.199." + net + ".1/24");
            lab.address(nsB, vb.ifA(), "10.199." + net + ".2/24");
            lab.awaitUp(null, va.ifB(), Duration.ofSeconds(10));
            lab.awaitUp(null, vb.ifB(), Duration.ofSeconds(10));
            Duration quiet = KernelCounters.awaitQuiet(QUIET, QUIET_TIMEOUT, va.ifB(), vb.ifB(), br);
            Lab.log("bridge %s with %s, %s ready in %d ms (quiet wait %d ms)", br, va.ifB(), vb.ifB(), ms(t0),
                    quiet.toMillis());

            String hostVeth = va.ifB();
            KernelCounters before = KernelCounters.read(hostVeth);
            KernelCounters atStart;
            KernelCounters atEnd;
            KernelCounters after;
            java.nio.file.Path pcap;
            try (Tcpdump cap = Tcpdump.on(hostVeth).noPromisc().start()) {
                atStart = KernelCounters.read(hostVeth);
                Lab.Result ping = lab.exec(nsA, Duration.ofSeconds(20),
                        busybox, "ping", "-c", "5", "-W", "1", "-i", "0.2", "10.199." + net + ".2");
                assertTrue(ping.ok() && ping.out().contains("5 packets received"), ping.describe());
                KernelCounters.awaitQuiet(QUIET, QUIET_TIMEOUT, hostVeth);
                atEnd = KernelCounters.read(hostVeth);
                cap.stop();
                after = KernelCounters.read(hostVeth);
                pcap = cap.file();
            }
            KernelCounters d = atEnd.minus(atStart);
            long frames = Tcpdump.countFrames(pcap);
            Lab.log("host-side veth %s: kernel delta %s; frames %d", hostVeth, d, frames);
            // Seen from the host side: a's requests are rx, b's replies are tx.
            assertTrue(d.rxPackets() >= 5 && d.txPackets() >= 5, d.toString());
            assertCaptureMatches(frames, before, atStart, atEnd, after);
        }
        Lab.log("netns bridge test done in %d ms", ms(t0));
    }

    /**
     * The capture ran from before {@code atStart} (tcpdump was listening) to after {@code atEnd}
     * (it was stopped after that read) and inside [{@code before}, {@code after}]. Normally the
     * link was quiet at both edges ({@code before == atStart}, {@code atEnd == after}) and the
     * frame count must equal the kernel's rx+tx delta exactly; if a stray frame (a router
     * solicitation, say) hit an edge, the count must lie between the inner and outer deltas.
     */
    private static void assertCaptureMatches(long frames, KernelCounters before, KernelCounters atStart,
            KernelCounters atEnd, KernelCounters after) {
        long inner = atEnd.minus(atStart).packets();
        long outer = after.minus(before).packets();
        if (inner == outer) {
            assertEquals(inner, frames, "frames captured vs kernel rx+tx in the quiet window");
        } else {
            Lab.log("traffic at the capture's edges: kernel inner %d, outer %d, captured %d", inner, outer, frames);
            assertTrue(inner <= frames && frames <= outer,
                    "captured " + frames + " not within kernel deltas [" + inner + ", " + outer + "]");
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
