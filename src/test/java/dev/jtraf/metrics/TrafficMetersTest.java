package dev.jtraf.metrics;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.capture.CaptureRun;
import dev.jtraf.capture.FileReplay;
import dev.jtraf.decode.Frame;
import dev.jtraf.stats.IfaceCounters;
import dev.jtraf.stats.IfaceSnapshot;
import dev.jtraf.stats.InterfaceLabel;
import dev.jtraf.stats.InterfaceStats;
import dev.jtraf.stats.InterfaceTable;
import dev.jtraf.stats.LinkRole;
import dev.jtraf.stats.Snapshot;
import dev.jtraf.stats.Snapshots;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The meters on a real {@link PrometheusMeterRegistry}: after a deterministic replay the scraped
 * text equals both the oracle of the recording and jtraf's own snapshot; series of retired
 * interfaces go away; a new interface of a retired name is bound to its own counters.
 */
class TrafficMetersTest {
    private static final String[] CLASSES = {"ipv4", "ipv6", "nonip"};
    private static final String[] PROTOS = {"tcp", "udp", "icmp", "other"};
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    /** Runs the standard recording through the real capture path; returns the ended run. */
    private CaptureRun replay(ReplayFixture fixture) throws Exception {
        return FileReplay.run(fixture.writeTo(dir.resolve("fixture.pcapng")));
    }

    private static String scrape(MetricsExport export) {
        return new String(export.scrape(), UTF_8);
    }

