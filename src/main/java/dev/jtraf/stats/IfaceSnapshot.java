package dev.jtraf.stats;

/**
 * An immutable copy of one interface's counters at one moment, with its rates.
 *
 * @param name                 interface name
 * @param key                  the source's key, as {@link InterfaceStats#key}
 * @param gone                 the interface vanished; counts are final
 * @param directionKnown       whether in/out counts mean anything
 * @param counters             {@link IfaceCounters#COUNTERS} cumulative values, see its layout
 * @param history              the per-second ring copy ({@link IfaceCounters#RING_LONGS}), or null
 * @param bytesPerSecond       Activity: average bytes/s over the window
 * @param packetsPerSecond     average frames/s over the window
 * @param inBytesPerSecond     average received bytes/s
 * @param outBytesPerSecond    average transmitted bytes/s
 * @param peakBytesPerSecond   highest Activity since start
 * @param peakPacketsPerSecond highest packet rate since start
 */
public record IfaceSnapshot(String name, int key, boolean gone, boolean directionKnown, long[] counters,
        long[] history, double bytesPerSecond, double packetsPerSecond, double inBytesPerSecond,
        double outBytesPerSecond, double peakBytesPerSecond, double peakPacketsPerSecond) {

    /** One counter, e.g. {@code get(IfaceCounters.UDP, IfaceCounters.IN, IfaceCounters.BYTES)}. */
    public long get(int category, int direction, int metric) {
        return counters[IfaceCounters.index(category, direction, metric)];
    }

    /** Packets of a category, both directions. */
    public long packets(int category) {
        return get(category, IfaceCounters.ALL, IfaceCounters.PACKETS);
    }

    public long badIp() {
        return counters[IfaceCounters.BADIP];
    }

    public long truncated() {
        return counters[IfaceCounters.TRUNCATED];
    }
}
