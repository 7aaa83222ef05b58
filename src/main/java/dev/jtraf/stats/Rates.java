package dev.jtraf.stats;

/**
 * Moving averages over the per-second history ring of {@link IfaceCounters}.
 *
 * <p>Pure functions of a ring copy: Activity at a moment is the average over the last N
 * complete seconds; while fewer than N seconds have passed since the interface was first seen,
 * over the seconds that have passed (no zero-filled warm-up as in iptraf-ng). Seconds absent
 * from the ring had no traffic and count as zero.
 */
public final class Rates {
    private Rates() {
    }

    /**
     * Average per second of one slot field over the complete seconds
     * {@code [endSecondExclusive - window, endSecondExclusive)}, not before {@code firstSecond}.
     *
     * @return 0 when no complete second has passed since {@code firstSecond}
     */
    public static double average(long[] ring, int field, long endSecondExclusive, long firstSecond, int window) {
        if (firstSecond == Long.MIN_VALUE) {
            return 0;
        }
        long from = Math.max(endSecondExclusive - window, firstSecond);
        long seconds = endSecondExclusive - from;
        if (seconds <= 0) {
            return 0;
        }
        long sum = 0;
        for (long s = from; s < endSecondExclusive; s++) {
            int slot = (int) (s & (IfaceCounters.RING_SECONDS - 1)) * IfaceCounters.SLOT_LONGS;
            if (ring[slot + IfaceCounters.SLOT_SECOND] == s) {
                sum += ring[slot + field];
            }
        }
        return (double) sum / seconds;
    }

    /** The value of one slot field in one second (0 if that second is not in the ring). */
    public static long valueAt(long[] ring, int field, long second) {
        int slot = (int) (second & (IfaceCounters.RING_SECONDS - 1)) * IfaceCounters.SLOT_LONGS;
        return ring[slot + IfaceCounters.SLOT_SECOND] == second ? ring[slot + field] : 0;
    }
}
