package dev.jtraf.stats;

/**
 * One monitored interface: identity, lifecycle and its {@link IfaceCounters}.
 *
 * <p>Identity fields are immutable. The lifecycle field {@code goneAtNanos} has one writer, the
 * thread that learns the interface vanished (interface discovery, or the capture thread at end
 * of a source); readers see it through a volatile read.
 */
public final class InterfaceStats {
    private final String name;
    private final int key;
    private final boolean directionKnown;
    private final IfaceCounters counters;
    private final long ownMac;
    private final IfaceCounters ownOut;
    private volatile long goneAtNanos;

    /**
     * @param name           the interface name as shown (e.g. {@code veth8936142})
     * @param key            the source's key: the ifindex live, the interface number in a file
     *                       ({@code ~ifindex}, below zero, for the ifindexes its LINUX_SLL2 frames name)
     * @param directionKnown whether the source tells in from out for this interface
     * @param counters       its counters (this object is their only owner)
     */
    public InterfaceStats(String name, int key, boolean directionKnown, IfaceCounters counters) {
        this(name, key, directionKnown, counters, -1, null);
    }

    /**
     * A bridge port, whose own transmissions are counted apart as well: frames it sends with
     * its own MAC as the source are the host stack's (IPv6 link-local chatter of a host-side
     * veth), the others were forwarded by the bridge. The host total needs the difference
     * ({@link HostTotal}).
     *
     * @param ownMac the interface's MAC as a 48-bit number, or -1
     * @param ownOut counters of its out frames whose source is {@code ownMac}, or null
     */
    public InterfaceStats(String name, int key, boolean directionKnown, IfaceCounters counters, long ownMac,
            IfaceCounters ownOut) {
        this.name = name;
        this.key = key;
        this.directionKnown = directionKnown;
        this.counters = counters;
        this.ownMac = ownOut == null ? -1 : ownMac;
        this.ownOut = ownOut;
    }

    public String name() {
        return name;
    }

    public int key() {
        return key;
    }

    public boolean directionKnown() {
        return directionKnown;
    }

    public IfaceCounters counters() {
        return counters;
    }

    /** The MAC whose out frames {@link #ownOut()} counts, or -1. */
    public long ownMac() {
        return ownMac;
    }

    /** Out frames sent with this interface's own MAC (bridge ports only), or null. Same single writer. */
    public IfaceCounters ownOut() {
        return ownOut;
    }

    /** Epoch nanoseconds (source clock) when the interface vanished, 0 while it exists. */
    public long goneAtNanos() {
        return goneAtNanos;
    }

    public boolean isGone() {
        return goneAtNanos != 0;
    }

    /** Marks the interface gone; its counts are kept. Idempotent. */
    public void markGone(long nowNanos) {
        if (goneAtNanos == 0) {
            goneAtNanos = Math.max(1, nowNanos);
        }
    }

    @Override
    public String toString() {
        return name + "#" + key;
    }
}
