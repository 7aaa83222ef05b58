package dev.jtraf.decode;

import static dev.jtraf.decode.Frames.ARP;
import static dev.jtraf.decode.Frames.BROADCAST_MAC;
import static dev.jtraf.decode.Frames.ICMP;
import static dev.jtraf.decode.Frames.ICMPV6;
import static dev.jtraf.decode.Frames.IPV4;
import static dev.jtraf.decode.Frames.IPV6;
import static dev.jtraf.decode.Frames.TCP;
import static dev.jtraf.decode.Frames.UDP;
import static dev.jtraf.decode.Frames.UNICAST_MAC;
import static dev.jtraf.decode.Frames.V6_HOST_B;
import static dev.jtraf.decode.Frames.cat;
import static dev.jtraf.decode.Frames.ethernet;
import static dev.jtraf.decode.Frames.ipv4;
import static dev.jtraf.decode.Frames.ipv6;
import static dev.jtraf.decode.Frames.tcp;
import static dev.jtraf.decode.Frames.udp;
import static dev.jtraf.decode.Frames.zeros;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * What the decoder makes of each kind of frame, as one line per frame:
 * {@code class transport cast direction wire=bytes [ifindex=n] [badIp] [truncated]}.
 * Link types other than Ethernet are in {@link FrameDecoderLinkTest}; random input in
 * {@link FrameDecoderFuzzTest}.
 */
class FrameDecoderTest {
    private static final byte[] IPV4_TCP = ipv4(TCP, tcp()).build(); // 40 bytes

    /** Decodes a whole frame as captured in full. */
    static String decoded(int linkType, byte[] bytes) {
        return decoded(linkType, bytes, bytes.length, bytes.length);
    }

    static String decoded(int linkType, byte[] bytes, int capturedLength, int originalLength) {
        Frame f = new Frame();
        FrameDecoder.decode(linkType, bytes, 0, capturedLength, originalLength, f);
        return describe(f);
    }

    static String describe(Frame f) {
        String[] classes = {"?0", "IPv4", "IPv6", "?3", "?4", "?5", "?6", "NonIP"};
        String transport = f.transport == Frame.NONE ? "-"
                : new String[] {"TCP", "UDP", "ICMP", "OtherIP"}[f.transport - Frame.PROTO_TCP];
        String cast = f.linkCast == Frame.NONE ? "unicast" : f.linkCast == Frame.CAST_BROADCAST ? "broadcast" : "multicast";
        String dir = new String[] {"?", "in", "out"}[f.direction];
        return classes[f.netClass] + " " + transport + " " + cast + " " + dir + " wire=" + f.wireLength
                + (f.ifindex != -1 ? " ifindex=" + f.ifindex : "") + (f.badIp ? " badIp" : "")
                + (f.truncated ? " truncated" : "");
    }

    private static String eth(byte[] payload, int... types) {
        return decoded(LinkType.ETHERNET, ethernet(UNICAST_MAC, payload, types));
    }

    @Test
    void ipv4TcpIsTcp() {
        assertEquals("IPv4 TCP unicast ? wire=54", eth(IPV4_TCP, IPV4));
    }

    @Test
    void ipv4UdpIsUdp() {
        assertEquals("IPv4 UDP unicast ? wire=60", eth(ipv4(UDP, udp(18)).build(), IPV4));
    }

    @Test
    void ipv4IcmpIsIcmp() {
        assertEquals("IPv4 ICMP unicast ? wire=98", eth(ipv4(ICMP, Frames.icmpEcho(56)).build(), IPV4));
    }

    @Test
    void ipv4OtherProtocolIsOtherIp() {
        assertEquals("IPv4 OtherIP unicast ? wire=38", eth(ipv4(47, zeros(4)).build(), IPV4));
    }

    @Test
    void ipv6TcpIsTcp() {
        assertEquals("IPv6 TCP unicast ? wire=74", eth(ipv6(TCP, V6_HOST_B, tcp()), IPV6));
    }

    @Test
    void icmpv6CountsAsIcmp() {
        assertEquals("IPv6 ICMP unicast ? wire=62", eth(ipv6(ICMPV6, V6_HOST_B, Frames.icmpEcho(0)), IPV6));
    }

    @Test
    void arpIsNonIp() {
        assertEquals("NonIP - broadcast ? wire=42",
                decoded(LinkType.ETHERNET, ethernet(BROADCAST_MAC, Frames.arp(), ARP)));
    }

