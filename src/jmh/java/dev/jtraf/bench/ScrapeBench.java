package dev.jtraf.bench;

import dev.jtraf.decode.Frame;
import dev.jtraf.metrics.MetricsExport;
import dev.jtraf.metrics.TagSource;
import dev.jtraf.metrics.TrafficMeters;
import dev.jtraf.stats.IfaceCounters;
import dev.jtraf.stats.InterfaceStats;
import dev.jtraf.stats.InterfaceTable;
import dev.jtraf.stats.Snapshot;
import dev.jtraf.stats.Snapshots;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one Prometheus scrape with many interfaces (time and, with {@code -prof gc},
 * allocation per scrape): {@link #scrape} is the whole of what {@code GET /metrics} does
 * (snapshot, sync, render to UTF-8 bytes, JVM meters included); {@link #snapshot} is jtraf's own
 * share of it. Every scrape takes a fresh snapshot (cache age 0), the worst case.
 *
 * <pre>
 *   mvn -Pbench package -DskipTests
 *   java -jar target/benchmarks.jar ScrapeBench -f 1 -wi 2 -i 3 -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScrapeBench {
    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 1_700_000_000L * SECOND;

    @Param({"200"})
    public int interfaces;

    private MetricsExport export;
    private Supplier<Snapshot> snapshots;

    @Setup
    public void setUp() {
        InterfaceTable table = new InterfaceTable();
        Frame f = new Frame();
        long frames = 0;
        for (int i = 0; i < interfaces; i++) {
            InterfaceStats s = table.put(new InterfaceStats(String.format("veth%07x", 0x1000 + i), 10 + i, true,
                    new IfaceCounters(T0 / SECOND, 5)), T0);
            for (int second = 0; second < 6; second++) {
                for (int k = 0; k < 12; k++) {
                    f.wireLength = 60 + 100 * k;
                    f.netClass = k % 6 == 5 ? Frame.CLASS_NONIP : k % 3 == 2 ? Frame.CLASS_IPV6 : Frame.CLASS_IPV4;
                    f.transport = f.netClass == Frame.CLASS_NONIP ? Frame.NONE : Frame.PROTO_TCP + k % 4;
                    f.linkCast = k == 11 ? Frame.CAST_BROADCAST : Frame.NONE;
                    f.direction = k % 2 == 0 ? Frame.DIR_IN : Frame.DIR_OUT;
                    s.counters().record(f, T0 + second * SECOND + k * 1000L);
                    frames++;
                }
            }
        }
        Snapshots taker = new Snapshots(table, 5);
        long framesCounted = frames;
        snapshots = () -> taker.take(T0 + 6 * SECOND, T0 / SECOND + 6, 0, framesCounted, false);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        TrafficMeters traffic = new TrafficMeters(registry, table, snapshots, TagSource.NONE, System::nanoTime, 0,
                TrafficMeters.RETIRE_AFTER_NANOS);
        export = new MetricsExport(registry, traffic, true);
        byte[] body = export.scrape();
        long series = new String(body, java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> !l.startsWith("#")).count();
        System.out.printf("%n%d interfaces: %d series, %d bytes per scrape%n", interfaces, series, body.length);
    }

    @TearDown
    public void tearDown() {
        export.close();
    }

    /** GET /metrics without the socket: snapshot, sync and render. */
    @Benchmark
    public byte[] scrape() {
        return export.scrape();
    }

    /** jtraf's own part: one consistent snapshot of every interface. */
    @Benchmark
    public Snapshot snapshot() {
        return snapshots.get();
    }
}
