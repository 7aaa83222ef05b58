package dev.jtraf.metrics;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.capture.CaptureRun;
import dev.jtraf.capture.FileInterfaces;
import dev.jtraf.capture.FrameCounter;
import dev.jtraf.capture.InterfaceFilter;
import dev.jtraf.source.PcapFileSource;
import dev.jtraf.stats.InterfaceLabels;
import dev.jtraf.stats.InterfaceTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed Grafana dashboard is valid JSON and asks only for series jtraf exports. (The
 * lab test also runs every one of its queries against a real Prometheus.)
 */
class GrafanaDashboardTest {
    private static final Pattern METRIC = Pattern.compile("\\b(jtraf_[a-z_]+|jvm_[a-z_]+|process_[a-z_]+)\\b");

    @TempDir
    Path dir;

    @Test
    void isValidJson() throws Exception {
        GrafanaDashboard.checkJson(GrafanaDashboard.text());
        assertThrows(IllegalArgumentException.class, () -> GrafanaDashboard.checkJson("{\"a\": [1, 2,]}"));
        assertThrows(IllegalArgumentException.class, () -> GrafanaDashboard.checkJson("{\"a\": 1} x"));
    }

    @Test
    void everyMetricItQueriesIsOneJtrafExports() throws Exception {
        List<String> queries = GrafanaDashboard.queries(GrafanaDashboard.text());
        assertTrue(queries.size() >= 15, "panels with queries: " + queries.size());
        Set<String> wanted = new TreeSet<>();
        for (String q : queries) {
            Matcher m = METRIC.matcher(q);
            while (m.find()) {
                wanted.add(m.group(1));
            }
        }
        Path file = ReplayFixture.standard().writeTo(dir.resolve("f.pcapng"));
        InterfaceTable table = new InterfaceTable();
        PcapFileSource source = new PcapFileSource(file, 0);
        CaptureRun run = new CaptureRun(source, new FrameCounter(table,
                new FileInterfaces(table, InterfaceFilter.all(), 5), 1_000_000_000L, null, 0, source::stop),
                table, null, 5, InterfaceLabels.NONE); // labels, as live: the host total is exported too
        run.start();
        assertTrue(run.awaitEnd(Duration.ofSeconds(10)));
        try (MetricsExport export = MetricsExport.create(table, () -> run.snapshot(false), TagSource.NONE)) {
            Exposition e = Exposition.parse(new String(export.scrape(), UTF_8));
            Set<String> exported = new TreeSet<>(e.names(""));
            Set<String> missing = new TreeSet<>(wanted);
            missing.removeAll(exported);
            assertEquals(Set.of(), missing, "queried but not exported");
        } finally {
            run.close();
        }
    }
}
