package dev.jtraf.decode;

import static dev.jtraf.decode.Frames.IPV4;
import static dev.jtraf.decode.Frames.IPV6;
import static dev.jtraf.decode.Frames.TCP;
import static dev.jtraf.decode.Frames.UDP;
import static dev.jtraf.decode.Frames.V6_HOST_B;
import static dev.jtraf.decode.Frames.cat;
import static dev.jtraf.decode.Frames.ipv4;
import static dev.jtraf.decode.Frames.ipv6;
import static dev.jtraf.decode.Frames.tcp;
import static dev.jtraf.decode.Frames.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The decoder on random and randomly damaged input: it never throws and its output is always countable. */
class FrameDecoderFuzzTest {
    private static final int[] LINK_TYPES = {LinkType.NULL, LinkType.ETHERNET, LinkType.RAW_DLT12, LinkType.RAW_DLT14,
        LinkType.RAW, LinkType.LOOP, LinkType.LINUX_SLL, LinkType.IPV4, LinkType.IPV6, LinkType.LINUX_SLL2, 105, -1, 9};

    /** Well-formed frames to damage, so that the random input also reaches the deeper headers. */
    private static final Object[][] TEMPLATES = {
        {LinkType.ETHERNET, Frames.ethernet(Frames.UNICAST_MAC, ipv4(TCP, tcp()).build(), 0x8100, IPV4)},
        {LinkType.ETHERNET, Frames.ethernet(Frames.IPV6_ALL_NODES_MAC, ipv6(0, V6_HOST_B, cat(Frames.optionsHeader(44, 0),
            Frames.fragmentHeader(51, 0), Frames.authenticationHeader(UDP), udp(4))), IPV6)},
        {LinkType.LINUX_SLL2, Frames.sll2(IPV4, 3, 1, 4, ipv4(UDP, udp(8)).dst(Frames.MDNS_GROUP).build())},
        {LinkType.LINUX_SLL, Frames.sll(4, 1, IPV6, ipv6(Frames.ICMPV6, Frames.V6_ALL_NODES, Frames.icmpEcho(4)))},
        {LinkType.RAW, ipv4(17, udp(2)).options(new byte[] {1, 1, 1, 0}).build()},
        {LinkType.NULL, cat(Frames.nullHeader(30, true), ipv6(TCP, V6_HOST_B, tcp()))},
    };

    @Test
    void neverThrowsOnRandomBytes() {
        Random random = new Random(0x6a74726166L);
        Frame f = new Frame();
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < 100_000 && violations.size() < 10; i++) {
            int linkType;
            byte[] buf;
            if (random.nextBoolean()) {
                Object[] t = TEMPLATES[random.nextInt(TEMPLATES.length)];
                linkType = (Integer) t[0];
                buf = ((byte[]) t[1]).clone();
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    buf[random.nextInt(buf.length)] = (byte) random.nextInt(256);
                }
            } else {
                linkType = LINK_TYPES[random.nextInt(LINK_TYPES.length)];
                buf = new byte[random.nextInt(120)];
                random.nextBytes(buf);
            }
            int off = random.nextInt(4) == 0 ? random.nextInt(buf.length + 3) : 0;
            int captured = random.nextInt(4) == 0 ? random.nextInt(400) - 20 : Math.max(0, buf.length - off);
            int original = random.nextInt(4) == 0 ? random.nextInt(400) : Math.max(0, captured);
            String input = "link type " + linkType + ", off " + off + ", captured " + captured + ", original " + original
                    + ", bytes " + HexFormat.of().formatHex(buf);
            try {
                FrameDecoder.decode(linkType, buf, off, captured, original, f);
            } catch (RuntimeException e) {
                violations.add(e + " on " + input);
                continue;
            }
            String broken = brokenInvariant(f, linkType, original);
            if (broken != null) {
                violations.add(broken + " on " + input + ": " + FrameDecoderTest.describe(f));
            }
        }
        assertEquals("", String.join("\n", violations));
    }

    /** What counting relies on, or null when all of it holds. */
    private static String brokenInvariant(Frame f, int linkType, int original) {
        boolean ip = f.netClass == Frame.CLASS_IPV4 || f.netClass == Frame.CLASS_IPV6;
        if (!ip && f.netClass != Frame.CLASS_NONIP) {
            return "netClass " + f.netClass;
        }
        if (f.transport != Frame.NONE && (f.transport < Frame.PROTO_TCP || f.transport > Frame.PROTO_OTHER)) {
            return "transport " + f.transport;
        }
        if ((f.transport != Frame.NONE) != (ip && !f.badIp)) {
            return "a transport must be given exactly to IP frames with a valid header";
        }
        if (f.badIp && f.truncated) {
            return "a truncated header is not bad";
        }
        if (f.linkCast != Frame.NONE && f.linkCast != Frame.CAST_BROADCAST && f.linkCast != Frame.CAST_MULTICAST) {
            return "linkCast " + f.linkCast;
        }
        boolean cooked = linkType == LinkType.LINUX_SLL || linkType == LinkType.LINUX_SLL2;
        if (!cooked && f.direction != Frame.DIR_UNKNOWN) {
            return "direction without a cooked header";
        }
        if (linkType != LinkType.LINUX_SLL2 && f.ifindex != -1) {
            return "ifindex without SLL2";
        }
        int header = linkType == LinkType.LINUX_SLL ? 16 : 20;
        int payload = Math.max(0, original - header);
        if (cooked ? f.wireLength != payload && f.wireLength != payload + 14 : f.wireLength != original) {
            return "wireLength " + f.wireLength + " for original length " + original;
        }
        return null;
    }
}
