package dev.jtraf.docker;

import com.fasterxml.jackson.jr.ob.JSON;
import com.fasterxml.jackson.jr.ob.ValueIterator;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Read-only calls to the Docker Engine API over its Unix socket: HTTP by docker-java's
 * zero-dependency transport, JSON by jackson-jr. Only {@code GET}s: {@code /version},
 * {@code /containers/json}, {@code /containers/{id}/json}, {@code /networks} and the
 * {@code /events} stream.
 *
 * <p>The API version is negotiated once on {@link #connect} through the unversioned
 * {@code GET /version} ({@link ApiVersion#negotiate}) and again after an HTTP 400 that
 * complains about the version (the daemon was upgraded under us).
 *
 * <p>Thread-safety: {@link #get} and {@link #events} may be called from different threads
 * (one request client, one event-stream client, each with its own connection pool).
 */
final class EngineApi implements AutoCloseable {
    /** The event kinds that change what jtraf shows (no exec or health-check noise). */
    static final String EVENT_FILTERS = "{\"type\":[\"container\",\"network\"],\"event\":[\"create\",\"start\","
            + "\"die\",\"destroy\",\"rename\",\"pause\",\"unpause\",\"connect\",\"disconnect\"]}";
    static final String PERMISSION_DENIED = "permission denied; add yourself to the docker group or run as root";
    static final String NO_SOCKET = "no such socket; is Docker installed and running?";
    static final String REFUSED = "connection refused; is the Docker engine running?";
    static final String NO_HTTP_ANSWER = "no HTTP answer on the socket; is it Docker's, and is the engine healthy?";

    private static final JSON JSON_READER = JSON.std;

    private final DockerHost host;
    private final Duration responseTimeout;
    private final DockerHttpClient client;
    private final DockerHttpClient eventClient;
    private volatile ApiVersion version;

    private EngineApi(DockerHost host, Duration responseTimeout, Duration eventWindow) {
        this.host = host;
        this.responseTimeout = responseTimeout;
        this.client = new ZerodepDockerHttpClient.Builder().dockerHost(host.uri()).maxConnections(2).sslConfig(NoTls::context)
                .connectionTimeout(Duration.ofSeconds(2)).responseTimeout(responseTimeout).build();
        // An event window ends when the daemon closes the stream at its "until" time; a read
        // timeout beyond that only catches a daemon that stopped answering.
        this.eventClient = new ZerodepDockerHttpClient.Builder().dockerHost(host.uri()).maxConnections(1).sslConfig(NoTls::context)
                .connectionTimeout(Duration.ofSeconds(2)).responseTimeout(eventWindow.plus(responseTimeout)).build();
    }

    /**
     * Opens the socket and negotiates the API version.
     *
     * @param responseTimeout  how long one call may take
     * @param eventWindow      the longest event window {@link #events} will be asked for
     * @throws EngineException with a reason for people if the engine cannot be used
     */
    static EngineApi connect(DockerHost host, Duration responseTimeout, Duration eventWindow) throws EngineException {
        if (host.socket() == null) {
            throw new EngineException(0, host.problem());
        }
        if (!Files.exists(host.socket())) {
            // also spares the transport's retry; a socket in a directory we may not search is not
            // known to be missing (Files.notExists says false): that is a permission problem
            throw new EngineException(0, Files.notExists(host.socket()) ? NO_SOCKET : PERMISSION_DENIED);
        }
        EngineApi api = new EngineApi(host, responseTimeout, eventWindow);
        try {
            api.negotiate();
            return api;
        } catch (EngineException e) {
            api.close();
            throw e;
        }
    }

    /** The API version in use, e.g. {@code 1.41}. */
    String version() {
        return String.valueOf(version);
    }

    DockerHost host() {
        return host;
    }

    private void negotiate() throws EngineException {
        Request req = Request.builder().method(Request.Method.GET).path("/version").putHeader("Accept", "application/json")
                .build();
        try (Response r = client.execute(req)) {
            int status = r.getStatusCode();
            if (status != 200) {
                throw new EngineException(status, "GET /version answered HTTP " + status);
            }
            String header = r.getHeader("Api-Version");
            Object body = JSON_READER.anyFrom(r.getBody());
            ApiVersion max = ApiVersion.parse(Json.str(body, "ApiVersion"));
            version = ApiVersion.negotiate(max != null ? max : ApiVersion.parse(header),
                    ApiVersion.parse(Json.str(body, "MinAPIVersion")));
        } catch (IOException | RuntimeException e) {
            throw new EngineException(reasonOf(e, responseTimeout), e);
        }
    }

    /**
     * {@code GET /v<version><pathAndQuery>} and its JSON (a map or a list).
     *
     * @throws EngineException with the HTTP status and the engine's message, or the transport's reason
     */
    Object get(String pathAndQuery) throws EngineException {
        try {
            return getOnce(pathAndQuery);
        } catch (EngineException e) {
            if (e.status() == 400 && String.valueOf(e.getMessage()).contains("version")) {
                negotiate();
                return getOnce(pathAndQuery);
            }
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    List<Object> getList(String pathAndQuery) throws EngineException {
        Object o = get(pathAndQuery);
        if (!(o instanceof List)) {
            throw new EngineException(0, "GET " + pathAndQuery + ": expected a JSON array");
        }
        return (List<Object>) o;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> getMap(String pathAndQuery) throws EngineException {
        Object o = get(pathAndQuery);
        if (!(o instanceof Map)) {
            throw new EngineException(0, "GET " + pathAndQuery + ": expected a JSON object");
        }
        return (Map<String, Object>) o;
    }

    private Object getOnce(String pathAndQuery) throws EngineException {
        Request req = Request.builder().method(Request.Method.GET).path("/v" + version + pathAndQuery)
                .putHeader("Accept", "application/json").build();
        try (Response r = client.execute(req)) {
            checkStatus(r);
            return JSON_READER.anyFrom(r.getBody());
        } catch (IOException | RuntimeException e) {
            throw new EngineException(reasonOf(e, responseTimeout), e);
        }
    }

    /**
     * Streams {@code GET /events} between two moments and hands each event (a JSON map) to
     * {@code onEvent}, on the calling thread, as it arrives. Returns when the daemon ends the
     * stream at {@code untilSeconds}.
     *
     * @param sinceSeconds epoch seconds with fraction, e.g. {@code 1795858549.647219768}
     * @param untilSeconds same, in the future; at most the event window given to {@link #connect}
     */
    void events(String sinceSeconds, String untilSeconds, Consumer<Map<String, Object>> onEvent) throws EngineException {
        String path = "/v" + version + "/events?since=" + sinceSeconds + "&until=" + untilSeconds + "&filters="
                + URLEncoder.encode(EVENT_FILTERS, StandardCharsets.UTF_8);
        Request req = Request.builder().method(Request.Method.GET).path(path).build();
        try (Response r = eventClient.execute(req)) {
            checkStatus(r);
            // a window without events has an empty body, which jackson-jr's sequence reader
            // rejects ("no content"): it ended as it should, it is not a broken stream
            PushbackInputStream body = new PushbackInputStream(r.getBody());
            int first = body.read();
            if (first < 0) {
                return;
            }
            body.unread(first);
            try (ValueIterator<Object> it = JSON_READER.anySequenceFrom(body)) {
                while (it.hasNextValue()) {
                    Object ev = it.nextValue();
                    if (ev instanceof Map) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> m = (Map<String, Object>) ev;
                        onEvent.accept(m);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new EngineException(reasonOf(e, responseTimeout), e);
        }
    }

    private static void checkStatus(Response r) throws EngineException {
        int status = r.getStatusCode();
        if (status == 200) {
            return;
        }
        String message = null;
        try (InputStream in = r.getBody()) {
            message = Json.str(JSON_READER.anyFrom(in), "message");
        } catch (IOException | RuntimeException e) {
            // no JSON error body: the status alone
        }
        throw new EngineException(status, "HTTP " + status + (message != null ? ": " + message : ""));
    }

    /**
     * A short reason for people from a transport failure: the errno text of the socket call,
     * with what to do about it.
     */
    static String reasonOf(Throwable t, Duration timeout) {
        Throwable last = t;
        for (Throwable c = t; c != null; c = c.getCause()) {
            last = c;
            String m = String.valueOf(c.getMessage());
            if (c instanceof SocketTimeoutException || c.getClass().getSimpleName().contains("Timeout")) {
                return "no answer within " + timeout.toSeconds() + " s";
            }
            if (m.contains("Permission denied")) {
                return PERMISSION_DENIED;
            }
            if (m.contains("No such file or directory")) {
                return NO_SOCKET;
            }
            if (m.contains("Connection refused")) {
                return REFUSED;
            }
            if (c instanceof EngineException) {
                return m;
            }
            String kind = c.getClass().getSimpleName();
            // closed without an answer, or answered with what is not HTTP (httpclient5 says
            // "localhost:2375 failed to respond": neither the address nor the class is the user's)
            if (kind.equals("NoHttpResponseException") || kind.equals("ProtocolException") || kind.equals("ParseException")
                    || kind.equals("MessageConstraintException")) {
                return NO_HTTP_ANSWER;
            }
        }
        if (last instanceof com.fasterxml.jackson.core.JsonProcessingException) {
            return "unexpected answer (not JSON)";
        }
        return last.getClass().getSimpleName() + (last.getMessage() != null ? ": " + last.getMessage() : "");
    }

    @Override
    public void close() {
        closeQuietly(client);
        closeQuietly(eventClient);
    }

    private static void closeQuietly(DockerHttpClient c) {
        try {
            c.close();
        } catch (IOException | RuntimeException e) {
            // closing a client of a socket that failed: nothing to do
        }
    }
}
