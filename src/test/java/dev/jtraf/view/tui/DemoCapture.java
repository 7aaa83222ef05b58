package dev.jtraf.view.tui;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A deterministic recording of a small Docker host, for screen tests, the end-to-end test and
 * screenshots: a NIC, the docker0 bridge, two container veths (cooked captures, so direction is
 * known), a user-defined bridge with a few bad IPv4 headers, and loopback. Traffic varies over
 * time (waves and bursts) so sparklines have a shape. A fixed seed makes every run identical.
 *
 * <p>{@code java -cp test-classes dev.jtraf.view.tui.DemoCapture FILE [SECONDS [EXTRA]]} writes
 * one; EXTRA more interfaces with light traffic make a host with many containers (for measuring
 * the dashboard's cost with a long list).
 */
public final class DemoCapture {
    /** 2023-11-14T22:13:20Z: the first second of the recording. */
    public static final long START_SECOND = 1_700_000_000L;

    private static final int ETH_IPV4 = 0x0800;
    private static final int ETH_IPV6 = 0x86DD;
    private static final int ETH_ARP = 0x0806;

    private record Timed(long micros, int iface, byte[] frame) {
    }

    private DemoCapture() {
    }

    public static void main(String[] args) throws IOException {
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        int extra = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        write(Path.of(args[0]), seconds, extra);
    }

    /** Writes {@code seconds} seconds of traffic to {@code file}. */
    public static void write(Path file, int seconds) throws IOException {
        write(file, seconds, 0);
    }

    /** Writes {@code seconds} seconds of traffic to {@code file}, with {@code extra} more veths. */
    public static void write(Path file, int seconds, int extra) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            PcapngWriter w = new PcapngWriter(out, 128);
            int eth0 = w.addInterface("eth0", PcapngWriter.ETHERNET);
            int docker0 = w.addInterface("docker0", PcapngWriter.ETHERNET);
            int vethA = w.addInterface("veth3f2a1b0", PcapngWriter.LINUX_SLL);
            int vethB = w.addInterface("veth9c84d21", PcapngWriter.LINUX_SLL);
            int bridge = w.addInterface("br-5e1f0c2a9d3b", PcapngWriter.ETHERNET);
            int lo = w.addInterface("lo", PcapngWriter.ETHERNET);
            int firstExtra = lo + 1;
            for (int i = 0; i < extra; i++) {
                w.addInterface(String.format(Locale.ROOT, "veth%07x", 0x1000000 + i * 7919), PcapngWriter.LINUX_SLL);
            }
            Random random = new Random(42);
            for (int t = 0; t < seconds; t++) {
                List<Timed> second = new ArrayList<>();
                nic(second, eth0, t, random);
                bridge(second, docker0, t);
                containers(second, vethA, vethB, t, random);
                userBridge(second, bridge, t);
                spread(second, lo, t, 1 + Math.abs(t % 20 - 10), udp4(200));
                for (int i = 0; i < extra; i++) {
                    spread(second, firstExtra + i, t, 1 + (t + i) % 3, PcapngWriter.sll(PcapngWriter.OUT,
                            PcapngWriter.HOST, ETH_IPV4, PcapngWriter.ipv4(0xac110002, 0xac110003, 17,
                            PcapngWriter.udp(100 + 10 * (i % 50)), false)));
                }
                second.sort(Comparator.comparingLong(Timed::micros));
                for (Timed f : second) {
                    w.frame(f.iface(), f.micros(), f.frame());
                }
            }
        }
    }

    private static void nic(List<Timed> out, int iface, int t, Random random) {
        int bulk = (int) (20 + 15 * Math.sin(2 * Math.PI * t / 40.0)) + random.nextInt(6);
        spread(out, iface, t, bulk, PcapngWriter.ethernet(PcapngWriter.HOST, PcapngWriter.PEER, ETH_IPV4,
                PcapngWriter.ipv4(0x0a000002, 0x0a000001, 6, PcapngWriter.tcp(1460), false)));
        spread(out, iface, t, bulk / 2, tcp4(0));
        spread(out, iface, t, 2, udp4(66));
        spread(out, iface, t, 1, PcapngWriter.ethernet(PcapngWriter.PEER, PcapngWriter.HOST, ETH_IPV4,
                PcapngWriter.ipv4(0x0a000001, 0x08080808, 1, PcapngWriter.icmp(56), false)));
        spread(out, iface, t, 3, PcapngWriter.ethernet(PcapngWriter.PEER, PcapngWriter.HOST, ETH_IPV6,
                PcapngWriter.ipv6(17, PcapngWriter.udp(64))));
        if (t % 5 == 0) {
            spread(out, iface, t, 1, PcapngWriter.ethernet(PcapngWriter.BROADCAST, PcapngWriter.HOST, ETH_ARP,
                    PcapngWriter.arp()));
        }
        if (t % 10 == 3) {
            spread(out, iface, t, 1, PcapngWriter.ethernet(PcapngWriter.IPV6_MULTICAST, PcapngWriter.HOST, ETH_IPV6,
                    PcapngWriter.ipv6(58, PcapngWriter.icmp(24))));
        }
    }

    private static void bridge(List<Timed> out, int iface, int t) {
        spread(out, iface, t, 5 + t % 10, udp4(500));
        if (t % 7 == 0) {
            spread(out, iface, t, 1, PcapngWriter.ethernet(PcapngWriter.BROADCAST, PcapngWriter.PEER, ETH_ARP,
                    PcapngWriter.arp()));
        }
    }

    private static void containers(List<Timed> out, int a, int b, int t, Random random) {
        byte[] payload = PcapngWriter.ipv4(0xac110002, 0xac110003, 6, PcapngWriter.tcp(786), false);
        int wave = (int) (9 + 7 * Math.sin(2 * Math.PI * t / 25.0)) + random.nextInt(3);
        spread(out, a, t, wave, PcapngWriter.sll(PcapngWriter.IN, PcapngWriter.PEER, ETH_IPV4, payload));
        byte[] ack = PcapngWriter.ipv4(0xac110003, 0xac110002, 6, PcapngWriter.tcp(0), false);
        spread(out, a, t, 4, PcapngWriter.sll(PcapngWriter.OUT, PcapngWriter.HOST, ETH_IPV4, ack));
        boolean burst = t % 15 < 5;
        byte[] big = PcapngWriter.ipv4(0xac110004, 0xac110002, 17, PcapngWriter.udp(1472), false);
        spread(out, b, t, burst ? 60 : 1, PcapngWriter.sll(PcapngWriter.OUT, PcapngWriter.HOST, ETH_IPV4, big));
        if (burst) {
            spread(out, b, t, 6, PcapngWriter.sll(PcapngWriter.IN, PcapngWriter.PEER, ETH_IPV6,
                    PcapngWriter.ipv6(6, PcapngWriter.tcp(0))));
        }
    }

    private static void userBridge(List<Timed> out, int iface, int t) {
        if (t % 2 == 0) {
            spread(out, iface, t, 1, udp4(120));
        }
        if (t % 10 == 5) {
            spread(out, iface, t, 1, PcapngWriter.ethernet(PcapngWriter.PEER, PcapngWriter.HOST, ETH_IPV4,
                    PcapngWriter.ipv4(0xac120002, 0xac120003, 17, PcapngWriter.udp(40), true)));
            spread(out, iface, t, 2, PcapngWriter.ethernet(PcapngWriter.PEER, PcapngWriter.HOST, ETH_IPV6,
                    PcapngWriter.ipv6(58, PcapngWriter.icmp(32))));
        }
    }

    private static byte[] tcp4(int payload) {
        return PcapngWriter.ethernet(PcapngWriter.PEER, PcapngWriter.HOST, ETH_IPV4,
                PcapngWriter.ipv4(0x0a000001, 0x0a000002, 6, PcapngWriter.tcp(payload), false));
    }

    private static byte[] udp4(int payload) {
        return PcapngWriter.ethernet(PcapngWriter.PEER, PcapngWriter.HOST, ETH_IPV4,
                PcapngWriter.ipv4(0x0a000001, 0x0a000003, 17, PcapngWriter.udp(payload), false));
    }

    /** {@code count} copies of a frame, evenly spread over second {@code t}. */
    private static void spread(List<Timed> out, int iface, int t, int count, byte[] frame) {
        for (int i = 0; i < count; i++) {
            long micros = (START_SECOND + t) * 1_000_000L + (i * 1_000_000L / count) + iface * 7L;
            out.add(new Timed(micros, iface, frame));
        }
    }
}