    @Test
    void ethernetPaddingDoesNotMakeIpv4Bad() {
        byte[] frame = cat(ethernet(UNICAST_MAC, ipv4(UDP, udp(0)).build(), IPV4), zeros(18));
        assertEquals("IPv4 UDP unicast ? wire=60", decoded(LinkType.ETHERNET, frame));
    }

    @Test
    void countsVlanTaggedFramesAsTheirInnerType() {
        assertEquals("IPv4 TCP unicast ? wire=58", eth(IPV4_TCP, 0x8100, IPV4));
        assertEquals("NonIP - broadcast ? wire=46",
                decoded(LinkType.ETHERNET, ethernet(BROADCAST_MAC, Frames.arp(), 0x8100, ARP)));
    }

    @Test
    void qinqTwoTags() {
        assertEquals("IPv6 UDP unicast ? wire=80", eth(ipv6(UDP, V6_HOST_B, udp(10)), 0x88A8, 0x8100, IPV6));
        assertEquals("IPv4 TCP unicast ? wire=62", eth(IPV4_TCP, 0x9100, 0x8100, IPV4));
    }

    @Test
    void vlanTagCutBySnaplenIsTruncatedNonIp() {
        byte[] frame = ethernet(UNICAST_MAC, IPV4_TCP, 0x8100, IPV4);
        assertEquals("NonIP - unicast ? wire=58 truncated", decoded(LinkType.ETHERNET, frame, 16, 58));
    }

    @Test
    void snapEncapsulatedIpv4IsIpv4() {
        byte[] llcSnap = cat(new byte[] {(byte) 0xAA, (byte) 0xAA, 3, 0, 0, 0}, Frames.u16(IPV4), IPV4_TCP);
        assertEquals("IPv4 TCP unicast ? wire=62", eth(llcSnap, llcSnap.length));
    }

    @Test
    void spanningTreeLlcIsNonIpMulticast() {
        byte[] bpdu = cat(new byte[] {0x42, 0x42, 3}, zeros(35));
        assertEquals("NonIP - multicast ? wire=52",
                decoded(LinkType.ETHERNET, ethernet(Frames.mac("01:80:c2:00:00:00"), bpdu, bpdu.length)));
    }

    @Test
    void ipv4WithWrongChecksumIsBadIp() {
        assertEquals("IPv4 - unicast ? wire=54 badIp", eth(ipv4(TCP, tcp()).wrongChecksum().build(), IPV4));
    }

    @Test
    void ipv4IhlBelowFiveIsBadIp() {
        assertEquals("IPv4 - unicast ? wire=54 badIp", eth(ipv4(TCP, tcp()).ihl(4).build(), IPV4));
    }

    @Test
    void ipv4WithAnotherVersionIsBadIp() {
        assertEquals("IPv4 - unicast ? wire=54 badIp", eth(ipv4(TCP, tcp()).version(6).build(), IPV4));
    }

    @Test
    void ipv4TotalLengthBeyondFrameIsBadIp() {
        assertEquals("IPv4 TCP unicast ? wire=54", eth(ipv4(TCP, tcp()).totalLength(40).build(), IPV4));
        assertEquals("IPv4 - unicast ? wire=54 badIp", eth(ipv4(TCP, tcp()).totalLength(41).build(), IPV4));
    }

    @Test
    void ipv4TotalLengthShorterThanHeaderIsBadIp() {
        assertEquals("IPv4 - unicast ? wire=54 badIp", eth(ipv4(TCP, tcp()).totalLength(19).build(), IPV4));
    }

    @Test
    void ipv4HeaderCutBySnaplenIsTruncatedNotBad() {
        byte[] frame = ethernet(UNICAST_MAC, IPV4_TCP, IPV4);
        assertEquals("IPv4 OtherIP unicast ? wire=54 truncated", decoded(LinkType.ETHERNET, frame, 24, 54));
        byte[] badChecksum = ethernet(UNICAST_MAC, ipv4(TCP, tcp()).wrongChecksum().build(), IPV4);
        assertEquals("IPv4 OtherIP unicast ? wire=54 truncated", decoded(LinkType.ETHERNET, badChecksum, 33, 54));
        assertEquals("IPv4 OtherIP unicast ? wire=54 truncated", decoded(LinkType.ETHERNET, frame, 14, 54));
    }

