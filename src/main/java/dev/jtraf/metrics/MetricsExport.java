package dev.jtraf.metrics;

import dev.jtraf.stats.InterfaceTable;
import dev.jtraf.stats.Snapshot;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * jtraf's Prometheus registry: the traffic meters, jtraf's health and the JVM's (memory, GC,
 * threads, CPU, uptime), rendered in the Prometheus text format 0.0.4.
 *
 * <p>Thread-safety: {@link #scrape} is synchronized, so concurrent scrapes (two Prometheus
 * servers) take turns, and each one syncs the meters and renders them from one snapshot.
 */
public final class MetricsExport implements AutoCloseable {
    /** The exposition format served, as its Content-Type. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final TrafficMeters traffic;
    private final JvmGcMetrics gc;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);

    /** An export with production settings (see {@link TrafficMeters}). */
    public static MetricsExport create(InterfaceTable table, Supplier<Snapshot> snapshots, TagSource tags) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        return new MetricsExport(registry, new TrafficMeters(registry, table, snapshots, tags), true);
    }

    /**
     * @param registry the registry {@code traffic} registers in
     * @param withJvm  also bind the JVM and process meters
     */
    public MetricsExport(PrometheusMeterRegistry registry, TrafficMeters traffic, boolean withJvm) {
        this.registry = registry;
        this.traffic = traffic;
        if (withJvm) {
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
            gc = new JvmGcMetrics();
            gc.bindTo(registry);
        } else {
            gc = null;
        }
    }

    /** Syncs the meters with the run and renders the registry as UTF-8 text format 0.0.4. */
    public synchronized byte[] scrape() {
        traffic.sync();
        buffer.reset();
        try {
            registry.scrape(buffer, CONTENT_TYPE);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return buffer.toByteArray();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public TrafficMeters traffic() {
        return traffic;
    }

    /** Stops the GC listener and closes the registry. */
    @Override
    public synchronized void close() {
        if (gc != null) {
            gc.close();
        }
        registry.close();
    }
}
