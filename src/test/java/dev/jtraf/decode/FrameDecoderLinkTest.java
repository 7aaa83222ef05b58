package dev.jtraf.decode;

import static dev.jtraf.decode.FrameDecoderTest.decoded;
import static dev.jtraf.decode.Frames.ARP;
import static dev.jtraf.decode.Frames.IPV4;
import static dev.jtraf.decode.Frames.IPV6;
import static dev.jtraf.decode.Frames.TCP;
import static dev.jtraf.decode.Frames.UDP;
import static dev.jtraf.decode.Frames.V6_HOST_B;
import static dev.jtraf.decode.Frames.cat;
import static dev.jtraf.decode.Frames.ipv4;
import static dev.jtraf.decode.Frames.ipv6;
import static dev.jtraf.decode.Frames.nullHeader;
import static dev.jtraf.decode.Frames.sll;
import static dev.jtraf.decode.Frames.sll2;
import static dev.jtraf.decode.Frames.tcp;
import static dev.jtraf.decode.Frames.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Cooked (SLL, SLL2), raw-IP and loopback link types; same one-line notation as {@link FrameDecoderTest}. */
class FrameDecoderLinkTest {
    private static final int HOST = 0;
    private static final int BROADCAST = 1;
    private static final int MULTICAST = 2;
    private static final int OUTGOING = 4;
    private static final int ARPHRD_ETHER = 1;
    private static final int ARPHRD_LOOPBACK = 772;
    private static final int ARPHRD_NONE = 65534;

    private static final byte[] IPV4_UDP = ipv4(UDP, udp(18)).build(); // 46 bytes
    private static final byte[] IPV4_TCP = ipv4(TCP, tcp()).build(); // 40 bytes
    private static final byte[] IPV6_TCP = ipv6(TCP, V6_HOST_B, tcp()); // 60 bytes

    @Test
    void sll2GivesIfindexDirectionAndRebuildsEthernetLength() {
        // 20-byte cooked header + 46 bytes of IP on an Ethernet interface: 46 + 14 on the wire
        assertEquals("IPv4 UDP unicast in wire=60 ifindex=7",
                decoded(LinkType.LINUX_SLL2, sll2(IPV4, 7, ARPHRD_ETHER, HOST, IPV4_UDP)));
        assertEquals("IPv4 UDP unicast out wire=60 ifindex=7",
                decoded(LinkType.LINUX_SLL2, sll2(IPV4, 7, ARPHRD_ETHER, OUTGOING, IPV4_UDP)));
        assertEquals("IPv4 UDP unicast in wire=60 ifindex=1",
                decoded(LinkType.LINUX_SLL2, sll2(IPV4, 1, ARPHRD_LOOPBACK, HOST, IPV4_UDP)));
        assertEquals("IPv4 UDP unicast in wire=46 ifindex=9",
                decoded(LinkType.LINUX_SLL2, sll2(IPV4, 9, ARPHRD_NONE, HOST, IPV4_UDP)));
    }

    @Test
    void sll2LengthIsRebuiltFromTheOriginalLengthNotTheCapturedOne() {
        byte[] frame = sll2(IPV4, 7, ARPHRD_ETHER, HOST, ipv4(UDP, udp(1472)).build());
        assertEquals("IPv4 UDP unicast in wire=1514 ifindex=7", decoded(LinkType.LINUX_SLL2, frame, 96, 1520));
    }

    @Test
    void sll2HeaderCutBySnaplenStillCountsTheRebuiltLength() {
        byte[] frame = sll2(IPV4, 7, ARPHRD_ETHER, OUTGOING, IPV4_UDP);
        assertEquals("NonIP - unicast out wire=60 ifindex=7 truncated", decoded(LinkType.LINUX_SLL2, frame, 12, 66));
        assertEquals("NonIP - unicast ? wire=46 ifindex=7 truncated", decoded(LinkType.LINUX_SLL2, frame, 8, 66));
        assertEquals("NonIP - unicast ? wire=46 truncated", decoded(LinkType.LINUX_SLL2, frame, 7, 66));
    }

    @Test
    void sllGivesDirectionAndRebuildsTheLength() {
        assertEquals("IPv4 TCP unicast in wire=54", decoded(LinkType.LINUX_SLL, sll(HOST, ARPHRD_ETHER, IPV4, IPV4_TCP)));
        assertEquals("IPv6 TCP unicast out wire=60",
                decoded(LinkType.LINUX_SLL, sll(OUTGOING, ARPHRD_NONE, IPV6, IPV6_TCP)));
        assertEquals("NonIP - unicast in wire=54 truncated",
                decoded(LinkType.LINUX_SLL, sll(HOST, ARPHRD_ETHER, IPV4, IPV4_TCP), 6, 56));
    }

    @Test
    void sllIncomingBroadcastAndMulticastFromThePacketType() {
        assertEquals("NonIP - broadcast in wire=42", decoded(LinkType.LINUX_SLL, sll(BROADCAST, ARPHRD_ETHER, ARP,
                Frames.arp())));
        assertEquals("IPv4 UDP multicast in wire=60", decoded(LinkType.LINUX_SLL, sll(MULTICAST, ARPHRD_ETHER, IPV4,
                IPV4_UDP)));
    }