    @Test
    void ipv4OptionsCutBySnaplenStillGiveTheTransport() {
        byte[] frame = ethernet(UNICAST_MAC, ipv4(TCP, tcp()).options(new byte[] {1, 1, 1, 0}).build(), IPV4);
        assertEquals("IPv4 TCP unicast ? wire=58", decoded(LinkType.ETHERNET, frame));
        assertEquals("IPv4 TCP unicast ? wire=58 truncated", decoded(LinkType.ETHERNET, frame, 34, 58));
    }

    @Test
    void ipv4NonFirstFragmentIsOtherIp() {
        assertEquals("IPv4 OtherIP unicast ? wire=60", eth(ipv4(UDP, udp(18)).fragmentOffset(185).build(), IPV4));
    }

    @Test
    void ipv6InIpv4StaysIpv4() {
        assertEquals("IPv4 OtherIP unicast ? wire=94", eth(ipv4(41, ipv6(TCP, V6_HOST_B, tcp())).build(), IPV4));
    }

    /** Hop-by-hop, routing, destination options, AH and a first fragment, then TCP: 84 bytes. */
    private static byte[] ipv6WithEveryExtensionHeader() {
        return ipv6(0, V6_HOST_B, cat(Frames.optionsHeader(43, 0), Frames.optionsHeader(60, 1),
                Frames.optionsHeader(51, 0), Frames.authenticationHeader(44), Frames.fragmentHeader(TCP, 0), tcp()));
    }

    @Test
    void ipv6ExtensionHeadersAreWalkedToTheTransport() {
        assertEquals("IPv6 TCP unicast ? wire=138", eth(ipv6WithEveryExtensionHeader(), IPV6));
    }

    @Test
    void ipv6ExtensionHeaderCutBySnaplenIsTruncatedOtherIp() {
        byte[] frame = ethernet(UNICAST_MAC, ipv6WithEveryExtensionHeader(), IPV6);
        assertEquals("IPv6 OtherIP unicast ? wire=138 truncated", decoded(LinkType.ETHERNET, frame, 14 + 40 + 10, 138));
        assertEquals("IPv6 OtherIP unicast ? wire=138 truncated", decoded(LinkType.ETHERNET, frame, 14 + 20, 138));
    }

    /**
     * Hop-by-hop whose next header is hop-by-hop again, with Hdr Ext Len 200 (1608 bytes) in a
     * payload length of 8: the second header starts far beyond the packet's end. Captured in
     * full, so nothing was cut off: BadIP (payload length shorter than the header chain), not
     * truncated (tshark: "Malformed Packet").
     */
    @Test
    void ipv6ExtensionHeaderLongerThanThePayloadIsBadIpNotTruncated() {
        byte[] frame = ethernet(UNICAST_MAC, ipv6(0, V6_HOST_B, cat(new byte[] {0, (byte) 200}, zeros(6))), IPV6);
        assertEquals("IPv6 - unicast ? wire=62 badIp", decoded(LinkType.ETHERNET, frame));
        // so it stays when the snap length cut the frame after the Hdr Ext Len, which shows it
        assertEquals("IPv6 - unicast ? wire=62 badIp", decoded(LinkType.ETHERNET, frame, 14 + 40 + 2, 62));
    }

    /** The chain is bounded by the payload length, not by the frame: Ethernet padding is not a header. */
    @Test
    void ipv6ExtensionHeaderRunningIntoEthernetPaddingIsBadIp() {
        // payload length 8 holds a hop-by-hop header of 16 bytes (Hdr Ext Len 1), next TCP;
        // the frame goes on with 8 bytes of padding and what looks like a TCP header
        byte[] packet = ipv6(0, V6_HOST_B, cat(new byte[] {TCP, 1}, zeros(6)));
        byte[] frame = ethernet(UNICAST_MAC, cat(packet, zeros(8), tcp()), IPV6);
        assertEquals("IPv6 - unicast ? wire=90 badIp", decoded(LinkType.ETHERNET, frame));
        // a payload length that does hold the chain (36: 16 + 20) gives the transport
        frame[14 + 5] = 36;
        assertEquals("IPv6 TCP unicast ? wire=90", decoded(LinkType.ETHERNET, frame));
    }