    private static MetricsExport export(InterfaceTable table, java.util.function.Supplier<Snapshot> snapshots,
            TagSource tags, LongSupplierClock clock) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        return new MetricsExport(registry, new TrafficMeters(registry, table, snapshots, tags, clock::now, 0,
                TrafficMeters.RETIRE_AFTER_NANOS), false);
    }

    /** A settable monotonic clock. */
    private static final class LongSupplierClock {
        final AtomicLong nanos = new AtomicLong(1);

        long now() {
            return nanos.get();
        }
    }

    @Test
    void scrapedValuesEqualTheRecordingAndTheSnapshotPerDirectionClassAndProtocol() throws Exception {
        ReplayFixture fx = ReplayFixture.standard();
        CaptureRun run = replay(fx);
        try (MetricsExport export = export(run.table(), () -> run.snapshot(false), TagSource.NONE,
                new LongSupplierClock())) {
            Exposition e = Exposition.parse(scrape(export));
            Snapshot snap = export.traffic().current();
            assertEquals(Set.of("eth9", "if3", "if7"), Set.copyOf(export.traffic().boundInterfaces()));
            for (String iface : List.of("if3", "if7", "eth9")) {
                Predicate<ReplayFixture.Sent> on = s -> s.iface().equals(iface);
                IfaceSnapshot is = snap.interfaces().stream().filter(i -> i.name().equals(iface)).findFirst()
                        .orElseThrow();
                for (String dir : List.of("in", "out", "unknown")) {
                    Predicate<ReplayFixture.Sent> d = on.and(s -> s.dir().equals(dir));
                    if (fx.packets(d) == 0 && !(is.directionKnown() && !dir.equals("unknown"))) {
                        assertEquals(List.of(), e.select("jtraf_interface_packets_total", "iface", iface,
                                "direction", dir), iface + " has no " + dir + " series");
                        continue;
                    }
                    assertEquals(fx.packets(d), e.value("jtraf_interface_packets_total", "iface", iface,
                            "direction", dir), iface + " " + dir + " packets");
                    assertEquals(fx.bytes(d), e.value("jtraf_interface_bytes_total", "iface", iface,
                            "direction", dir), iface + " " + dir + " bytes");
                }
                for (int c = 0; c < CLASSES.length; c++) {
                    String cls = CLASSES[c];
                    Predicate<ReplayFixture.Sent> p = on.and(s -> s.cls().equals(cls));
                    int category = new int[] {IfaceCounters.IPV4, IfaceCounters.IPV6, IfaceCounters.NONIP}[c];
                    assertEquals(fx.packets(p), e.value("jtraf_interface_class_packets_total", "iface", iface,
                            "class", cls), iface + " " + cls);
                    assertEquals(fx.bytes(p), e.value("jtraf_interface_class_bytes_total", "iface", iface,
                            "class", cls), iface + " " + cls + " bytes");
                    assertEquals(is.packets(category), e.value("jtraf_interface_class_packets_total", "iface", iface,
                            "class", cls), iface + " " + cls + " vs snapshot");
                }
                for (String proto : PROTOS) {
                    Predicate<ReplayFixture.Sent> p = on.and(s -> s.proto().equals(proto));
                    assertEquals(fx.packets(p), e.value("jtraf_interface_protocol_packets_total", "iface", iface,
                            "proto", proto), iface + " " + proto);
                    assertEquals(fx.bytes(p), e.value("jtraf_interface_protocol_bytes_total", "iface", iface,
                            "proto", proto), iface + " " + proto + " bytes");
                }
                assertEquals(fx.packets(on.and(ReplayFixture.Sent::badIp)),
                        e.value("jtraf_interface_badip_packets_total", "iface", iface), iface + " badip");
                assertEquals(fx.packets(on.and(ReplayFixture.Sent::truncated)),
                        e.value("jtraf_interface_truncated_packets_total", "iface", iface), iface + " truncated");
                assertEquals(fx.packets(on.and(s -> s.cast().equals("broadcast"))),
                        e.value("jtraf_interface_broadcast_packets_total", "iface", iface), iface + " broadcast");
                assertEquals(fx.packets(on.and(s -> s.cast().equals("multicast"))),
                        e.value("jtraf_interface_multicast_packets_total", "iface", iface), iface + " multicast");
                assertEquals(is.bytesPerSecond(), e.value("jtraf_interface_activity_bytes_per_second", "iface", iface),
                        1e-9, iface + " activity");
                assertEquals(is.packetsPerSecond(), e.value("jtraf_interface_rate_packets_per_second", "iface", iface),
                        1e-9, iface + " pps");
                assertEquals(1.0, e.value("jtraf_interface_up", "iface", iface));
                // snapshot and oracle agree on the whole, too
                assertEquals(fx.packets(on), is.packets(IfaceCounters.TOTAL), iface + " snapshot total");
            }
            assertEquals(fx.sent().size(), e.value("jtraf_frames_decoded_total"));
            assertEquals(0.0, e.value("jtraf_capture_drops_total"));
            assertEquals(3.0, e.value("jtraf_interfaces"));
            assertEquals(snap.total().packetsPerSecond(), e.value("jtraf_decoded_frames_per_second"), 1e-9);
        } finally {
            run.close();
        }
    }

    @Test
    void sumOverDirectionIsTheInterfaceTotalSoNothingIsCountedTwice() throws Exception {
        ReplayFixture fx = ReplayFixture.standard();
        CaptureRun run = replay(fx);
        try (MetricsExport export = export(run.table(), () -> run.snapshot(false), TagSource.NONE,
                new LongSupplierClock())) {
            Exposition e = Exposition.parse(scrape(export));
            for (String iface : List.of("if3", "if7", "eth9")) {
                long packets = fx.packets(s -> s.iface().equals(iface));
                long bytes = fx.bytes(s -> s.iface().equals(iface));
                assertEquals(packets, e.sum("jtraf_interface_packets_total", "iface", iface), iface);
                assertEquals(bytes, e.sum("jtraf_interface_bytes_total", "iface", iface), iface);
                assertEquals(packets, e.sum("jtraf_interface_class_packets_total", "iface", iface), iface);
                assertEquals(bytes, e.sum("jtraf_interface_class_bytes_total", "iface", iface), iface);
            }
            assertEquals(fx.sent().size(), e.sum("jtraf_interface_packets_total"));
            assertEquals(fx.bytes(s -> true), e.sum("jtraf_interface_bytes_total"));
            // if3 knows direction, and its one frame without one is the only "unknown" sample
            assertEquals(1.0, e.value("jtraf_interface_packets_total", "iface", "if3", "direction", "unknown"));
            assertEquals(List.of(), e.select("jtraf_interface_packets_total", "iface", "if7", "direction", "unknown"));
        } finally {
            run.close();
        }
    }

    @Test
    void seriesNamesTypesAndTagKeysAreTheDocumentedOnes() throws Exception {
        CaptureRun run = replay(ReplayFixture.standard());
        try (MetricsExport export = export(run.table(), () -> run.snapshot(false), TagSource.NONE,
                new LongSupplierClock())) {
            Exposition e = Exposition.parse(scrape(export));
            assertEquals(Set.of(
                    "jtraf_capture_drops_total",
                    "jtraf_decoded_frames_per_second",
                    "jtraf_frames_decoded_total",
                    "jtraf_interface_activity_bytes_per_second",
                    "jtraf_interface_badip_packets_total",
                    "jtraf_interface_broadcast_packets_total",
                    "jtraf_interface_bytes_total",
                    "jtraf_interface_class_bytes_total",
                    "jtraf_interface_class_packets_total",
                    "jtraf_interface_multicast_packets_total",
                    "jtraf_interface_packets_total",
                    "jtraf_interface_protocol_bytes_total",
                    "jtraf_interface_protocol_packets_total",
                    "jtraf_interface_rate_packets_per_second",
                    "jtraf_interface_truncated_packets_total",
                    "jtraf_interface_up",
                    "jtraf_interfaces"), e.names("jtraf_"));
            for (Exposition.Sample s : e.samples()) {
                if (!s.name().startsWith("jtraf_interface_")) {
                    continue;
                }
                Set<String> keys = s.labels().keySet();
                assertTrue(keys.containsAll(Set.of("iface", "container", "network")), s.toString());
                assertEquals("", s.label("container"), s.toString());
                assertEquals(s.name().endsWith("_total") ? "counter" : "gauge", e.type(s.name()), s.name());
            }
            // one tag-key set per name
            for (String name : e.names("jtraf_")) {
                assertEquals(1, e.select(name).stream().map(s -> s.labels().keySet()).distinct().count(), name);
            }
        } finally {
            run.close();
        }
    }

    /** A hand-driven table: frames recorded directly, snapshots at times the test sets. */
    private static final class HandTable {
        final InterfaceTable table = new InterfaceTable();
        final Snapshots snapshots = new Snapshots(table, 5);
        final AtomicLong now = new AtomicLong(ReplayFixture.T0);
        final Frame frame = new Frame();

        InterfaceStats add(String name, int key) {
            return table.put(new InterfaceStats(name, key, true,
                    new IfaceCounters(Math.floorDiv(now.get(), SECOND), 5)), now.get());
        }

        void send(InterfaceStats s, int packets, int wireLength) {
            frame.wireLength = wireLength;
            frame.netClass = Frame.CLASS_IPV4;
            frame.transport = Frame.PROTO_UDP;
            frame.linkCast = Frame.NONE;
            frame.direction = Frame.DIR_OUT;
            for (int i = 0; i < packets; i++) {
                s.counters().record(frame, now.get());
            }
        }

        Snapshot snapshot() {
            long t = now.get();
            return snapshots.take(t, Math.floorDiv(t, SECOND), 0, 0, false);
        }
    }

    @Test
    void aGoneInterfaceKeepsItsSeriesForAMinuteThenTheyAreRemoved() {
        HandTable h = new HandTable();
        InterfaceStats veth = h.add("veth1", 11);
        InterfaceStats eth0 = h.add("eth0", 2);
        h.send(veth, 3, 100);
        h.send(eth0, 1, 60);
        try (MetricsExport export = export(h.table, h::snapshot, TagSource.NONE, new LongSupplierClock())) {
            Exposition before = Exposition.parse(scrape(export));
            assertEquals(3.0, before.value("jtraf_interface_packets_total", "iface", "veth1", "direction", "out"));
            int vethSeries = before.select("jtraf_interface_packets_total", "iface", "veth1").size();
            assertEquals(2, vethSeries);

            h.table.retireKey(11, h.now.get()); // the container stopped
            h.now.addAndGet(59 * SECOND);
            Exposition gone = Exposition.parse(scrape(export));
            assertEquals(0.0, gone.value("jtraf_interface_up", "iface", "veth1"), "marked down while kept");
            assertEquals(3.0, gone.value("jtraf_interface_packets_total", "iface", "veth1", "direction", "out"),
                    "final counts kept for a minute");
            assertEquals(1.0, gone.value("jtraf_interfaces"));

            h.now.addAndGet(SECOND);
            Exposition retired = Exposition.parse(scrape(export));
            assertTrue(retired.samples().stream().noneMatch(s -> "veth1".equals(s.label("iface"))),
                    "no series of veth1 left");
            assertEquals(1.0, retired.value("jtraf_interface_packets_total", "iface", "eth0", "direction", "out"));
            assertEquals(List.of("eth0"), export.traffic().boundInterfaces());
            assertTrue(export.registry().getMeters().stream()
                    .noneMatch(m -> "veth1".equals(m.getId().getTag("iface"))), "removed from the registry too");
        }
    }

    @Test
    void aNewInterfaceUnderARetiredNameIsBoundToItsOwnCounters() {
        HandTable h = new HandTable();
        InterfaceStats old = h.add("veth1", 11);
        h.send(old, 7, 100);
        try (MetricsExport export = export(h.table, h::snapshot, TagSource.NONE, new LongSupplierClock())) {
            assertEquals(7.0, Exposition.parse(scrape(export))
                    .value("jtraf_interface_packets_total", "iface", "veth1", "direction", "out"));
            h.table.retireKey(11, h.now.get());
            h.now.addAndGet(61 * SECOND);
            scrape(export); // retired: series removed
            InterfaceStats fresh = h.add("veth1", 12);
            h.send(fresh, 2, 100);
            Exposition e = Exposition.parse(scrape(export));
            assertEquals(2.0, e.value("jtraf_interface_packets_total", "iface", "veth1", "direction", "out"),
                    "the new object's count, not the old one's 7");
            assertEquals(1.0, e.value("jtraf_interface_up", "iface", "veth1"));
            h.send(fresh, 1, 100);
            assertEquals(3.0, Exposition.parse(scrape(export))
                    .value("jtraf_interface_packets_total", "iface", "veth1", "direction", "out"));
        }
    }

    @Test
    void aNewInterfaceTakingAGoneNameBeforeRetirementReplacesTheOldSeries() {
        HandTable h = new HandTable();
        InterfaceStats old = h.add("veth1", 11);
        h.send(old, 7, 100);
        try (MetricsExport export = export(h.table, h::snapshot, TagSource.NONE, new LongSupplierClock())) {
            scrape(export);
            h.table.retireKey(11, h.now.get());
            h.now.addAndGet(5 * SECOND);
            InterfaceStats fresh = h.add("veth1", 12); // recreated at once, e.g. a container restart
            h.send(fresh, 2, 100);
            Exposition e = Exposition.parse(scrape(export));
            assertEquals(2.0, e.value("jtraf_interface_packets_total", "iface", "veth1", "direction", "out"));
            assertEquals(1.0, e.value("jtraf_interface_up", "iface", "veth1"));
        }
    }

    @Test
    void aSnapshotFromBeforeAFoldDoesNotLendItsCountsToANewInterfaceOfTheSameNameAndKey() {
        // review: a snapshot taken (and cached) before a gone interface was folded still lists
        // it; a new interface of the same name and ifindex added since was paired with that row
        HandTable h = new HandTable();
        InterfaceStats old = h.add("wg0", 5);
        h.send(old, 7, 100);
        h.table.retireKey(5, h.now.get());
        h.now.addAndGet(400 * SECOND); // gone for longer than the table keeps it
        Snapshot beforeFold = h.snapshot();
        h.snapshots.forgetGone(h.now.get() - 300 * SECOND);
        InterfaceStats fresh = h.add("wg0", 5);
        h.send(fresh, 2, 100);
        AtomicReference<Snapshot> next = new AtomicReference<>(
                beforeFold);
        try (MetricsExport export = export(h.table, next::get, TagSource.NONE, new LongSupplierClock())) {
            Exposition stale = Exposition.parse(scrape(export));
            assertEquals(List.of(), stale.select("jtraf_interface_packets_total", "iface", "wg0"),
                    "the old row's 7 under the new interface");
            next.set(h.snapshot());
            assertEquals(2.0, Exposition.parse(scrape(export))
                    .value("jtraf_interface_packets_total", "iface", "wg0", "direction", "out"));
        }
    }

    @Test
    void theHostTotalCountedOnceIsExportedAndNeverGoesDown() {
        // Docker audit: only per-interface series were exported, whose sum counts a bridged frame
        // on every interface it crosses; the host row of the dump and the dashboard was missing
        InterfaceTable table = new InterfaceTable();
        long t = ReplayFixture.T0;
        Map<String, LinkRole> roles = new ConcurrentHashMap<>(Map.of("eth0", LinkRole.OTHER,
                "veth1", LinkRole.BRIDGE_PORT, "docker0", LinkRole.OTHER));
        Snapshots snapshots = new Snapshots(table, 5, (name, key) -> InterfaceLabel.of(roles.get(name)));
        InterfaceStats eth0 = table.put(new InterfaceStats("eth0", 2, true, new IfaceCounters(t / SECOND, 5)), t);
        InterfaceStats veth = table.put(new InterfaceStats("veth1", 9, true, new IfaceCounters(t / SECOND, 5)), t);
        InterfaceStats docker0 = table.put(new InterfaceStats("docker0", 3, true, new IfaceCounters(t / SECOND, 5)), t);
        Frame f = new Frame();
        java.util.function.BiConsumer<InterfaceStats, int[]> send = (st, v) -> { // direction, packets, length
            f.wireLength = v[2];
            f.netClass = Frame.CLASS_IPV4;
            f.transport = Frame.PROTO_UDP;
            f.linkCast = Frame.NONE;
            f.direction = v[0];
            for (int i = 0; i < v[1]; i++) {
                st.counters().record(f, t);
            }
        };
        send.accept(eth0, new int[] {Frame.DIR_IN, 2, 100});
        send.accept(eth0, new int[] {Frame.DIR_OUT, 1, 60});
        send.accept(veth, new int[] {Frame.DIR_IN, 3, 100}); // what the container sent
        send.accept(veth, new int[] {Frame.DIR_OUT, 4, 80}); // forwarded to it: counted where it entered
        send.accept(docker0, new int[] {Frame.DIR_IN, 3, 100}); // the container's frames again, on the bridge
        send.accept(docker0, new int[] {Frame.DIR_OUT, 2, 50});
        try (MetricsExport export = export(table, () -> snapshots.take(t, t / SECOND, 0, 0, false), TagSource.NONE,
                new LongSupplierClock())) {
            Exposition e = Exposition.parse(scrape(export));
            // docker0 taken for a plain interface first: in and out both count
            assertEquals(2 + 3 + 3, e.value("jtraf_host_packets_total", "direction", "in"));
            assertEquals(200 + 300 + 300, e.value("jtraf_host_bytes_total", "direction", "in"));
            assertEquals(1 + 2, e.value("jtraf_host_packets_total", "direction", "out"));
            roles.put("docker0", LinkRole.BRIDGE); // now known for a bridge: only what the host sent into it
            Exposition later = Exposition.parse(scrape(export));
            assertEquals(8, later.value("jtraf_host_packets_total", "direction", "in"), "a counter does not go down");
            assertEquals(1 + 2, later.value("jtraf_host_packets_total", "direction", "out"));
            assertEquals(200 + 60 + 300 + 320 + 300 + 100, later.sum("jtraf_interface_bytes_total"),
                    "the interface series, by contrast, hold the container's frames twice (veth and bridge)");
        }
        Snapshots replay = new Snapshots(table, 5); // no roles: no host total, and no host series
        try (MetricsExport export = export(table, () -> replay.take(t, t / SECOND, 0, 0, false), TagSource.NONE,
                new LongSupplierClock())) {
            assertEquals(List.of(), Exposition.parse(scrape(export)).select("jtraf_host_packets_total"));
        }
    }

    @Test
    void tagsFromTheTagSourceAreOnEverySeriesAndAChangeReRegisters() {
        HandTable h = new HandTable();
        InterfaceStats veth = h.add("veth1", 11);
        h.send(veth, 4, 100);
        Map<String, InterfaceTags> docker = new ConcurrentHashMap<>();
        TagSource tags = (name, key) -> docker.getOrDefault(name, InterfaceTags.NONE);
        try (MetricsExport export = export(h.table, h::snapshot, tags, new LongSupplierClock())) {
            Exposition e1 = Exposition.parse(scrape(export));
            assertEquals(4.0, e1.value("jtraf_interface_packets_total", "iface", "veth1", "container", "",
                    "direction", "out"));
            docker.put("veth1", new InterfaceTags("web-ü", "frontend"));
            Exposition e2 = Exposition.parse(scrape(export));
            assertEquals(4.0, e2.value("jtraf_interface_packets_total", "iface", "veth1", "container", "web-ü",
                    "network", "frontend", "direction", "out"));
            assertEquals(List.of(), e2.select("jtraf_interface_packets_total", "container", ""), "old tags removed");
            assertTrue(e2.samples().stream().filter(s -> s.name().startsWith("jtraf_interface_"))
                    .allMatch(s -> "web-ü".equals(s.label("container"))), "every series carries the new tags");
        }
    }

    @Test
    void scrapesWithinTheSnapshotAgeShareOneSnapshot() {
        HandTable h = new HandTable();
        InterfaceStats eth0 = h.add("eth0", 2);
        AtomicInteger taken = new AtomicInteger();
        LongSupplierClock clock = new LongSupplierClock();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        TrafficMeters meters = new TrafficMeters(registry, h.table, () -> {
            taken.incrementAndGet();
            return h.snapshot();
        }, TagSource.NONE, clock::now, TrafficMeters.MAX_SNAPSHOT_AGE_NANOS, TrafficMeters.RETIRE_AFTER_NANOS);
        try (MetricsExport export = new MetricsExport(registry, meters, false)) {
            h.send(eth0, 1, 60);
            assertEquals(1.0, Exposition.parse(scrape(export)).value("jtraf_interface_packets_total", "direction", "out"));
            h.send(eth0, 1, 60);
            clock.nanos.addAndGet(TrafficMeters.MAX_SNAPSHOT_AGE_NANOS - 1);
            assertEquals(1.0, Exposition.parse(scrape(export)).value("jtraf_interface_packets_total", "direction", "out"),
                    "a second scrape within 250 ms reads the same snapshot");
            assertEquals(1, taken.get());
            clock.nanos.addAndGet(1);
            assertEquals(2.0, Exposition.parse(scrape(export)).value("jtraf_interface_packets_total", "direction", "out"));
            assertEquals(2, taken.get());
        }
    }

    @Test
    void theExportWithJvmMetersAlsoShowsMemoryGcAndThreads() {
        HandTable h = new HandTable();
        h.add("eth0", 2);
        try (MetricsExport export = MetricsExport.create(h.table, h::snapshot, TagSource.NONE)) {
            Exposition e = Exposition.parse(scrape(export));
            assertTrue(e.sum("jvm_memory_used_bytes") > 0, "jvm memory");
            assertNotEquals(List.of(), e.select("jvm_threads_live_threads"));
            assertNotEquals(Set.of(), e.names("jvm_gc_"));
            assertNotEquals(Set.of(), e.names("process_uptime"));
        }
    }
}
