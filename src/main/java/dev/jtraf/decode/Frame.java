package dev.jtraf.decode;

/**
 * The decoded facts about one frame that counting needs; one instance per capture thread,
 * overwritten by every {@link FrameDecoder#decode} call (never shared between threads).
 *
 * <p>Category fields hold the counter categories of {@code dev.jtraf.stats.Category}-like
 * numbering defined here, so that counting is array indexing without branches on types.
 */
public final class Frame {
    /** Network class: outermost network header after any VLAN tags. */
    public static final int CLASS_IPV4 = 1;
    /** Network class IPv6. */
    public static final int CLASS_IPV6 = 2;
    /** Transport inside valid IP: TCP. */
    public static final int PROTO_TCP = 3;
    /** Transport UDP. */
    public static final int PROTO_UDP = 4;
    /** Transport ICMP (ICMPv4 and ICMPv6 together). */
    public static final int PROTO_ICMP = 5;
    /** Any other transport, non-first fragments and headers we could not follow. */
    public static final int PROTO_OTHER = 6;
    /** Network class: everything that is not IP (ARP, LLDP, ...). */
    public static final int CLASS_NONIP = 7;
    /** Link-layer destination class: broadcast. */
    public static final int CAST_BROADCAST = 8;
    /** Link-layer destination class: multicast (group bit set, broadcast excluded). */
    public static final int CAST_MULTICAST = 9;
    /** No category (unicast, or no transport because the IP header was bad). */
    public static final int NONE = -1;

    /** Direction unknown (most capture files). */
    public static final int DIR_UNKNOWN = 0;
    /** Received by the interface (kernel rx side). */
    public static final int DIR_IN = 1;
    /** Transmitted by the interface (kernel tx side). */
    public static final int DIR_OUT = 2;

    /** Bytes to count: the original length on the interface, link header included. */
    public int wireLength;
    /** {@link #CLASS_IPV4}, {@link #CLASS_IPV6} or {@link #CLASS_NONIP}. */
    public int netClass;
    /** A {@code PROTO_*} value for IP frames with a valid header, else {@link #NONE}. */
    public int transport;
    /** {@link #CAST_BROADCAST}, {@link #CAST_MULTICAST} or {@link #NONE}. */
    public int linkCast;
    /** One of the {@code DIR_*} values. */
    public int direction;
    /** Interface index from a LINUX_SLL2 header, else -1. */
    public int ifindex;
    /**
     * The sender's 48-bit MAC address (Ethernet source; the cooked header's address, which is
     * the source in both directions), or -1 if the frame has none. The host total uses it to
     * tell a bridge port's own transmissions from frames the bridge forwards through it.
     */
    public long linkSource;
    /** The IP header is invalid (BadIP). */
    public boolean badIp;
    /** A header was cut off by the snap length before it could be decoded. */
    public boolean truncated;

    void reset(int originalLength) {
        wireLength = originalLength;
        netClass = CLASS_NONIP;
        transport = NONE;
        linkCast = NONE;
        direction = DIR_UNKNOWN;
        ifindex = -1;
        linkSource = -1;
        badIp = false;
        truncated = false;
    }
}
