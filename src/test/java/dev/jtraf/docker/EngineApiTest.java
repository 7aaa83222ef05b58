package dev.jtraf.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.BindException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Engine API client against a stub engine on a Unix socket: version negotiation, errors. */
class EngineApiTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private EngineApi connect(StubEngine stub) throws EngineException {
        return EngineApi.connect(stub.host(), TIMEOUT, Duration.ofSeconds(1));
    }

    @Test
    void usesTheDaemonsNewestVersionWhenItIsOlderThanJtrafs() throws Exception {
        try (StubEngine stub = new StubEngine(dir).version("1.41", "1.12").on("/v1.41/networks", 200, "[]");
                EngineApi api = connect(stub)) {
            assertEquals("1.41", api.version());
            assertEquals(List.of(), api.getList("/networks"));
            assertEquals(List.of("GET /version", "GET /v1.41/networks"), stub.requests());
        }
    }

    /**
     * The transport's TLS context is jtraf's inert one (it spares the trust store's loading at
     * start): using it for anything fails at once, never a connection that verifies nothing.
     */
    @Test
    void theTlsContextHandedToTheTransportRefusesEveryUse() {
        javax.net.ssl.SSLContext tls = NoTls.context();
        assertThrows(UnsupportedOperationException.class, tls::getSocketFactory);
        assertThrows(UnsupportedOperationException.class, tls::createSSLEngine);
        assertThrows(UnsupportedOperationException.class, () -> tls.init(null, null, null));
    }

    @Test
    void capsTheVersionAtTheNewestJtrafKnows() throws Exception {
        try (StubEngine stub = new StubEngine(dir).version("1.52", "1.44"); EngineApi api = connect(stub)) {
            assertEquals(ApiVersion.NEWEST.toString(), api.version());
        }
    }

    @Test
    void neverAsksBelowTheDaemonsMinimum() throws Exception {
        try (StubEngine stub = new StubEngine(dir).version("1.60", "1.55"); EngineApi api = connect(stub)) {
            assertEquals("1.55", api.version());
        }
    }

    @Test
    void refusesADaemonOlderThanItNeeds() throws Exception {
        try (StubEngine stub = new StubEngine(dir).version("1.20", null)) {
            EngineException e = assertThrows(EngineException.class, () -> connect(stub));
            assertEquals("Docker API 1.20 is older than the 1.24 jtraf needs", e.getMessage());
        }
    }

    @Test
    void renegotiatesWhenTheDaemonRejectsTheVersion() throws Exception {
        try (StubEngine stub = new StubEngine(dir).version("1.41", "1.12")
                .on("/v1.41/networks", 200, "[{\"Name\":\"bridge\"}]"); EngineApi api = connect(stub)) {
            // the daemon is replaced by an older one under us
            stub.version("1.40", "1.12").on("/v1.41/networks", 400,
                    "{\"message\":\"client version 1.41 is too new. Maximum supported API version is 1.40\"}")
                    .on("/v1.40/networks", 200, "[]");
            assertEquals(List.of(), api.getList("/networks"));
            assertEquals("1.40", api.version());
        }
    }

    /**
     * A window in which nothing happened ends with an empty body (dockerd 20.10 sends not a
     * byte): that is its normal end, not an error. Was: "unexpected answer (not JSON)", taken for
     * a broken stream, so a full re-listing after every quiet window (every 11 s, not 30).
     */
    @Test
    void aQuietEventWindowEndsWithoutError() throws Exception {
        try (StubEngine stub = new StubEngine(dir).version("1.41", "1.12").streamEvents(); EngineApi api = connect(stub)) {
            long now = System.currentTimeMillis() * 1_000_000L;
            List<Map<String, Object>> seen = new ArrayList<>();
            api.events(DockerWatcher.seconds(now - 1_000_000_000L), DockerWatcher.seconds(now + 200_000_000L), seen::add);
            assertEquals(List.of(), seen);
        }
    }

    @Test
    void anErrorCarriesTheStatusAndTheEnginesMessage() throws Exception {
        try (StubEngine stub = new StubEngine(dir).version("1.41", "1.12")
                .on("/v1.41/containers/abc/json", 404, "{\"message\":\"No such container: abc\"}");
                EngineApi api = connect(stub)) {
            EngineException e = assertThrows(EngineException.class, () -> api.getMap("/containers/abc/json"));
            assertEquals(404, e.status());
            assertEquals("HTTP 404: No such container: abc", e.getMessage());
        }
    }

    @Test
    void aMissingSocketIsSaidPlainly() {
        EngineException e = assertThrows(EngineException.class,
                () -> EngineApi.connect(new DockerHost(dir.resolve("none.sock"), null), TIMEOUT, TIMEOUT));
        assertEquals("no such socket; is Docker installed and running?", e.getMessage());
    }

    @Test
    void aSocketNobodyListensOnIsRefused() throws IOException {
        Path dead = dir.resolve("dead.sock");
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(dead)); // the file stays after close
        }
        EngineException e = assertThrows(EngineException.class,
                () -> EngineApi.connect(new DockerHost(dead, null), TIMEOUT, TIMEOUT));
        assertEquals("connection refused; is the Docker engine running?", e.getMessage());
    }

    /**
     * A socket that closes without an answer, or answers something that is not HTTP: a reason
     * for people (error audit: "NoHttpResponseException: localhost:2375 failed to respond", an
     * exception's name and an address the user never gave).
     */
    @Test
    void aSocketThatIsNotDockersGetsAReasonForPeople() throws Exception {
        String expected = "no HTTP answer on the socket; is it Docker's, and is the engine healthy?";
        assertEquals(expected, failureAgainst(dir.resolve("close.sock"), null));
        assertEquals(expected, failureAgainst(dir.resolve("garbage.sock"), "SSH-2.0-OpenSSH_9.2\r\nnot http at all\r\n\r\n"));
    }

    /** Connects to a socket whose server reads the request, writes {@code answer} (if any) and closes. */
    private static String failureAgainst(Path socket, String answer) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread t = new Thread(() -> {
                for (int i = 0; i < 4; i++) { // the transport retries an idempotent GET
                    try (java.nio.channels.SocketChannel c = server.accept()) {
                        c.read(java.nio.ByteBuffer.allocate(4096));
                        if (answer != null) {
                            c.write(java.nio.ByteBuffer.wrap(answer.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                        }
                    } catch (IOException e) {
                        return; // closed: the test is over
                    }
                }
            }, "not-docker");
            t.setDaemon(true);
            t.start();
            EngineException e = assertThrows(EngineException.class,
                    () -> EngineApi.connect(new DockerHost(socket, null), TIMEOUT, TIMEOUT));
            return e.getMessage();
        }
    }

    @Test
    void permissionDeniedSaysWhatToDo() {
        // what docker-java's transport throws when connect(2) fails with EACCES (seen as a non-root user)
        RuntimeException thrown = new RuntimeException(new BindException("Permission denied"));
        assertEquals("permission denied; add yourself to the docker group or run as root",
                EngineApi.reasonOf(thrown, TIMEOUT));
    }

    @Test
    void dockerHostNamesTheSocket() {
        assertEquals(new DockerHost(DockerHost.DEFAULT_SOCKET, null), DockerHost.fromEnvironment(Map.of()));
        assertEquals(new DockerHost(Path.of("/run/user/1000/docker.sock"), null),
                DockerHost.fromEnvironment(Map.of("DOCKER_HOST", "unix:///run/user/1000/docker.sock")));
        assertEquals(new DockerHost(null, "DOCKER_HOST=tcp://docker.example:2375 is not a unix:// socket (jtraf talks only"
                + " to a local engine)"), DockerHost.fromEnvironment(Map.of("DOCKER_HOST", "tcp://docker.example:2375")));
        EngineException e = assertThrows(EngineException.class, () -> EngineApi.connect(
                DockerHost.fromEnvironment(Map.of("DOCKER_HOST", "ssh://box")), TIMEOUT, TIMEOUT));
        assertEquals("DOCKER_HOST=ssh://box is not a unix:// socket (jtraf talks only to a local engine)", e.getMessage());
    }
}