    /** An extension header announced where the payload length has ended (no room for its 8 bytes). */
    @Test
    void ipv6ExtensionHeaderAfterThePayloadIsBadIp() {
        byte[] withNothing = ethernet(UNICAST_MAC, ipv6(60, V6_HOST_B, zeros(0)), IPV6);
        assertEquals("IPv6 - unicast ? wire=54 badIp", decoded(LinkType.ETHERNET, withNothing));
        byte[] fragmentInFour = ethernet(UNICAST_MAC, ipv6(44, V6_HOST_B, cat(new byte[] {UDP, 0}, zeros(2))), IPV6);
        assertEquals("IPv6 - unicast ? wire=58 badIp", decoded(LinkType.ETHERNET, fragmentInFour));
        // also on a link without a link header
        assertEquals("IPv6 - unicast ? wire=40 badIp",
                decoded(LinkType.RAW, ipv6(60, V6_HOST_B, zeros(0))));
    }

    /** A jumbogram (RFC 2675): payload length 0, its length in a hop-by-hop option; bounded by the frame. */
    @Test
    void ipv6JumbogramIsWalkedToTheTransport() {
        byte[] jumbo = cat(new byte[] {TCP, 0, (byte) 0xC2, 4}, Frames.u32(70_000));
        byte[] packet = ipv6(0, V6_HOST_B, cat(jumbo, tcp()));
        packet[4] = 0;
        packet[5] = 0;
        assertEquals("IPv6 TCP unicast ? wire=70054", decoded(LinkType.ETHERNET, ethernet(UNICAST_MAC, packet, IPV6),
                14 + packet.length, 14 + 40 + 70_000));
    }

    @Test
    void ipv6NonFirstFragmentIsOtherIp() {
        assertEquals("IPv6 OtherIP unicast ? wire=78",
                eth(ipv6(44, V6_HOST_B, cat(Frames.fragmentHeader(UDP, 100), zeros(16))), IPV6));
    }

    @Test
    void ipv6PayloadLengthBeyondFrameIsBadIp() {
        byte[] frame = ethernet(UNICAST_MAC, ipv6(TCP, V6_HOST_B, tcp()), IPV6);
        frame[14 + 5] = 21; // payload length 21 in a packet that has 20
        assertEquals("IPv6 - unicast ? wire=74 badIp", decoded(LinkType.ETHERNET, frame));
        // known from the first 6 bytes even when the rest of the header is cut off
        assertEquals("IPv6 - unicast ? wire=74 badIp", decoded(LinkType.ETHERNET, frame, 14 + 6, 74));
    }

    @Test
    void ipv6WithAnotherVersionIsBadIp() {
        assertEquals("IPv6 - unicast ? wire=54 badIp", eth(IPV4_TCP, IPV6));
    }

    @Test
    void broadcastAndMulticastFromDestinationMac() {
        String[] dsts = {"ff:ff:ff:ff:ff:ff", "01:00:5e:00:00:fb", "33:33:00:00:00:01", "ff:ff:ff:ff:ff:fe",
            "02:00:00:00:00:0b", "fe:ff:ff:ff:ff:ff"};
        StringBuilder got = new StringBuilder();
        for (String dst : dsts) {
            got.append(dst).append(' ').append(decoded(LinkType.ETHERNET,
                    ethernet(Frames.mac(dst), Frames.arp(), ARP))).append('\n');
        }
        assertEquals("""
                ff:ff:ff:ff:ff:ff NonIP - broadcast ? wire=42
                01:00:5e:00:00:fb NonIP - multicast ? wire=42
                33:33:00:00:00:01 NonIP - multicast ? wire=42
                ff:ff:ff:ff:ff:fe NonIP - multicast ? wire=42
                02:00:00:00:00:0b NonIP - unicast ? wire=42
                fe:ff:ff:ff:ff:ff NonIP - unicast ? wire=42
                """, got.toString());
    }

    @Test
    void shortEthernetFrameIsNonIpTruncated() {
        byte[] frame = ethernet(BROADCAST_MAC, IPV4_TCP, IPV4);
        assertEquals("NonIP - broadcast ? wire=60 truncated", decoded(LinkType.ETHERNET, frame, 13, 60));
        assertEquals("NonIP - unicast ? wire=60 truncated", decoded(LinkType.ETHERNET, frame, 5, 60));
        assertEquals("NonIP - unicast ? wire=0 truncated", decoded(LinkType.ETHERNET, new byte[0], 0, 0));
    }

    @Test
    void snapLengthNeverChangesTheBytesCounted() {
        byte[] frame = ethernet(UNICAST_MAC, ipv4(UDP, udp(1458)).build(), IPV4);
        assertEquals("IPv4 UDP unicast ? wire=1500", decoded(LinkType.ETHERNET, frame, 64, 1500));
    }
}
