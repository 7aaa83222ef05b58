package dev.jtraf.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A deterministic recording for metrics tests, and the oracle for it: every frame is listed
 * with what it must count as (interface, direction, class, transport, cast, bytes on the wire),
 * independently of jtraf's decoder.
 *
 * <p>Interfaces: {@code if3} and {@code if7} from a LINUX_SLL2 ("any") interface, which carry
 * their direction; {@code eth9}, an Ethernet interface whose direction is unknown. One SLL2
 * frame is cut off inside its cooked header, so it has no direction although its interface
 * does.
 */
public final class ReplayFixture {
    /** First frame's time: 2023-11-14T22:13:20Z. */
    public static final long T0 = 1_700_000_000_000_000_000L;

    /** What one frame must count as. dir: "in", "out" or "unknown"; cls: ipv4|ipv6|nonip; proto: tcp|udp|icmp|other|"". */
    public record Sent(String iface, String dir, String cls, String proto, String cast, long wireBytes,
            boolean badIp, boolean truncated) {
    }

    private final PcapngWriter pcap = new PcapngWriter();
    private final List<Sent> sent = new ArrayList<>();
    private final int any;
    private final int eth9;
    private long t = T0;

    private ReplayFixture() {
        any = pcap.addInterface(PcapngWriter.LINKTYPE_LINUX_SLL2, "any");
        eth9 = pcap.addInterface(PcapngWriter.LINKTYPE_ETHERNET, "eth9");
    }

    /** The standard recording: 3 interfaces, 4 seconds, every class, transport and cast. */
    public static ReplayFixture standard() {
        ReplayFixture f = new ReplayFixture();
        for (int i = 0; i < 5; i++) {
            f.sll2(3, 0, 0x0800, ipv4(17, udp(100), false), "in", "ipv4", "udp", "");
        }
        for (int i = 0; i < 3; i++) {
            f.sll2(3, 4, 0x0800, ipv4(6, tcp(), false), "out", "ipv4", "tcp", "");
        }
        f.second();
        for (int i = 0; i < 2; i++) {
            f.sll2(3, 0, 0x0800, ipv4(1, icmpEcho(56), false), "in", "ipv4", "icmp", "");
        }
        f.sll2(3, 1, 0x0806, arp(), "in", "nonip", "", "broadcast");
        for (int i = 0; i < 2; i++) {
            f.sll2(3, 4, 0x86DD, ipv6(17, udp(50), false), "out", "ipv6", "udp", "");
        }
        f.sll2(3, 2, 0x86DD, ipv6(58, icmpEcho(0), true), "in", "ipv6", "icmp", "multicast");
        f.sent.add(new Sent("if3", "in", "ipv4", "", "", 14 + 128, true, false));
        f.sll2raw(3, 0, 0x0800, ipv4(17, udp(100), true));
        f.second();
        for (int i = 0; i < 4; i++) {
            f.sll2(7, 4, 0x0800, ipv4(17, udp(10), false), "out", "ipv4", "udp", "");
        }
        // cut off after 8 of the 20 cooked-header bytes: ifindex known, direction and link type
        // not, so the cooked header is not counted and no link header is added back
        byte[] cut = sll2Header(0x0800, 3, 0, ipv4(17, udp(100), false));
        f.pcap.packet(f.any, f.t += 1_000_000, cut, 8, cut.length);
        f.sent.add(new Sent("if3", "unknown", "nonip", "", "", cut.length - 20, false, true));
        f.second();
        for (int i = 0; i < 3; i++) {
            f.ethernet(UNICAST, 0x0800, ipv4(6, tcp(), false), "ipv4", "tcp", "");
        }
        f.ethernet(BROADCAST, 0x0806, arp(), "nonip", "", "broadcast");
        return f;
    }

    public Path writeTo(Path file) throws IOException {
        return pcap.writeTo(file);
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** Count of frames matching {@code p}. */
    public long packets(Predicate<Sent> p) {
        return sent.stream().filter(p).count();
    }

    /** Bytes of the frames matching {@code p}. */
    public long bytes(Predicate<Sent> p) {
        return sent.stream().filter(p).mapToLong(Sent::wireBytes).sum();
    }

    // ------------------------------------------------------------------------------------------

    private static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};
    private static final byte[] UNICAST = {2, 0, 0, 0, 0, 0x0b};

