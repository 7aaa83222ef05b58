package dev.jtraf.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /metrics} with the JDK's {@link HttpServer}: the body a scrape supplier
 * renders, as UTF-8 with {@value MetricsExport#CONTENT_TYPE}; {@code HEAD} gives the headers
 * only, other methods 405, other paths 404. {@value #WORKERS} daemon worker threads; scrapes are
 * serialised by the supplier ({@link MetricsExport#scrape}).
 *
 * <p>The JDK's server reads a request's head on a worker thread and has no time limit by
 * default, so a few clients that connect and send half a request (a stuck or half-open client,
 * or anyone who can reach the port) held every worker, and every scrape timed out for as long
 * as they stayed. A request must now arrive within {@value #REQUEST_SECONDS} s and its response
 * be complete within {@value #RESPONSE_SECONDS} s of it (scrape included), or the connection is closed
 * ({@code sun.net.httpserver.maxReqTime} and {@code maxRspTime}, set here unless given with -D;
 * the server reads them once, when its first instance is made).
 *
 * <p>Binding ({@link #bind}) is separate from serving ({@link #start}) so that a port in use
 * is reported before a capture starts.
 */
public final class MetricsServer implements AutoCloseable {
    /** The one path served. */
    public static final String PATH = "/metrics";

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    private static final byte[] NOT_FOUND = ("jtraf serves Prometheus metrics at " + PATH + "\n")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] NOT_ALLOWED = "only GET and HEAD\n".getBytes(StandardCharsets.UTF_8);

    private static final int WORKERS = 4;
    private static final int REQUEST_SECONDS = 5;
    private static final int RESPONSE_SECONDS = 10;

    static {
        setUnlessGiven("sun.net.httpserver.maxReqTime", REQUEST_SECONDS);
        setUnlessGiven("sun.net.httpserver.maxRspTime", RESPONSE_SECONDS);
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private volatile Supplier<byte[]> scrape;
    private boolean started;

    private MetricsServer(HttpServer server) {
        this.server = server;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(WORKERS, r -> {
            Thread t = new Thread(r, "jtraf-metrics-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    private static void setUnlessGiven(String property, int seconds) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, Integer.toString(seconds));
        }
    }

    /**
     * Binds the listening socket; nothing is served before {@link #start}.
     *
     * @throws java.net.BindException if the address is in use or not an address of this host
     */
    public static MetricsServer bind(ListenAddress at) throws IOException {
        return new MetricsServer(HttpServer.create(at.socketAddress(), 16));
    }

    /** Starts serving the bodies {@code scrape} renders. Once. */
    public synchronized void start(Supplier<byte[]> scrapeSupplier) {
        if (started) {
            throw new IllegalStateException("already started");
        }
        this.scrape = scrapeSupplier;
        server.start();
        started = true;
        LOG.info("serving metrics on {}", url());
    }

    /** The bound address (with the real port when 0 was asked for). */
    public InetSocketAddress boundAddress() {
        return server.getAddress();
    }

    /** {@code http://127.0.0.1:9180/metrics}. */
    public String url() {
        InetSocketAddress a = boundAddress();
        // a zone in a URL is written %25 (RFC 6874): http://[fe80::1%25eth0]:9180/metrics
        return "http://" + HostText.withPort(a.getAddress(), a.getPort()).replace("%", "%25") + PATH;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            boolean head = "HEAD".equals(method);
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                send(exchange, 404, "text/plain; charset=utf-8", NOT_FOUND, head);
                return;
            }
            if (!head && !"GET".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", NOT_ALLOWED, false);
                return;
            }
            byte[] body;
            try {
                body = scrape.get();
            } catch (RuntimeException e) {
                LOG.error("scrape failed", e);
                send(exchange, 500, "text/plain; charset=utf-8",
                        ("scrape failed: " + e + "\n").getBytes(StandardCharsets.UTF_8), head);
                return;
            }
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.getResponseHeaders().set("Vary", "Accept-Encoding");
            if (acceptsGzip(exchange)) {
                body = gzip(body);
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            }
            send(exchange, 200, MetricsExport.CONTENT_TYPE, body, head);
        } finally {
            exchange.close();
        }
    }

    /**
     * Whether the client takes a gzip body, as Prometheus asks by default: 200 interfaces give
     * 446 KB of text a scrape, 19 KB gzipped.
     */
    private static boolean acceptsGzip(HttpExchange exchange) {
        for (String value : exchange.getRequestHeaders().getOrDefault("Accept-Encoding", List.of())) {
            for (String coding : value.split(",")) {
                String[] parts = coding.replaceAll("\\s", "").toLowerCase(Locale.ROOT).split(";");
                if (parts[0].equals("gzip") && quality(parts) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The weight a coding's parameters give it ({@code q=0.5}); 1 without one. */
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].startsWith("q=")) {
                try {
                    return Double.parseDouble(parts[i].substring(2));
                } catch (NumberFormatException e) {
                    return 1;
                }
            }
        }
        return 1;
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 8 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out, 1 << 16)) {
            z.write(body);
        }
        return out.toByteArray();
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body, boolean head)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (head) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops listening and serving; an exchange in progress is cut off. Idempotent. */
    @Override
    public synchronized void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
