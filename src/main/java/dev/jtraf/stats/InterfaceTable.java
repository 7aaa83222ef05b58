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
 * volatile read and an array index, without locks or allocation. Keys are small non-negative
 * ints (ifindex, or the interface number in a capture file); keys of {@value #DIRECT_KEYS} and
 * above go to a map (never seen in practice, but ifindex is a 32-bit value).
 */
public final class InterfaceTable {
    /** Marker for keys deliberately not counted (excluded by -x, or down). */
    public static final InterfaceStats IGNORED = new InterfaceStats("(ignored)", -1, false, new IfaceCounters(0, 1));

    private static final int DIRECT_KEYS = 1 << 20;

    private final Object lock = new Object();
    private volatile InterfaceStats[] byKey = new InterfaceStats[64];
    private final ConcurrentHashMap<Integer, InterfaceStats> farKeys = new ConcurrentHashMap<>();
    private volatile List<InterfaceStats> all = List.of();

    /** The interface counted under {@code key}, {@link #IGNORED}, or null if unknown. Any thread. */
    public InterfaceStats lookup(int key) {
        InterfaceStats[] a = byKey;
        if (key >= 0 && key < a.length) {
            return a[key];
        }
        return key < 0 ? null : farKeys.get(key);
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
                List<InterfaceStats> copy = new ArrayList<>(all);
                copy.add(stats);
                all = Collections.unmodifiableList(copy);
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

    /** Drops gone interfaces from {@link #all()} (the views' retirement). */
    public void forget(InterfaceStats stats) {
        synchronized (lock) {
            List<InterfaceStats> copy = new ArrayList<>(all);
            if (copy.remove(stats)) {
                all = Collections.unmodifiableList(copy);
            }
        }
    }

    /** Every interface seen in this run, gone ones included, in the order they were added. */
    public List<InterfaceStats> all() {
        return all;
    }

    private void install(int key, InterfaceStats value) {
        if (key >= DIRECT_KEYS || key < 0) {
            if (value == null) {
                farKeys.remove(key);
            } else {
                farKeys.put(key, value);
            }
            return;
        }
        InterfaceStats[] a = byKey;
        InterfaceStats[] copy = java.util.Arrays.copyOf(a, Math.max(a.length, Integer.highestOneBit(key) * 2));
        copy[key] = value;
        byKey = copy;
    }
}