    private void second() {
        t = (t / 1_000_000_000L + 1) * 1_000_000_000L + 100_000_000L;
    }

    private void sll2(int ifindex, int pkttype, int protocol, byte[] payload, String dir, String cls, String proto,
            String cast) {
        sent.add(new Sent("if" + ifindex, dir, cls, proto, cast, 14 + payload.length, false, false));
        sll2raw(ifindex, pkttype, protocol, payload);
    }

    private void sll2raw(int ifindex, int pkttype, int protocol, byte[] payload) {
        pcap.packet(any, t += 1_000_000, sll2Header(protocol, ifindex, pkttype, payload));
    }

    private void ethernet(byte[] dst, int type, byte[] payload, String cls, String proto, String cast) {
        byte[] frame = cat(dst, UNICAST, u16(type), payload);
        sent.add(new Sent("eth9", "unknown", cls, proto, cast, frame.length, false, false));
        pcap.packet(eth9, t += 1_000_000, frame);
    }

    /** Linux cooked v2: protocol, reserved, ifindex, hatype 1 (Ethernet), pkttype, halen 6, address (8). */
    private static byte[] sll2Header(int protocol, int ifindex, int pkttype, byte[] payload) {
        return cat(u16(protocol), new byte[2], new byte[] {0, 0, 0, (byte) ifindex}, u16(1),
                new byte[] {(byte) pkttype, 6}, UNICAST, new byte[2], payload);
    }

    private static byte[] ipv4(int protocol, byte[] payload, boolean wrongChecksum) {
        int total = 20 + payload.length;
        byte[] h = cat(new byte[] {0x45, 0}, u16(total), u16(0x1234), u16(0), new byte[] {64, (byte) protocol},
                new byte[2], new byte[] {10, 0, 0, 1}, new byte[] {10, 0, 0, 2});
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += (h[i] & 0xff) << 8 | (h[i + 1] & 0xff);
        }
        sum = (sum & 0xffff) + (sum >>> 16);
        sum = (sum & 0xffff) + (sum >>> 16);
        int checksum = ~sum & 0xffff ^ (wrongChecksum ? 0x0100 : 0);
        h[10] = (byte) (checksum >> 8);
        h[11] = (byte) checksum;
        return cat(h, payload);
    }

    /** fd00::1 to ff02::1 (all nodes) or fd00::2. */
    private static byte[] ipv6(int next, byte[] payload, boolean multicast) {
        byte[] src = new byte[16];
        src[0] = (byte) 0xfd;
        src[15] = 1;
        byte[] dst = new byte[16];
        dst[0] = (byte) (multicast ? 0xff : 0xfd);
        dst[1] = (byte) (multicast ? 2 : 0);
        dst[15] = (byte) (multicast ? 1 : 2);
        return cat(new byte[] {0x60, 0, 0, 0}, u16(payload.length), new byte[] {(byte) next, 64}, src, dst, payload);
    }

    private static byte[] udp(int payloadBytes) {
        return cat(u16(40000), u16(9999), u16(8 + payloadBytes), new byte[2], new byte[payloadBytes]);
    }

    private static byte[] tcp() {
        return cat(u16(40000), u16(80), new byte[] {0, 0, 0, 1}, new byte[4], new byte[] {0x50, 0x02}, u16(65535),
                new byte[4]);
    }

    private static byte[] icmpEcho(int payloadBytes) {
        return cat(new byte[] {8, 0}, new byte[2], new byte[] {0, 1, 0, 1}, new byte[payloadBytes]);
    }

    private static byte[] arp() {
        return cat(u16(1), u16(0x0800), new byte[] {6, 4}, u16(1), UNICAST, new byte[] {10, 0, 0, 1}, new byte[6],
                new byte[] {10, 0, 0, 2});
    }

    private static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
