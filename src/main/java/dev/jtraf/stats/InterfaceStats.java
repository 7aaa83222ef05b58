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
    private volatile long goneAtNanos;

    /**
     * @param name           the interface name as shown (e.g. {@code veth8936142})
     * @param key            the source's key: the ifindex live, the interface number in a file
     * @param directionKnown whether the source tells in from out for this interface
     * @param counters       its counters (this object is their only owner)
     */
    public InterfaceStats(String name, int key, boolean directionKnown, IfaceCounters counters) {
        this.name = name;
        this.key = key;
        this.directionKnown = directionKnown;
        this.counters = counters;
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
