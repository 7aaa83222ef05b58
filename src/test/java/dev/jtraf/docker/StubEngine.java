package dev.jtraf.docker;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Docker engine stand-in on a Unix socket of a temporary directory (tech-notes 6, test layer
 * 4): answers each {@code GET} by the longest matching path prefix with a fixed status and JSON
 * body, one request per connection ({@code Connection: close}), and records the request lines.
 * It can {@link #hang} as a hung dockerd does (accept, read, never answer) and answer again,
 * and {@link #streamEvents stream event windows} as dockerd does.
 */
final class StubEngine implements AutoCloseable {
    record Answer(int status, String json) {
    }

    private final Path socket;
    private final ServerSocketChannel server;
    private final Map<String, Answer> routes = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile String apiVersionHeader = "1.41";
    private volatile long delayMillis;
    private volatile boolean streamEvents;
    private final Object hold = new Object();
    /** The path prefix of requests held unanswered, or null; under {@link #hold}. */
    private String hung;

    StubEngine(Path dir) throws IOException {
        this.socket = dir.resolve("docker.sock");
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = new Thread(this::serve, "stub-engine");
        thread.setDaemon(true);
        thread.start();
    }

    Path socket() {
        return socket;
    }

    DockerHost host() {
        return new DockerHost(socket, null);
    }

    /** Answers GETs whose path starts with {@code prefix}. */
    StubEngine on(String prefix, int status, String json) {
        routes.put(prefix, new Answer(status, json));
        return this;
    }

    /** The daemon's versions, as GET /version reports them. */
    StubEngine version(String max, String min) {
        apiVersionHeader = max;
        return on("/version", 200, "{\"ApiVersion\":\"" + max + "\"" + (min == null ? "" : ",\"MinAPIVersion\":\"" + min + "\"")
                + ",\"Version\":\"stub\"}");
    }

    /** Answers every request {@code millis} late. */
    StubEngine slow(long millis) {
        delayMillis = millis;
        return this;
    }

    /**
     * Serves {@code /events} as dockerd does (moby's getEvents): the headers at once, then a
     * stream, without events here, that ends at its {@code until} time; on a thread of its own,
     * so that other requests are answered meanwhile. Without it, {@code /events} is a 404.
     */
    StubEngine streamEvents() {
        streamEvents = true;
        return this;
    }

    /**
     * From now on holds the first request it reads whose path starts with {@code prefix} without
     * answering it (and, one request at a time, all after it), until {@link #answerAgain}; an
     * event stream whose path starts with it does not end either.
     */
    StubEngine hang(String prefix) {
        synchronized (hold) {
            hung = prefix;
        }
        return this;
    }

    /** Answers the request held and those after it. */
    StubEngine answerAgain() {
        synchronized (hold) {
            hung = null;
            hold.notifyAll();
        }
        return this;
    }

    /** Request lines received so far, e.g. {@code GET /v1.41/networks}. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    private void serve() {
        while (server.isOpen()) {
            SocketChannel ch = null;
            try {
                ch = server.accept();
                String head = readHead(ch);
                if (head == null) {
                    continue;
                }
                String line = head.substring(0, head.indexOf("\r\n"));
                String[] parts = line.split(" ");
                requests.add(parts[0] + " " + parts[1]);
                holdWhileHung(parts[1], 0);
                if (streamEvents && parts[1].contains("/events?")) {
                    SocketChannel stream = ch;
                    ch = null; // its thread closes it when the window ends
                    Thread t = new Thread(() -> stream(stream, parts[1]), "stub-engine-events");
                    t.setDaemon(true);
                    t.start();
                    continue;
                }
                Answer a = answerFor(parts[1]);
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis); // a slow engine: every answer takes this long
                }
                byte[] body = a.json().getBytes(UTF_8);
                String resp = "HTTP/1.1 " + a.status() + (a.status() == 200 ? " OK" : " Error") + "\r\n"
                        + "Content-Type: application/json\r\nApi-Version: " + apiVersionHeader + "\r\n"
                        + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
                write(ch, resp.getBytes(UTF_8));
                write(ch, body);
            } catch (IOException e) {
                // closed, or the client went away
            } catch (InterruptedException e) {
                return;
            } finally {
                closeQuietly(ch);
            }
        }
    }

    /**
     * Waits while requests to {@code path} are held, and until {@code untilMillis} (wall clock,
     * 0: no wait); false if the engine was closed meanwhile.
     */
    private boolean holdWhileHung(String path, long untilMillis) throws InterruptedException {
        synchronized (hold) {
            while (server.isOpen()) {
                long left = untilMillis - System.currentTimeMillis();
                if (hung != null && path.startsWith(hung)) {
                    hold.wait();
                } else if (left > 0) {
                    hold.wait(left);
                } else {
                    return true;
                }
            }
            return false;
        }
    }

    /** An event window: chunked as dockerd sends it, ended at its until time unless held. */
    private void stream(SocketChannel ch, String path) {
        try (ch) {
            String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nApi-Version: " + apiVersionHeader
                    + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
            write(ch, head.getBytes(UTF_8));
            Matcher until = Pattern.compile("[?&]until=([0-9.]+)").matcher(path);
            long untilMillis = until.find() ? new BigDecimal(until.group(1)).movePointRight(3).longValue() : 0;
            if (holdWhileHung(path, untilMillis)) {
                write(ch, "0\r\n\r\n".getBytes(UTF_8));
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // closing: nothing to do
            }
        }
    }

    private Answer answerFor(String path) {
        String best = null;
        for (String prefix : routes.keySet()) {
            if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? new Answer(404, "{\"message\":\"page not found\"}") : routes.get(best);
    }

    private static String readHead(SocketChannel ch) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(1);
        while (true) {
            buf.clear();
            if (ch.read(buf) < 0) {
                return null;
            }
            b.write(buf.get(0));
            String s = b.toString(UTF_8);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
    }

    private static void write(SocketChannel ch, byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        answerAgain(); // a held request ends too
        Files.deleteIfExists(socket);
    }
}
