package dev.jtraf.docker;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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

/**
 * A Docker engine stand-in on a Unix socket of a temporary directory (tech-notes 6, test layer
 * 4): answers each {@code GET} by the longest matching path prefix with a fixed status and JSON
 * body, one request per connection ({@code Connection: close}), and records the request lines.
 * It can {@link #hang} as a hung dockerd does (accept, read, never answer) and answer again.
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
     * From now on holds the first request it reads whose path starts with {@code prefix} without
     * answering it (and, one request at a time, all after it), until {@link #answerAgain}.
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
            try (SocketChannel ch = server.accept()) {
                String head = readHead(ch);
                if (head == null) {
                    continue;
                }
                String line = head.substring(0, head.indexOf("\r\n"));
                String[] parts = line.split(" ");
                requests.add(parts[0] + " " + parts[1]);
                synchronized (hold) {
                    while (hung != null && parts[1].startsWith(hung) && server.isOpen()) {
                        hold.wait();
                    }
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
