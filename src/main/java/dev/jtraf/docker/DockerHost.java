package dev.jtraf.docker;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the Docker engine listens: the Unix socket named by {@code DOCKER_HOST=unix:///path},
 * else {@code /var/run/docker.sock}. jtraf talks only to a local engine: any other
 * {@code DOCKER_HOST} (tcp://, ssh://) is a {@link #problem()}, not an attempt.
 *
 * @param socket  the socket path, or null with a problem
 * @param problem why there is no usable socket, or null
 */
public record DockerHost(Path socket, String problem) {
    /** The engine's default socket. */
    public static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");

    /** From the process environment. */
    public static DockerHost fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** From an environment map (tests). */
    public static DockerHost fromEnvironment(Map<String, String> env) {
        String v = env.get("DOCKER_HOST");
        if (v == null || v.isBlank()) {
            return new DockerHost(DEFAULT_SOCKET, null);
        }
        v = v.trim();
        if (!v.startsWith("unix://")) {
            return new DockerHost(null, "DOCKER_HOST=" + v + " is not a unix:// socket (jtraf talks only to a local engine)");
        }
        String path = v.substring("unix://".length());
        try {
            if (!path.startsWith("/")) {
                throw new InvalidPathException(path, "not absolute");
            }
            return new DockerHost(Path.of(path), null);
        } catch (InvalidPathException e) {
            return new DockerHost(null, "DOCKER_HOST=" + v + " does not name an absolute socket path");
        }
    }

    /** The socket as docker-java's transport wants it. */
    URI uri() {
        return URI.create("unix://" + socket);
    }

    @Override
    public String toString() {
        return socket != null ? socket.toString() : problem;
    }
}
