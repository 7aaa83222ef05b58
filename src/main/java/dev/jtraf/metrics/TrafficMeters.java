package dev.jtraf.metrics;

import dev.jtraf.stats.IfaceCounters;
import dev.jtraf.stats.IfaceSnapshot;
import dev.jtraf.stats.InterfaceStats;
import dev.jtraf.stats.InterfaceTable;
import dev.jtraf.stats.Snapshot;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Binds jtraf's per-interface counters and its own health to a {@link MeterRegistry}, with no
 * work on the packet path: every meter is a function counter or gauge reading the one
 * {@link Snapshot} that {@link #sync} took for the current scrape.
 *
 * <p>Lifecycle of an interface's series (one set per interface name): registered at the first
 * sync that sees the interface; re-registered when a new interface takes the name or its
 * {@link TagSource} tags change (the old meters are removed first: registering the same name
 * and tags again would hand back the old meters, still bound to the old object); removed once
 * the interface has been gone for {@link #RETIRE_AFTER_NANOS} on the source's clock, or has left
 * the snapshot.
 *
 * <p>Thread-safety: {@link #sync} is synchronized and is called before each rendering of the
 * registry ({@link MetricsExport#scrape} does both under one lock); meter functions may run on
 * any thread and read only volatile fields.
 */
public final class TrafficMeters {
    /** How long a gone interface keeps its series (source clock): one minute. */
    public static final long RETIRE_AFTER_NANOS = 60_000_000_000L;
    /** Scrapes closer together than this share one snapshot. */
    public static final long MAX_SNAPSHOT_AGE_NANOS = 250_000_000L;

    private static final Snapshot EMPTY = new Snapshot(0, 0, List.of(),
            new IfaceSnapshot("total", -1, false, false, new long[IfaceCounters.COUNTERS], null, 0, 0, 0, 0, 0, 0), 0, 0);

    private final MeterRegistry registry;
    private final InterfaceTable table;
    private final Supplier<Snapshot> snapshots;
    private final TagSource tagSource;
    private final LongSupplier monotonicNanos;
    private final long maxSnapshotAgeNanos;
    private final long retireAfterNanos;
    /** Guarded by this. Strong references to every bound interface's meter state. */
    private final Map<String, InterfaceMeters> byName = new LinkedHashMap<>();
    private final List<Meter> health = new ArrayList<>();
    private volatile Snapshot current = EMPTY;
    private volatile int interfacesUp;
    private boolean hostRegistered;
    /** in packets, in bytes, out packets, out bytes of the host total as last reported (set by {@link #sync}). */
    private volatile long[] hostSeen = new long[4];
    private long takenAtNanos;

    /**
     * Production settings: snapshots cached for {@link #MAX_SNAPSHOT_AGE_NANOS}, retirement
     * after {@link #RETIRE_AFTER_NANOS}, {@link System#nanoTime()} for the cache age.
     *
     * @param table     the run's interfaces (for the identity and the gone time of each)
     * @param snapshots the run's snapshots, e.g. {@code () -> run.snapshot(false)}
     */
    public TrafficMeters(MeterRegistry registry, InterfaceTable table, Supplier<Snapshot> snapshots,
            TagSource tags) {
        this(registry, table, snapshots, tags, System::nanoTime, MAX_SNAPSHOT_AGE_NANOS, RETIRE_AFTER_NANOS);
    }

    /**
     * @param monotonicNanos      clock for the snapshot cache (tests pass their own)
     * @param maxSnapshotAgeNanos reuse a snapshot younger than this (0: a new one every sync)
     * @param retireAfterNanos    remove a gone interface's series this long after it went
     */
    public TrafficMeters(MeterRegistry registry, InterfaceTable table, Supplier<Snapshot> snapshots,
            TagSource tags, LongSupplier monotonicNanos, long maxSnapshotAgeNanos, long retireAfterNanos) {
        this.registry = registry;
        this.table = table;
        this.snapshots = snapshots;
        this.tagSource = tags;
        this.monotonicNanos = monotonicNanos;
        this.maxSnapshotAgeNanos = maxSnapshotAgeNanos;
        this.retireAfterNanos = retireAfterNanos;
        registerHealth();
    }

    private void registerHealth() {
        health.add(FunctionCounter.builder("jtraf.capture.drops", this, t -> t.current.captureDrops())
                .description("Frames the kernel dropped because jtraf did not read them fast enough (libpcap ps_drop)")
                .register(registry));
        health.add(FunctionCounter.builder("jtraf.frames.decoded", this, t -> t.current.framesCounted())
                .description("Frames decoded and counted on the monitored interfaces since start")
                .register(registry));
        health.add(Gauge.builder("jtraf.decoded", this, t -> t.current.total().packetsPerSecond())
                .baseUnit("frames_per_second")
                .description("Frames decoded per second, averaged over the last complete seconds of the --window")
                .strongReference(true).register(registry));
        health.add(Gauge.builder("jtraf.interfaces", this, t -> t.interfacesUp)
                .description("Interfaces monitored now (gone ones excluded)")
                .strongReference(true).register(registry));
    }

    /**
     * Brings the registry in line with the run: takes a snapshot unless the last one is younger
     * than the cache age, registers interfaces seen for the first time, removes retired ones,
     * and hands every bound interface its values. Call before rendering the registry.
     *
     * @return the snapshot the meters now read
     */
    public synchronized Snapshot sync() {
        long now = monotonicNanos.getAsLong();
        if (current == EMPTY || now - takenAtNanos >= maxSnapshotAgeNanos) {
            current = snapshots.get();
            takenAtNanos = now;
        }
        Snapshot s = current;
        Map<String, Bound> newest = newestByName(s);
        for (Iterator<Map.Entry<String, InterfaceMeters>> it = byName.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, InterfaceMeters> e = it.next();
            InterfaceMeters m = e.getValue();
            Bound b = newest.get(e.getKey());
            if (b == null || retired(b.stats, s) || b.stats != m.stats() || !tagsOf(b).equals(m.tags())) {
                m.remove(registry); // before any re-registration under the same name and tags
                it.remove();
            }
        }
        int up = 0;
        for (Map.Entry<String, Bound> e : newest.entrySet()) {
            Bound b = e.getValue();
            if (!b.snapshot.gone()) {
                up++;
            }
            InterfaceMeters m = byName.get(e.getKey());
            if (m != null) {
                m.update(registry, b.snapshot);
            } else if (!retired(b.stats, s)) {
                m = InterfaceMeters.register(registry, b.stats, b.snapshot, tagsOf(b));
                m.update(registry, b.snapshot);
                byName.put(e.getKey(), m);
            }
        }
        interfacesUp = up;
        IfaceSnapshot host = s.host();
        if (host != null) {
            // never lower than reported: it is a sum by each interface's role, and an interface
            // that changes role (leaves a bridge) could lower it, which Prometheus reads as a reset
            long[] seen = hostSeen.clone();
            int[][] counts = {{IfaceCounters.IN, IfaceCounters.PACKETS}, {IfaceCounters.IN, IfaceCounters.BYTES},
                {IfaceCounters.OUT, IfaceCounters.PACKETS}, {IfaceCounters.OUT, IfaceCounters.BYTES}};
            for (int i = 0; i < seen.length; i++) {
                seen[i] = Math.max(seen[i], host.get(IfaceCounters.TOTAL, counts[i][0], counts[i][1]));
            }
            hostSeen = seen;
            if (!hostRegistered) {
                registerHost();
            }
        }
        return s;
    }

    /**
     * The host total counted once (the dump's and the dashboard's {@code host} row, live only):
     * the interface series count a bridged frame on every interface it crosses, so their sum is
     * no host's traffic. Registered with the first snapshot that has it.
     */
    private void registerHost() {
        hostRegistered = true;
        String[] dirs = {"in", "out"};
        for (int d = 0; d < 2; d++) {
            int slot = d * 2;
            health.add(FunctionCounter.builder("jtraf.host.packets", this, t -> t.hostSeen[slot]).tag("direction", dirs[d])
                    .description("Frames of the host counted once: each at the one interface where it entered or"
                            + " left the host's set of interfaces (a container's veth: what it sent; a bridge: what the"
                            + " host sent into it; a NIC: both ways)")
                    .register(registry));
            health.add(FunctionCounter.builder("jtraf.host.bytes", this, t -> t.hostSeen[slot + 1]).tag("direction", dirs[d])
                    .baseUnit("bytes").description("Bytes of those frames")
                    .register(registry));
        }
    }

    private InterfaceTags tagsOf(Bound b) {
        InterfaceTags t = tagSource.tagsOf(b.snapshot.name(), b.snapshot.key());
        return t == null ? InterfaceTags.NONE : t;
    }

    private boolean retired(InterfaceStats stats, Snapshot s) {
        long gone = stats.goneAtNanos();
        return gone != 0 && s.timeNanos() - gone >= retireAfterNanos;
    }

    /**
     * The newest interface of each name in the snapshot, with its {@link InterfaceStats}. The
     * snapshot lists the table's interfaces in table order (minus some), and the table only
     * appends or forgets, so one walk of both lists pairs each entry with its own object; an
     * entry whose object the table no longer lists is left out. A gone entry never pairs with an
     * object that is not gone: after a fold the table may hold a new interface of the same name
     * and key (a re-created one) that the snapshot, taken before, did not.
     */
    private Map<String, Bound> newestByName(Snapshot s) {
        List<InterfaceStats> all = table.all();
        Map<String, Bound> newest = new HashMap<>();
        int j = 0;
        for (IfaceSnapshot i : s.interfaces()) {
            int k = j;
            while (k < all.size() && !(all.get(k).key() == i.key() && all.get(k).name().equals(i.name())
                    && (all.get(k).isGone() || !i.gone()))) {
                k++;
            }
            if (k == all.size()) {
                continue;
            }
            newest.put(i.name(), new Bound(all.get(k), i));
            j = k + 1;
        }
        return newest;
    }

    private record Bound(InterfaceStats stats, IfaceSnapshot snapshot) {
    }

    /** The snapshot the meters read now. */
    public Snapshot current() {
        return current;
    }

    /** Names of the interfaces that have series now. */
    public synchronized List<String> boundInterfaces() {
        return List.copyOf(byName.keySet());
    }

    /** Removes every meter this binder registered. */
    public synchronized void unbind() {
        for (InterfaceMeters m : byName.values()) {
            m.remove(registry);
        }
        byName.clear();
        for (Meter m : health) {
            registry.remove(m);
        }
        health.clear();
    }
}
