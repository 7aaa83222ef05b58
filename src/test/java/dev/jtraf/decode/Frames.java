package dev.jtraf.decode;

import java.io.ByteArrayOutputStream;

/**
 * Builds frames byte by byte for tests: link headers, VLAN tags, IPv4 (with a checksum computed
 * here, independently of the decoder), IPv6 and its extension headers, ARP and transports.
 * Every method returns a fresh array; tests corrupt fields by writing into the result.
 */
public final class Frames {
    public static final int IPV4 = 0x0800;
    public static final int IPV6 = 0x86DD;
    public static final int ARP = 0x0806;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMP = 1;
    public static final int ICMPV6 = 58;

    public static final byte[] BROADCAST_MAC = mac("ff:ff:ff:ff:ff:ff");
    public static final byte[] UNICAST_MAC = mac("02:00:00:00:00:0b");
    public static final byte[] IPV4_MDNS_MAC = mac("01:00:5e:00:00:fb");
    public static final byte[] IPV6_ALL_NODES_MAC = mac("33:33:00:00:00:01");

    public static final byte[] HOST_A = {10, 0, 0, 1};
    public static final byte[] HOST_B = {10, 0, 0, 2};
    public static final byte[] LIMITED_BROADCAST = {(byte) 255, (byte) 255, (byte) 255, (byte) 255};
    public static final byte[] MDNS_GROUP = {(byte) 224, 0, 0, (byte) 251};
    public static final byte[] V6_HOST_B = v6(0xfd00, 2);
    public static final byte[] V6_ALL_NODES = v6(0xff02, 1);

    private Frames() {
    }

    public static byte[] mac(String text) {
        String[] parts = text.split(":");
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return b;
    }

    private static byte[] v6(int prefix, int last) {
        byte[] a = new byte[16];
        a[0] = (byte) (prefix >> 8);
        a[1] = (byte) prefix;
        a[15] = (byte) last;
        return a;
    }

