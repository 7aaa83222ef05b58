package dev.jtraf.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Decodes link, network and the transport selector of one frame into a reused {@link Frame}.
 *
 * <p>Stateless and allocation-free; never throws on bad input: a header that is invalid sets
 * {@link Frame#badIp}, one cut off by the snap length sets {@link Frame#truncated}. Counting
 * rules are those of {@code semantics.md}: the outermost network header after VLAN tags decides
 * the class; TCP, UDP, ICMP and Other IP are assigned only to IP frames with a valid header.
 *
 * <pre>
 *  Ethernet   | dst(6) | src(6) | [0x8100/0x88a8/0x9100 TCI]* | type(2) | network ...
 *  LINUX_SLL  | pkttype(2) | hatype(2) | halen(2) | addr(8) | proto(2) | network ...
 *  LINUX_SLL2 | proto(2) | rsv(2) | ifindex(4) | hatype(2) | pkttype(1) | halen(1) | addr(8) | ...
 * </pre>
 */
public final class FrameDecoder {
    private static final int ETH_IPV4 = 0x0800;
    private static final int ETH_IPV6 = 0x86DD;
    private static final int MAX_VLAN_TAGS = 8;
    private static final int MAX_IPV6_EXT_HEADERS = 16;
    /** Linux packet type of frames the host sent (af_packet's PACKET_OUTGOING). */
    private static final int PACKET_OUTGOING = 4;
    private static final int PACKET_BROADCAST = 1;
    private static final int PACKET_MULTICAST = 2;

    private static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private FrameDecoder() {
    }

    /**
     * Decodes one frame.
     *
     * @param linkType       the capture's {@link LinkType}
     * @param buf            captured bytes
     * @param off            offset of the first captured byte in {@code buf}
     * @param capturedLength bytes captured (at most the snap length)
     * @param originalLength the frame's length on the wire as the capture recorded it
     * @param out            receives the result; all fields are overwritten
     */
    public static void decode(int linkType, byte[] buf, int off, int capturedLength, int originalLength, Frame out) {
        out.reset(originalLength);
        int end = off + Math.max(0, Math.min(capturedLength, buf.length - off));
        switch (linkType) {
            case LinkType.ETHERNET:
                ethernet(buf, off, end, originalLength, out);
                break;
            case LinkType.LINUX_SLL2:
                sll2(buf, off, end, originalLength, out);
                break;
            case LinkType.LINUX_SLL:
                sll(buf, off, end, originalLength, out);
                break;
            case LinkType.RAW: case LinkType.RAW_DLT12: case LinkType.RAW_DLT14:
                rawIp(buf, off, end, originalLength, 0, out);
                break;
            case LinkType.IPV4:
                rawIp(buf, off, end, originalLength, 4, out);
                break;
            case LinkType.IPV6:
                rawIp(buf, off, end, originalLength, 6, out);
                break;
            case LinkType.NULL: case LinkType.LOOP:
                loopback(linkType, buf, off, end, originalLength, out);
                break;
            default:
                out.netClass = Frame.CLASS_NONIP;
                break;
        }
    }

    private static void ethernet(byte[] b, int off, int end, int orig, Frame f) {
        if (end - off < 14) {
            f.truncated = true;
            if (end - off >= 6) {
                f.linkCast = castOfMac(b, off);
            }
            return;
        }
        f.linkCast = castOfMac(b, off);
        f.linkSource = mac48(b, off + 6);
        network(b, u16(b, off + 12), off + 14, end, off + orig, f);
    }

    /**
     * Walks VLAN tags and SNAP after a 2-byte type field whose value is {@code type} and whose
     * payload starts at {@code p}, then decodes the network header. {@code frameEndOrig} is
     * where the frame ends by its original length, so a network header starting at {@code q}
     * has original length {@code frameEndOrig - q}.
     *
     * @return where the network header starts (for {@link #inferOutgoingCast})
     */
    private static int network(byte[] b, int type, int p, int end, int frameEndOrig, Frame f) {
        for (int tags = 0; isVlan(type) && tags < MAX_VLAN_TAGS; tags++) {
            if (p + 4 > end) {
                f.truncated = true;
                return p;
            }
            type = u16(b, p + 2); // TCI(2), then the inner type
            p += 4;
        }
        if (type <= 1500) {
            // 802.3 length field: LLC. Only SNAP with an EtherType (OUI 0 or Cisco 0xf8) carries IP.
            if (p + 8 > end) {
                return p; // LLC frames are NonIP unless SNAP says otherwise; too short to say
            }
            if ((b[p] & 0xff) != 0xAA || (b[p + 1] & 0xff) != 0xAA || (b[p + 2] & 0xff) != 0x03
                    || b[p + 3] != 0 || b[p + 4] != 0 || (b[p + 5] != 0 && (b[p + 5] & 0xff) != 0xf8)) {
                return p;
            }
            type = u16(b, p + 6);
            p += 8;
        }
        ipByType(type, b, p, end, frameEndOrig - p, f);
        return p;
    }

    private static void ipByType(int type, byte[] b, int p, int end, int l3Orig, Frame f) {
        if (type == ETH_IPV4) {
            ipv4(b, p, end, l3Orig, f);
        } else if (type == ETH_IPV6) {
            ipv6(b, p, end, l3Orig, f);
        } else {
            f.netClass = Frame.CLASS_NONIP;
        }
    }

    private static boolean isVlan(int type) {
        return type == 0x8100 || type == 0x88A8 || type == 0x9100;
    }

    /** Six bytes at {@code p} as a 48-bit big-endian number (the MAC in its usual byte order). */
    private static long mac48(byte[] b, int p) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (b[p + i] & 0xff);
        }
        return v;
    }

    private static int castOfMac(byte[] b, int p) {
        if ((b[p] & 1) == 0) {
            return Frame.NONE;
        }
        for (int i = 0; i < 6; i++) {
            if (b[p + i] != (byte) 0xff) {
                return Frame.CAST_MULTICAST;
            }
        }
        return Frame.CAST_BROADCAST;
    }

    private static void sll(byte[] b, int off, int end, int orig, Frame f) {
        // Bytes must not depend on the snap length: use the packet and hardware types whenever
        // they were captured, even if the rest of the cooked header was cut off.
        int captured = end - off;
        f.wireLength = Math.max(0, orig - 16);
        if (captured >= 2) {
            cooked(u16(b, off), f);
        }
        if (captured >= 4) {
            f.wireLength += linkHeaderLength(u16(b, off + 2));
        }
        if (captured < 16) {
            f.truncated = true;
            return;
        }
        if (u16(b, off + 4) == 6) {
            f.linkSource = mac48(b, off + 6);
        }
        int p = network(b, u16(b, off + 14), off + 16, end, off + orig, f);
        inferOutgoingCast(b, p, end, f);
    }

    private static void sll2(byte[] b, int off, int end, int orig, Frame f) {
        // as in sll(): every header field that was captured is used, so bytes never depend on snaplen
        int captured = end - off;
        f.wireLength = Math.max(0, orig - 20);
        if (captured >= 8) {
            f.ifindex = s32(b, off + 4);
        }
        if (captured >= 10) {
            f.wireLength += linkHeaderLength(u16(b, off + 8));
        }
        if (captured >= 11) {
            cooked(b[off + 10] & 0xff, f);
        }
        if (captured < 20) {
            f.truncated = true;
            return;
        }
        if ((b[off + 11] & 0xff) == 6) {
            f.linkSource = mac48(b, off + 12);
        }
        int p = network(b, u16(b, off), off + 20, end, off + orig, f);
        inferOutgoingCast(b, p, end, f);
    }

    /** Direction and incoming broadcast/multicast from a Linux packet type. */
    private static void cooked(int pkttype, Frame f) {
        if (pkttype == PACKET_OUTGOING) {
            f.direction = Frame.DIR_OUT;
        } else {
            f.direction = Frame.DIR_IN;
            if (pkttype == PACKET_BROADCAST) {
                f.linkCast = Frame.CAST_BROADCAST;
            } else if (pkttype == PACKET_MULTICAST) {
                f.linkCast = Frame.CAST_MULTICAST;
            }
        }
    }

    /**
     * Cooked captures lose the destination MAC of outgoing frames. For those the class is
     * taken from the IP destination: 255.255.255.255 is broadcast, 224.0.0.0/4 and ff00::/8
     * are multicast. Subnet-directed broadcasts and non-IP broadcasts (ARP) stay unicast;
     * native-notes/capture-design.md explains why this is the documented limit.
     */
    private static void inferOutgoingCast(byte[] b, int p, int end, Frame f) {
        if (f.direction != Frame.DIR_OUT) {
            return;
        }
        if (f.netClass == Frame.CLASS_IPV4 && p + 20 <= end) {
            int d0 = b[p + 16] & 0xff;
            if (d0 == 255 && b[p + 17] == (byte) 255 && b[p + 18] == (byte) 255 && b[p + 19] == (byte) 255) {
                f.linkCast = Frame.CAST_BROADCAST;
            } else if ((d0 & 0xF0) == 0xE0) {
                f.linkCast = Frame.CAST_MULTICAST;
            }
        } else if (f.netClass == Frame.CLASS_IPV6 && p + 25 <= end) {
            if ((b[p + 24] & 0xff) == 0xff) {
                f.linkCast = Frame.CAST_MULTICAST;
            }
        }
    }

    /** Length of the interface's own link header for a Linux ARPHRD type (0 where it has none). */
    static int linkHeaderLength(int hatype) {
        switch (hatype) {
            case 1:    // ARPHRD_ETHER
            case 6:    // ARPHRD_IEEE802
            case 772:  // ARPHRD_LOOPBACK: lo carries a 14-byte all-zero Ethernet header
                return 14;
            default:   // ARPHRD_NONE (tun), PPP, IP tunnels, ...: IP starts the frame
                return 0;
        }
    }

    private static void rawIp(byte[] b, int p, int end, int orig, int forcedVersion, Frame f) {
        if (p >= end) {
            f.truncated = true;
            f.netClass = forcedVersion == 6 ? Frame.CLASS_IPV6 : forcedVersion == 4 ? Frame.CLASS_IPV4 : Frame.CLASS_NONIP;
            if (f.netClass != Frame.CLASS_NONIP) {
                f.transport = Frame.PROTO_OTHER;
            }
            return;
        }
        int version = (b[p] & 0xff) >>> 4;
        if (forcedVersion == 4 || (forcedVersion == 0 && version == 4)) {
            ipv4(b, p, end, orig, f);
        } else if (forcedVersion == 6 || (forcedVersion == 0 && version == 6)) {
            ipv6(b, p, end, orig, f);
        } else {
            f.netClass = Frame.CLASS_NONIP;
        }
    }

    private static void loopback(int linkType, byte[] b, int off, int end, int orig, Frame f) {
        if (end - off < 4) {
            f.truncated = true;
            return;
        }
        int be = s32(b, off);
        int family = linkType == LinkType.LOOP ? be : (be & 0xFFFF0000) != 0 ? Integer.reverseBytes(be) : be;
        if (family == 2) {
            ipv4(b, off + 4, end, orig - 4, f);
        } else if (family == 10 || family == 24 || family == 28 || family == 30) {
            // AF_INET6 is 10 on Linux, 24 on NetBSD/OpenBSD, 28 on FreeBSD, 30 on macOS
            ipv6(b, off + 4, end, orig - 4, f);
        } else {
            f.netClass = Frame.CLASS_NONIP;
        }
    }

    /**
     * IPv4 at {@code p}; {@code l3Orig} is the network packet's original length (frame
     * original length minus link header), which bounds a valid total length.
     */
    static void ipv4(byte[] b, int p, int end, int l3Orig, Frame f) {
        f.netClass = Frame.CLASS_IPV4;
        int avail = end - p;
        if (avail < 1) {
            f.truncated = true;
            f.transport = Frame.PROTO_OTHER;
            return;
        }
        int vihl = b[p] & 0xff;
        int ihl = (vihl & 0x0f) * 4;
        if ((vihl >>> 4) != 4 || ihl < 20) {
            f.badIp = true;
            return;
        }
        if (avail < 4) {
            f.truncated = true;
            f.transport = Frame.PROTO_OTHER;
            return;
        }
        int totalLength = u16(b, p + 2);
        if (totalLength < ihl || totalLength > l3Orig) {
            f.badIp = true;
            return;
        }
        if (avail < 20) {
            f.truncated = true;
            f.transport = Frame.PROTO_OTHER;
            return;
        }
        if (avail < ihl) {
            f.truncated = true; // options cut off: the checksum cannot be verified, not "bad"
        } else if (checksum(b, p, ihl) != 0xFFFF) {
            f.badIp = true;
            return;
        }
        int fragmentOffset = u16(b, p + 6) & 0x1FFF;
        f.transport = fragmentOffset != 0 ? Frame.PROTO_OTHER : transportOf(b[p + 9] & 0xff, 4);
    }

    /** IPv6 at {@code p}, walking extension headers to the transport. */
    static void ipv6(byte[] b, int p, int end, int l3Orig, Frame f) {
        f.netClass = Frame.CLASS_IPV6;
        int avail = end - p;
        if (avail < 1) {
            f.truncated = true;
            f.transport = Frame.PROTO_OTHER;
            return;
        }
        if (((b[p] & 0xff) >>> 4) != 6) {
            f.badIp = true;
            return;
        }
        if (l3Orig < 40) {
            f.badIp = true;
            return;
        }
        if (avail < 40) {
            f.truncated = true;
            if (avail >= 6 && 40 + u16(b, p + 4) > l3Orig) {
                f.badIp = true;
                f.truncated = false;
                return;
            }
            f.transport = Frame.PROTO_OTHER;
            return;
        }
        int payloadLength = u16(b, p + 4);
        if (40 + payloadLength > l3Orig) {
            f.badIp = true;
            return;
        }
        int next = b[p + 6] & 0xff;
        // The extension headers are part of the payload (RFC 8200 section 3), so the chain must
        // end within the payload length, not at the end of the frame (which may hold Ethernet
        // padding or an FCS after the packet). Payload length 0 before a hop-by-hop header is a
        // jumbogram (RFC 2675), whose length is in an option: it is bounded by the frame instead.
        int packetEnd = p + (payloadLength == 0 && next == 0 ? l3Orig : 40 + payloadLength);
        int q = p + 40;
        for (int i = 0; i < MAX_IPV6_EXT_HEADERS; i++) {
            int headerLength;
            switch (next) {
                case 0: case 43: case 60: case 135: case 139: case 140: // hop-by-hop, routing, dstopts, mobility, HIP, shim6
                    if (extensionHeaderMissing(q, 2, end, packetEnd, f)) {
                        return;
                    }
                    headerLength = ((b[q + 1] & 0xff) + 1) * 8;
                    break;
                case 51: // AH: length in 4-octet units minus 2
                    if (extensionHeaderMissing(q, 2, end, packetEnd, f)) {
                        return;
                    }
                    headerLength = ((b[q + 1] & 0xff) + 2) * 4;
                    break;
                case 44: // fragment
                    if (extensionHeaderMissing(q, 4, end, packetEnd, f)) {
                        return;
                    }
                    if ((u16(b, q + 2) & 0xFFF8) != 0) {
                        f.transport = Frame.PROTO_OTHER; // non-first fragment
                        return;
                    }
                    headerLength = 8;
                    break;
                default:
                    f.transport = transportOf(next, 6);
                    return;
            }
            next = b[q] & 0xff;
            q += headerLength;
            if (q > packetEnd) {
                // its length runs past the packet's own end: a payload length shorter than the
                // header chain, BadIP as an IPv4 IHL beyond the total length is (see extensionHeaderMissing)
                f.badIp = true;
                return;
            }
        }
        f.transport = Frame.PROTO_OTHER;
    }

    /**
     * Whether the IPv6 extension header at {@code q}, of which {@code bytesRead} bytes are read,
     * cannot be decoded; if so, sets BadIP or truncated.
     *
     * <p>Which of the two: semantics.md makes a payload length shorter than the header BadIP,
     * and a header cut off by the snap length truncated. For IPv6 the header is the whole
     * chain of extension headers, the counterpart of IPv4's options (RFC 8200 section 4), and
     * an IPv4 IHL beyond the total length is BadIP too. So a header that does not fit before
     * {@code packetEnd} (where the payload length ends the packet) is BadIP whatever was
     * captured; only one that fits there but was not captured (the snap length, {@code end})
     * is truncated. Not Other IP: that is for a valid header whose transport is not TCP, UDP
     * or ICMP, and a receiver drops such a packet as a header error (Linux counts it in
     * Ip6InHdrErrors). tshark agrees: "Malformed Packet" for the first (a reported-length
     * bounds error), "Packet size limited during capture" for the second.
     */
    private static boolean extensionHeaderMissing(int q, int bytesRead, int end, int packetEnd, Frame f) {
        if (q + 8 > packetEnd) { // every extension header is 8 bytes at least
            f.badIp = true;
            return true;
        }
        if (q + bytesRead > end) {
            f.truncated = true;
            f.transport = Frame.PROTO_OTHER;
            return true;
        }
        return false;
    }

    private static int transportOf(int protocol, int ipVersion) {
        switch (protocol) {
            case 6: return Frame.PROTO_TCP;
            case 17: return Frame.PROTO_UDP;
            case 1: return ipVersion == 4 ? Frame.PROTO_ICMP : Frame.PROTO_OTHER;
            case 58: return ipVersion == 6 ? Frame.PROTO_ICMP : Frame.PROTO_OTHER;
            default: return Frame.PROTO_OTHER;
        }
    }

    /**
     * One's-complement sum of {@code len} bytes (even); 0xFFFF for a valid IPv4 header. Adds
     * 32-bit big-endian words (an IPv4 header is a multiple of 4 bytes) and folds: the same
     * result as adding 16-bit words, at half the loads (this was the hottest spot of a replay).
     */
    static int checksum(byte[] b, int p, int len) {
        long sum = 0;
        int i = 0;
        for (; i + 4 <= len; i += 4) {
            sum += (int) BE_INT.get(b, p + i) & 0xFFFF_FFFFL;
        }
        for (; i < len; i += 2) {
            sum += ((b[p + i] & 0xff) << 8) | (b[p + i + 1] & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }

    static int u16(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    static int s32(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }
}