    @Test
    void sllOutgoingMulticastInferredFromIpDestination() {
        byte[] mdns = ipv4(UDP, udp(0)).dst(Frames.MDNS_GROUP).build();
        byte[] dhcp = ipv4(UDP, udp(0)).dst(Frames.LIMITED_BROADCAST).build();
        byte[] subnetBroadcast = ipv4(UDP, udp(0)).dst(new byte[] {10, 0, 0, (byte) 255}).build();
        byte[] allNodes = ipv6(Frames.ICMPV6, Frames.V6_ALL_NODES, Frames.icmpEcho(0));
        assertEquals("IPv4 UDP multicast out wire=42", decoded(LinkType.LINUX_SLL, sll(OUTGOING, ARPHRD_ETHER, IPV4, mdns)));
        assertEquals("IPv4 UDP broadcast out wire=42", decoded(LinkType.LINUX_SLL, sll(OUTGOING, ARPHRD_ETHER, IPV4, dhcp)));
        assertEquals("IPv6 ICMP multicast out wire=62 ifindex=3",
                decoded(LinkType.LINUX_SLL2, sll2(IPV6, 3, ARPHRD_ETHER, OUTGOING, allNodes)));
        // documented limit: what the IP destination cannot tell stays unicast
        assertEquals("IPv4 UDP unicast out wire=42",
                decoded(LinkType.LINUX_SLL, sll(OUTGOING, ARPHRD_ETHER, IPV4, subnetBroadcast)));
        assertEquals("NonIP - unicast out wire=42", decoded(LinkType.LINUX_SLL, sll(OUTGOING, ARPHRD_ETHER, ARP,
                Frames.arp())));
    }

    @Test
    void sllCarriesVlanTagsInThePayload() {
        byte[] tagged = cat(Frames.u16(100), Frames.u16(IPV4), IPV4_TCP);
        assertEquals("IPv4 TCP unicast in wire=58 ifindex=4",
                decoded(LinkType.LINUX_SLL2, sll2(0x8100, 4, ARPHRD_ETHER, HOST, tagged)));
    }

    @Test
    void rawIpVersionNibbleDecides() {
        for (int linkType : new int[] {LinkType.RAW, LinkType.RAW_DLT12, LinkType.RAW_DLT14}) {
            String got = decoded(linkType, IPV4_TCP) + " | " + decoded(linkType, IPV6_TCP) + " | "
                    + decoded(linkType, ipv4(TCP, tcp()).version(5).build());
            assertEquals("IPv4 TCP unicast ? wire=40 | IPv6 TCP unicast ? wire=60 | NonIP - unicast ? wire=40", got,
                    "link type " + linkType);
        }
    }

    @Test
    void rawIpWithBadHeaderIsBadIp() {
        assertEquals("IPv4 - unicast ? wire=40 badIp", decoded(LinkType.RAW, ipv4(TCP, tcp()).wrongChecksum().build()));
        assertEquals("IPv4 - unicast ? wire=39 badIp", decoded(LinkType.RAW, IPV4_TCP, 40, 39));
    }

    @Test
    void linktypeIpv4WithWrongVersionIsBadIp() {
        assertEquals("IPv4 TCP unicast ? wire=40", decoded(LinkType.IPV4, IPV4_TCP));
        assertEquals("IPv4 - unicast ? wire=60 badIp", decoded(LinkType.IPV4, IPV6_TCP));
        assertEquals("IPv6 TCP unicast ? wire=60", decoded(LinkType.IPV6, IPV6_TCP));
        assertEquals("IPv6 - unicast ? wire=40 badIp", decoded(LinkType.IPV6, IPV4_TCP));
    }

    @Test
    void rawIpWithNothingCapturedIsTruncated() {
        assertEquals("IPv4 OtherIP unicast ? wire=40 truncated", decoded(LinkType.IPV4, IPV4_TCP, 0, 40));
        assertEquals("NonIP - unicast ? wire=40 truncated", decoded(LinkType.RAW, IPV4_TCP, 0, 40));
    }

    @Test
    void nullLoopbackBothByteOrders() {
        StringBuilder got = new StringBuilder();
        int[][] cases = {{LinkType.NULL, 2, 1}, {LinkType.NULL, 2, 0}, {LinkType.NULL, 10, 1}, {LinkType.NULL, 24, 0},
            {LinkType.NULL, 28, 1}, {LinkType.NULL, 30, 1}, {LinkType.NULL, 30, 0}, {LinkType.LOOP, 2, 0},
            {LinkType.LOOP, 24, 0}, {LinkType.NULL, 7, 1}};
        for (int[] c : cases) {
            byte[] packet = c[1] == 2 || c[1] == 7 ? IPV4_TCP : IPV6_TCP;
            got.append(c[0] == LinkType.NULL ? "NULL" : "LOOP").append(" af=").append(c[1])
                    .append(c[2] == 1 ? " le " : " be ")
                    .append(decoded(c[0], cat(nullHeader(c[1], c[2] == 1), packet))).append('\n');
        }
        assertEquals("""
                NULL af=2 le IPv4 TCP unicast ? wire=44
                NULL af=2 be IPv4 TCP unicast ? wire=44
                NULL af=10 le IPv6 TCP unicast ? wire=64
                NULL af=24 be IPv6 TCP unicast ? wire=64
                NULL af=28 le IPv6 TCP unicast ? wire=64
                NULL af=30 le IPv6 TCP unicast ? wire=64
                NULL af=30 be IPv6 TCP unicast ? wire=64
                LOOP af=2 be IPv4 TCP unicast ? wire=44
                LOOP af=24 be IPv6 TCP unicast ? wire=64
                NULL af=7 le NonIP - unicast ? wire=44
                """, got.toString());
    }

    @Test
    void loopbackHeaderCutOffIsTruncated() {
        assertEquals("NonIP - unicast ? wire=44 truncated",
                decoded(LinkType.NULL, cat(nullHeader(2, true), IPV4_TCP), 3, 44));
    }

    @Test
    void unsupportedLinkTypeIsNonIp() {
        assertEquals("NonIP - unicast ? wire=40", decoded(105, IPV4_TCP));
    }
}
