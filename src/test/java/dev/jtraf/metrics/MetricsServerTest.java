package dev.jtraf.metrics;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.BindException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP side of the endpoint, over real sockets on 127.0.0.1. */
class MetricsServerTest {
    private static final byte[] BODY = "# TYPE x_total counter\nx_total{iface=\"vethü\"} 1.0\n".getBytes(UTF_8);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger scrapes = new AtomicInteger();
    private MetricsServer server;

    @BeforeEach
    void start() throws Exception {
        server = MetricsServer.bind(ListenAddress.parse("127.0.0.1:0"));
        server.start(() -> {
            scrapes.incrementAndGet();
            return BODY;
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> send(String method, String path) throws Exception {
        URI uri = URI.create(server.url()).resolve(path);
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void getServesTheScrapeAsUtf8WithThePrometheusTextContentType() throws Exception {
        HttpResponse<byte[]> r = send("GET", "/metrics");
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(BODY, r.body());
        assertEquals(String.valueOf(BODY.length), r.headers().firstValue("Content-Length").orElse(""));
        assertTrue(server.url().matches("http://127\\.0\\.0\\.1:\\d+/metrics"), server.url());
    }

    @Test
    void clientsThatSendHalfARequestDoNotHoldOffTheScrapes() throws Exception {
        // was: two connections that sent "GET /metr" and waited held both workers, and every
        // scrape timed out for as long as they stayed; now each is closed after 5 s
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) { // more than the workers
                Socket s = new Socket(server.boundAddress().getAddress(), server.boundAddress().getPort());
                s.getOutputStream().write("GET /metr".getBytes(UTF_8));
                s.getOutputStream().flush();
                stalled.add(s);
            }
            URI uri = URI.create(server.url());
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode());
            assertArrayEquals(BODY, r.body());
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    @Test
    void aClientThatTakesGzipGetsTheScrapeCompressed() throws Exception {
        // Prometheus sends "Accept-Encoding: gzip"; the text was always sent as it is
        HttpRequest req = HttpRequest.newBuilder(URI.create(server.url())).timeout(Duration.ofSeconds(5))
                .header("Accept-Encoding", "deflate, gzip;q=1.0").build();
        HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse(""));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
            assertArrayEquals(BODY, in.readAllBytes());
        }
        HttpRequest refused = HttpRequest.newBuilder(URI.create(server.url())).timeout(Duration.ofSeconds(5))
                .header("Accept-Encoding", "identity, gzip;\tlevel=1; q=0.0").build();
        HttpResponse<byte[]> plain = http.send(refused, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("", plain.headers().firstValue("Content-Encoding").orElse(""));
        assertArrayEquals(BODY, plain.body());
    }

    @Test
    void aQueryStringIsIgnored() throws Exception {
        assertEquals(200, send("GET", "/metrics?name[]=x").statusCode());
    }

    @Test
    void headGivesTheHeadersWithoutABody() throws Exception {
        HttpResponse<byte[]> r = send("HEAD", "/metrics");
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals(0, r.body().length);
    }

    @Test
    void otherMethodsAre405WithAllowAndDoNotScrape() throws Exception {
        for (String m : new String[] {"POST", "PUT", "DELETE"}) {
            HttpResponse<byte[]> r = send(m, "/metrics");
            assertEquals(405, r.statusCode(), m);
            assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElse(""), m);
        }
        assertEquals(0, scrapes.get());
    }

    @Test
    void otherPathsAre404() throws Exception {
        for (String p : new String[] {"/", "/metrics/", "/metricsx", "/favicon.ico"}) {
            assertEquals(404, send("GET", p).statusCode(), p);
        }
        assertEquals(0, scrapes.get());
    }

    @Test
    void aFailingScrapeIs500AndTheServerGoesOn() throws Exception {
        MetricsServer failing = MetricsServer.bind(ListenAddress.parse("127.0.0.1:0"));
        try {
            AtomicInteger calls = new AtomicInteger();
            failing.start(() -> {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("boom");
                }
                return BODY;
            });
            HttpRequest req = HttpRequest.newBuilder(URI.create(failing.url())).build();
            assertEquals(500, http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(200, http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode());
        } finally {
            failing.close();
        }
    }

    @Test
    void bindingAPortInUseFailsWithBindException() {
        ListenAddress busy = new ListenAddress(server.boundAddress().getAddress(), server.boundAddress().getPort());
        assertThrows(BindException.class, () -> MetricsServer.bind(busy).close());
    }
}
