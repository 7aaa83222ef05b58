package dev.jtraf.decode;

/**
 * The link-layer header types (pcap {@code LINKTYPE_*} values) that the decoder understands.
 *
 * <p>Values are those written in capture files (tcpdump.org/linktypes.html); where a platform
 * {@code DLT_*} value differs (raw IP is 12 or 14 on some systems), both are accepted.
 */
public final class LinkType {
    /** BSD loopback: 4-byte address family in the byte order of the capturing host. */
    public static final int NULL = 0;
    /** Ethernet II / 802.3, optionally with 802.1Q/802.1ad tags. */
    public static final int ETHERNET = 1;
    /** Raw IP as some platforms number it (DLT_RAW on most BSDs and Linux). */
    public static final int RAW_DLT12 = 12;
    /** Raw IP as OpenBSD numbers it. */
    public static final int RAW_DLT14 = 14;
    /** Raw IP, version taken from the first nibble. */
    public static final int RAW = 101;
    /** OpenBSD loopback: 4-byte address family in network byte order. */
    public static final int LOOP = 108;
    /** Linux cooked capture v1: 16-byte header, packet type, no interface index. */
    public static final int LINUX_SLL = 113;
    /** Raw IPv4 only. */
    public static final int IPV4 = 228;
    /** Raw IPv6 only. */
    public static final int IPV6 = 229;
    /** Linux cooked capture v2: 20-byte header with interface index and packet type. */
    public static final int LINUX_SLL2 = 276;

    private LinkType() {
    }

    /** True where {@link FrameDecoder} can classify frames of this link type. */
    public static boolean isSupported(int linkType) {
        switch (linkType) {
            case NULL: case ETHERNET: case RAW_DLT12: case RAW_DLT14: case RAW: case LOOP:
            case LINUX_SLL: case IPV4: case IPV6: case LINUX_SLL2:
                return true;
            default:
                return false;
        }
    }

    /** True where every frame carries its own direction (cooked Linux captures). */
    public static boolean carriesDirection(int linkType) {
        return linkType == LINUX_SLL || linkType == LINUX_SLL2;
    }

    /** A human name, e.g. {@code "EN10MB (1)"}, for messages. */
    public static String describe(int linkType) {
        String name;
        switch (linkType) {
            case NULL: name = "NULL"; break;
            case ETHERNET: name = "EN10MB"; break;
            case RAW_DLT12: case RAW_DLT14: case RAW: name = "RAW"; break;
            case LOOP: name = "LOOP"; break;
            case LINUX_SLL: name = "LINUX_SLL"; break;
            case IPV4: name = "IPV4"; break;
            case IPV6: name = "IPV6"; break;
            case LINUX_SLL2: name = "LINUX_SLL2"; break;
            case 9: name = "PPP"; break;
            case 50: name = "PPP_HDLC"; break;
            case 104: name = "C_HDLC"; break;
            case 105: name = "IEEE802_11"; break;
            case 127: name = "IEEE802_11_RADIOTAP"; break;
            case 192: name = "PPI"; break;
            case 195: name = "IEEE802_15_4"; break;
            case 201: name = "ERF"; break;
            default: name = "unknown"; break;
        }
        return name + " (" + linkType + ")";
    }

    /** The list of supported types, for error messages. */
    public static String supportedList() {
        return "EN10MB (1), LINUX_SLL (113), LINUX_SLL2 (276), RAW (101/12/14), IPV4 (228), IPV6 (229), NULL (0), LOOP (108)";
    }
}
