package dev.jtraf.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The set of monitored interfaces of one run, looked up by source key on the packet path.
 *
 * <p>Additions and retirements are rare and serialised by a lock; they publish fresh
 * copy-on-write arrays through volatile fields, so {@link #lookup} on the packet path is one
 * volatile read and an array index, without locks or allocation. Keys are small ints
 * ({@link InterfaceStats#key}: ifindex, the interface number in a capture file, or below zero
 * the ifindexes a file's cooked frames name); negative ones index an array of their own, so
 * that a key is found where it was stored whatever its sign. Keys of {@value #DIRECT_KEYS} and
 * above, or below minus that, go to a map (never seen in practice, but ifindex is a 32-bit
 * value).
 */
public final class InterfaceTable {
    /** Marker for keys deliberately not counted (excluded by -x, or down). */
    public static final InterfaceStats IGNORED = new InterfaceStats("(ignored)", -1, false, new IfaceCounters(0, 1));

    private static final int DIRECT_KEYS = 1 << 20;

    /**
     * What interfaces were forgotten ({@link #fold}) left to the totals: their counts summed
     * ({@link IfaceCounters} layout, peaks left out), the same for the host total, whether all
     * of them knew their direction, and how many they were.
     */
    public record Retired(long[] counts, long[] hostCounts, boolean directionKnown, long interfaces) {
        static final Retired NONE = new Retired(new long[IfaceCounters.COUNTERS], new long[IfaceCounters.COUNTERS], true, 0);

        Retired plus(long[] c, long[] host, boolean direction) {
            long[] a = counts.clone();
            long[] h = hostCounts.clone();
            for (int i = 0; i < IfaceCounters.PEAK_BYTES_PER_SECOND; i++) {
                a[i] += c[i];
                h[i] += host[i];
            }
            return new Retired(a, h, directionKnown && direction, interfaces + 1);
        }
    }

    /** The interfaces and what the forgotten ones left, published together (one volatile write). */
    public record Contents(List<InterfaceStats> all, Retired retired) {
    }

    private final Object lock = new Object();
    private volatile InterfaceStats[] byKey = new InterfaceStats[64];
    /** Negative keys, at {@code ~key}: -1 at 0, -2 at 1. */
    private volatile InterfaceStats[] byNegativeKey = new InterfaceStats[8];
    private final ConcurrentHashMap<Integer, InterfaceStats> farKeys = new ConcurrentHashMap<>();
    private volatile Contents contents = new Contents(List.of(), Retired.NONE);

    /** The interface counted under {@code key}, {@link #IGNORED}, or null if unknown. Any thread. */
    public InterfaceStats lookup(int key) {
        InterfaceStats[] a = key < 0 ? byNegativeKey : byKey;
        int i = slot(key);
        return i < a.length ? a[i] : farKeys.get(key);
    }

    /**
     * Installs {@code stats} under its key, replacing (and marking gone) any entry there.
     *
     * @return {@code stats}
     */
    public InterfaceStats put(InterfaceStats stats, long nowNanos) {
        synchronized (lock) {
            InterfaceStats previous = lookup(stats.key());
            if (previous == stats) {
                return stats;
            }
            if (previous != null && previous != IGNORED) {
                previous.markGone(nowNanos);
            }
            install(stats.key(), stats);
            if (stats != IGNORED) {
                Contents c = contents;
                List<InterfaceStats> copy = new ArrayList<>(c.all());
                copy.add(stats);
                contents = new Contents(Collections.unmodifiableList(copy), c.retired());
            }
            return stats;
        }
    }

    /** Marks {@code key} as not counted (frames on it are skipped). */
    public void ignore(int key) {
        synchronized (lock) {
            if (lookup(key) == null) {
                install(key, IGNORED);
            }
        }
    }

    /**
     * Marks the interface under {@code key} gone and frees the key for reuse; its counts stay
     * in {@link #all()}.
     */
    public void retireKey(int key, long nowNanos) {
        synchronized (lock) {
            InterfaceStats previous = lookup(key);
            if (previous != null && previous != IGNORED) {
                previous.markGone(nowNanos);
            }
            install(key, null);
        }
    }

    /**
     * Drops a gone interface from {@link #all()}, leaving its counts {@code counts} (and
     * {@code hostCounts}, its part of the host total) to {@link Contents#retired()}, in the same
     * write: a reader sees it in one place or the other, never in both or neither. No frame may
     * be counted on it any more (it has been gone for a while).
     */
    public void fold(InterfaceStats stats, long[] counts, long[] hostCounts) {
        synchronized (lock) {
            Contents c = contents;
            List<InterfaceStats> copy = new ArrayList<>(c.all());
            if (copy.remove(stats)) {
                contents = new Contents(Collections.unmodifiableList(copy),
                        c.retired().plus(counts, hostCounts, stats.directionKnown()));
            }
        }
    }

    /** Every interface of this run not yet forgotten ({@link #fold}), gone ones included, in the order they were added. */
    public List<InterfaceStats> all() {
        return contents.all();
    }

    /** The interfaces and what forgotten ones left, as one consistent view. Any thread. */
    public Contents contents() {
        return contents;
    }

    /** Index of {@code key} in its array: the key itself, or {@code ~key} for a negative one. */
    private static int slot(int key) {
        return key ^ (key >> 31);
    }

    private void install(int key, InterfaceStats value) {
        int i = slot(key);
        if (i >= DIRECT_KEYS) {
            if (value == null) {
                farKeys.remove(key);
            } else {
                farKeys.put(key, value);
            }
        } else if (key < 0) {
            byNegativeKey = with(byNegativeKey, i, value);
        } else {
            byKey = with(byKey, i, value);
        }
    }

    private static InterfaceStats[] with(InterfaceStats[] a, int i, InterfaceStats value) {
        InterfaceStats[] copy = java.util.Arrays.copyOf(a, Math.max(a.length, Integer.highestOneBit(i) * 2));
        copy[i] = value;
        return copy;
    }
}
