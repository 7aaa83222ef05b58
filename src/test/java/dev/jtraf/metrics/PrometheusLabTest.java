package dev.jtraf.metrics;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.cli.Main;
import dev.jtraf.lab.KernelCounters;
import dev.jtraf.lab.Lab;
import dev.jtraf.lab.NetnsLab;
import dev.jtraf.lab.UdpTool;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with a real Prometheus server (Debian's {@code prometheus}, started by the test on
 * loopback with a generated config and a 1 s scrape interval): it scrapes a live jtraf daemon
 * that captures a veth of this test's own, while the test sends a bounded, known load over that
 * veth. PromQL over Prometheus's HTTP API must give, per direction, exactly the kernel counters'
 * deltas over the same window (in = rx, out = tx), for packets and bytes.
 *
 * <p>The same Prometheus then runs every query of the committed Grafana dashboard.
 *
 * <p>The window: each end is a moment when the veth's counters have been still for a second
 * (so jtraf has counted everything, its capture buffer times out after 100 ms), and the first
 * Prometheus sample taken after that moment marks it; an end is measured again if the kernel
 * counters moved while waiting for the sample. Traffic: only between the host side of the veth
 * and the test's namespace, on addresses of the test's own link.
 */
@Tag(Lab.TAG)
class PrometheusLabTest {
    private static final Duration QUIET = Duration.ofMillis(1000);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int DATAGRAMS = 200;
    private static final String PAYLOAD = "jtraf-prometheus-lab-payload-0123456789abcdef"; // 45 bytes
    private static final Pattern SERVING = Pattern.compile("serving metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics");
    private static final Pattern RESULT = Pattern.compile(
            "\\{\"metric\":\\{([^}]*)\\},\"value\":\\[([0-9.eE+-]+),\"([^\"]*)\"\\]\\}");
    private static final Pattern LABEL = Pattern.compile("\"([^\"]+)\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int promPort;

    @TempDir
    Path tmp;

    @Test
    void promqlTotalsPerInterfaceAndDirectionEqualTheKernelCounterDeltas() throws Exception {
        long t0 = System.nanoTime();
        String prometheus = Lab.assumeCommand("prometheus").toString();
        try (NetnsLab lab = NetnsLab.open()) {
            String ns = lab.namespace("peer");
            NetnsLab.Veth v = lab.veth(null, ns);
            String veth = v.ifA();
            int net = ThreadLocalRandom.current().nextInt(1, 255);
            String hostIp = "10.199." + net + ".1";
            lab.address(null, veth, hostIp + "/24");
            lab.address(ns, v.ifB(), "10.199." + net + ".2/24");
            lab.awaitUp(null, veth, Duration.ofSeconds(10));

            List<String> jtrafArgv = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "--daemon", "--metrics", "127.0.0.1:0", "-i", veth, "--log-file", tmp.resolve("jtraf.log").toString()));
            try (Lab.Background jtraf = Lab.spawn("jtraf-daemon", jtrafArgv);
                    DatagramSocket sink = new DatagramSocket(new InetSocketAddress(hostIp, 0))) {
                jtraf.awaitOutput("serving metrics", TIMEOUT, s -> SERVING.matcher(s).find());
                Matcher m = SERVING.matcher(jtraf.stderr());
                assertTrue(m.find());
                int jtrafPort = Integer.parseInt(m.group(1));
                Lab.log("jtraf daemon on 127.0.0.1:%d capturing %s after %d ms", jtrafPort, veth, ms(t0));

                promPort = freePort();
                Path config = Files.writeString(tmp.resolve("prometheus.yml"), String.format(Locale.ROOT,
                        "global:%n  scrape_interval: 1s%n  scrape_timeout: 1s%n"
                                + "scrape_configs:%n  - job_name: jtraf%n    static_configs:%n"
                                + "      - targets: ['127.0.0.1:%d']%n", jtrafPort), UTF_8);
                try (Lab.Background prom = Lab.spawn("prometheus", List.of(prometheus,
                        "--config.file=" + config, "--storage.tsdb.path=" + tmp.resolve("tsdb"),
                        "--web.listen-address=127.0.0.1:" + promPort, "--log.level=warn"))) {
                    Lab.await("prometheus ready", TIMEOUT, () -> {
                        assertTrue(prom.isAlive(), () -> "prometheus exited: " + prom.stderr());
                        return status("/-/ready") == 200;
                    });
                    Lab.log("prometheus ready on 127.0.0.1:%d after %d ms", promPort, ms(t0));

                    String in = "jtraf_interface_packets_total{iface=\"" + veth + "\",direction=\"in\"}";
                    Mark start = mark(veth, in);
                    Lab.log("window start %.3f, kernel %s", start.promTime, start.kernel);

                    long t1 = System.nanoTime();
                    sink.setSoTimeout(30_000);
                    Lab.Result sent = lab.exec(ns, TIMEOUT, Lab.javaCommand(UdpTool.class, "send", hostIp,
                            Integer.toString(sink.getLocalPort()), Integer.toString(DATAGRAMS), PAYLOAD)
                            .toArray(String[]::new)).orThrow();
                    assertTrue(sent.out().contains("sent " + DATAGRAMS), sent.describe());
                    byte[] buf = new byte[2048];
                    for (int i = 0; i < DATAGRAMS; i++) {
                        sink.receive(new DatagramPacket(buf, buf.length));
                    }
                    Lab.log("%d datagrams sent and received in %d ms", DATAGRAMS, ms(t1));

                    Mark end = mark(veth, in);
                    KernelCounters d = end.kernel.minus(start.kernel);
                    Lab.log("window end %.3f, kernel delta %s", end.promTime, d);
                    assertTrue(d.rxPackets() >= DATAGRAMS, "the load crossed the veth: " + d);

                    String sel = "{iface=\"" + veth + "\"}";
                    Map<String, Double> packets = delta("jtraf_interface_packets_total" + sel, "direction", start, end);
                    Map<String, Double> bytes = delta("jtraf_interface_bytes_total" + sel, "direction", start, end);
                    Lab.log("PromQL deltas: packets %s, bytes %s", packets, bytes);
                    assertEquals(Map.of("in", (double) d.rxPackets(), "out", (double) d.txPackets()), packets,
                            "packets per direction: in = rx, out = tx");
                    assertEquals(Map.of("in", (double) d.rxBytes(), "out", (double) d.txBytes()), bytes,
                            "bytes per direction: in = rx, out = tx");
                    Map<String, Double> udp = delta("jtraf_interface_protocol_packets_total{iface=\"" + veth
                            + "\",proto=\"udp\"}", "proto", start, end);
                    assertEquals(Map.of("udp", (double) DATAGRAMS), udp, "exactly the test's datagrams were UDP");
                    assertEquals(1.0, instant("jtraf_interface_up" + sel, end.promTime).get(0).value,
                            "the veth is up");
                    assertDashboardQueriesRun(end.promTime);
                }
            }
        }
        Lab.log("prometheus lab test done in %d ms", ms(t0));
    }

    /**
     * Every query of the committed Grafana dashboard is valid PromQL for this Prometheus and,
     * except the per-container ones (no container tags yet), returns data.
     */
    private void assertDashboardQueriesRun(double time) throws IOException {
        List<String> queries = GrafanaDashboard.queries(GrafanaDashboard.text());
        for (String q : queries) {
            List<Point> result = instant(q, time);
            if (!q.contains("container!=\"\"")) {
                assertTrue(!result.isEmpty(), "dashboard query returned nothing: " + q);
            }
        }
        Lab.log("all %d dashboard queries ran", queries.size());
    }

    /** One end of the measurement window: kernel counters and the Prometheus sample time after them. */
    private record Mark(KernelCounters kernel, double promTime) {
    }

    /**
     * Waits for the veth to be quiet, reads the kernel counters, then waits for the first sample
     * of {@code series} Prometheus takes after that; measures again if the counters moved.
     */
    private Mark mark(String veth, String series) {
        for (int attempt = 1; attempt <= 5; attempt++) {
            KernelCounters.awaitQuiet(QUIET, TIMEOUT, veth);
            KernelCounters kernel = KernelCounters.read(veth);
            double after = System.currentTimeMillis() / 1000.0 + 0.3; // past any snapshot taken before
            double sampled = Lab.awaitValue("a Prometheus sample of " + series + " after " + after, TIMEOUT, () -> {
                List<Point> p = instant("timestamp(" + series + ")", System.currentTimeMillis() / 1000.0);
                return p.size() == 1 && p.get(0).value >= after ? Optional.of(p.get(0).value) : Optional.empty();
            });
            if (KernelCounters.read(veth).equals(kernel)) {
                return new Mark(kernel, sampled);
            }
            Lab.log("kernel counters of %s moved while waiting for the sample (attempt %d); measuring again", veth,
                    attempt);
        }
        throw new AssertionError(veth + " never stayed quiet until a Prometheus scrape");
    }

    /** {@code sum by (label) (expr) - sum by (label) (expr @ start)}, evaluated at the end. */
    private Map<String, Double> delta(String expr, String label, Mark start, Mark end) {
        String q = String.format(Locale.ROOT, "sum by (%s) (%s) - sum by (%s) (%s @ %.3f)", label, expr, label, expr,
                start.promTime);
        Map<String, Double> out = new TreeMap<>();
        for (Point p : instant(q, end.promTime)) {
            out.put(p.labels.get(label), p.value);
        }
        return out;
    }

    private record Point(Map<String, String> labels, double value) {
    }

    /** An instant query over the HTTP API; the vector it returns. */
    private List<Point> instant(String promql, double time) {
        String body = get("/api/v1/query?query=" + URLEncoder.encode(promql, UTF_8)
                + String.format(Locale.ROOT, "&time=%.3f", time));
        if (!body.contains("\"status\":\"success\"")) {
            throw new AssertionError("query " + promql + " failed: " + body);
        }
        List<Point> points = new ArrayList<>();
        Matcher r = RESULT.matcher(body);
        while (r.find()) {
            Map<String, String> labels = new TreeMap<>();
            Matcher l = LABEL.matcher(r.group(1));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
            String v = r.group(3).replace("Inf", "Infinity");
            points.add(new Point(labels, Double.parseDouble(v)));
        }
        return points;
    }

    private String get(String path) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promPort + path))
                    .timeout(Duration.ofSeconds(10)).build();
            return http.send(req, HttpResponse.BodyHandlers.ofString(UTF_8)).body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int status(String path) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promPort + path))
                    .timeout(Duration.ofSeconds(5)).build();
            return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