    public static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    public static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    public static byte[] u32(int v) {
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    public static byte[] zeros(int n) {
        return new byte[n];
    }

    /**
     * Ethernet: destination, a fixed source, then the type fields in order. Each type but the
     * last is a VLAN TPID followed by a TCI (VLAN id 100 + its position).
     */
    public static byte[] ethernet(byte[] dst, byte[] payload, int... types) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(dst);
        out.writeBytes(mac("02:00:00:00:00:0a"));
        for (int i = 0; i < types.length; i++) {
            out.writeBytes(u16(types[i]));
            if (i < types.length - 1) {
                out.writeBytes(u16(100 + i));
            }
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** Linux cooked v1: pkttype, hatype, halen 6, address (8), protocol. */
    public static byte[] sll(int pkttype, int hatype, int protocol, byte[] payload) {
        return cat(u16(pkttype), u16(hatype), u16(6), mac("02:00:00:00:00:0a"), zeros(2), u16(protocol), payload);
    }

    /** Linux cooked v2: protocol, reserved, ifindex, hatype, pkttype, halen 6, address (8). */
    public static byte[] sll2(int protocol, int ifindex, int hatype, int pkttype, byte[] payload) {
        return cat(u16(protocol), zeros(2), u32(ifindex), u16(hatype), new byte[] {(byte) pkttype, 6},
                mac("02:00:00:00:00:0a"), zeros(2), payload);
    }

    /** ARP request, 28 bytes. */
    public static byte[] arp() {
        return cat(u16(1), u16(IPV4), new byte[] {6, 4}, u16(1), mac("02:00:00:00:00:0a"), HOST_A, zeros(6), HOST_B);
    }

    public static byte[] tcp() {
        return cat(u16(40000), u16(80), u32(1), u32(0), new byte[] {0x50, 0x02}, u16(65535), zeros(4));
    }

    public static byte[] udp(int payloadBytes) {
        return cat(u16(5353), u16(5353), u16(8 + payloadBytes), zeros(2), zeros(payloadBytes));
    }

    /** An ICMP (or ICMPv6) echo request with {@code payloadBytes} of data. */
    public static byte[] icmpEcho(int payloadBytes) {
        return cat(new byte[] {8, 0}, zeros(2), u32(0x00010001), zeros(payloadBytes));
    }

    public static Ipv4 ipv4(int protocol, byte[] payload) {
        return new Ipv4(protocol, payload);
    }

    /** An IPv4 header and payload; fields may be set to wrong values before {@link #build}. */
    public static final class Ipv4 {
        private final int protocol;
        private final byte[] payload;
        private int version = 4;
        private int ihlWords = -1;
        private int totalLength = -1;
        private int fragmentOffsetUnits;
        private byte[] options = new byte[0];
        private byte[] dst = HOST_B;
        private boolean checksumCorrect = true;

        private Ipv4(int protocol, byte[] payload) {
            this.protocol = protocol;
            this.payload = payload;
        }

        public Ipv4 version(int v) {
            version = v;
            return this;
        }

        /** The IHL field; the header written is still 20 bytes plus options. */
        public Ipv4 ihl(int words) {
            ihlWords = words;
            return this;
        }

        public Ipv4 totalLength(int bytes) {
            totalLength = bytes;
            return this;
        }

        public Ipv4 fragmentOffset(int eightByteUnits) {
            fragmentOffsetUnits = eightByteUnits;
            return this;
        }

        public Ipv4 options(byte[] o) {
            options = o;
            return this;
        }

        public Ipv4 dst(byte[] address) {
            dst = address;
            return this;
        }

        public Ipv4 wrongChecksum() {
            checksumCorrect = false;
            return this;
        }

        public byte[] build() {
            int headerBytes = 20 + options.length;
            int ihl = ihlWords >= 0 ? ihlWords : headerBytes / 4;
            int total = totalLength >= 0 ? totalLength : headerBytes + payload.length;
            byte[] h = cat(new byte[] {(byte) (version << 4 | ihl), 0}, u16(total), u16(0x1234),
                    u16(fragmentOffsetUnits), new byte[] {64, (byte) protocol}, zeros(2), HOST_A, dst, options);
            int sum = 0;
            for (int i = 0; i < h.length; i += 2) {
                sum += (h[i] & 0xff) << 8 | (h[i + 1] & 0xff);
            }
            sum = (sum & 0xffff) + (sum >>> 16);
            sum = (sum & 0xffff) + (sum >>> 16);
            int checksum = ~sum & 0xffff;
            if (!checksumCorrect) {
                checksum ^= 0x0100;
            }
            h[10] = (byte) (checksum >> 8);
            h[11] = (byte) checksum;
            return cat(h, payload);
        }
    }

    /** IPv6 header: payload length from {@code payload}, next header {@code next}. */
    public static byte[] ipv6(int next, byte[] dst, byte[] payload) {
        return cat(new byte[] {0x60, 0, 0, 0}, u16(payload.length), new byte[] {(byte) next, 64},
                v6(0xfd00, 1), dst, payload);
    }

    /** Hop-by-hop, routing or destination options: {@code lengthUnits} extra 8-octet units. */
    public static byte[] optionsHeader(int next, int lengthUnits) {
        byte[] h = new byte[8 * (lengthUnits + 1)];
        h[0] = (byte) next;
        h[1] = (byte) lengthUnits;
        return h;
    }

    /** Fragment header; {@code offsetUnits} in 8-octet units, M flag set. */
    public static byte[] fragmentHeader(int next, int offsetUnits) {
        return cat(new byte[] {(byte) next, 0}, u16(offsetUnits << 3 | 1), u32(0xabcd));
    }

    /** Authentication header with a 12-byte ICV (length field 4: (4 + 2) * 4 = 24 bytes). */
    public static byte[] authenticationHeader(int next) {
        return cat(new byte[] {(byte) next, 4}, zeros(2), u32(0x100), u32(1), zeros(12));
    }

    /** The 4-byte BSD loopback header. */
    public static byte[] nullHeader(int family, boolean littleEndian) {
        byte[] be = u32(family);
        return littleEndian ? new byte[] {be[3], be[2], be[1], be[0]} : be;
    }
}
