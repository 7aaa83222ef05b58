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

    /**
     * The highest {@link #average} of one slot field over the windows that end at
     * {@code firstEnd .. lastEnd} (each end exclusive, as in {@link #average}); 0 when none of
     * them ends after {@code firstSecond}. One pass over the seconds, not one per window.
     */
    public static double highestAverage(long[] ring, int field, long firstEnd, long lastEnd, long firstSecond,
            int window) {
        if (firstSecond == Long.MIN_VALUE) {
            return 0;
        }
        long start = Math.max(firstEnd, firstSecond + 1);
        long from = Math.max(start - window, firstSecond); // the oldest second in the running sum
        long sum = 0;
        for (long s = from; s < start - 1; s++) {
            sum += valueAt(ring, field, s);
        }
        double highest = 0;
        for (long end = start; end <= lastEnd; end++) {
            sum += valueAt(ring, field, end - 1);
            long oldest = Math.max(end - window, firstSecond);
            for (; from < oldest; from++) {
                sum -= valueAt(ring, field, from);
            }
            highest = Math.max(highest, (double) sum / (end - oldest));
        }
        return highest;
    }

    /** The newest second in the ring before {@code endSecondExclusive}, or {@code Long.MIN_VALUE} if none. */
    public static long newestBefore(long[] ring, long endSecondExclusive) {
        long newest = Long.MIN_VALUE;
        for (int slot = 0; slot < ring.length; slot += IfaceCounters.SLOT_LONGS) {
            long s = ring[slot + IfaceCounters.SLOT_SECOND];
            if (s < endSecondExclusive && s > newest) {
                newest = s;
            }
        }
        return newest;
    }

    /** The value of one slot field in one second (0 if that second is not in the ring). */
    public static long valueAt(long[] ring, int field, long second) {
        int slot = (int) (second & (IfaceCounters.RING_SECONDS - 1)) * IfaceCounters.SLOT_LONGS;
        return ring[slot + IfaceCounters.SLOT_SECOND] == second ? ring[slot + field] : 0;
    }
}
