package dev.jtraf.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.lab.Lab;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Without a Docker socket a live dump runs as before and says once, on stderr, why there are
 * no container names (stdout is data); the log file says it once too. Needs root for the live
 * capture, not Docker.
 */
@Tag(Lab.TAG)
class NoDockerLabTest {
    @Test
    void withoutTheSocketJtrafRunsAndSaysWhyInOneLine() throws IOException {
        Lab.assumeRoot();
        try (JtrafDump jtraf = JtrafDump.start(Map.of("DOCKER_HOST", "unix:///nonexistent.sock"), "--duration", "2",
                "-i", "lo")) {
            Lab.Result r = jtraf.waitFor(Duration.ofSeconds(30));
            assertEquals(0, r.exitCode(), r.describe());
            assertEquals("jtraf: no container names: cannot reach Docker at /nonexistent.sock (no such socket; is Docker"
                    + " installed and running?)\n", r.stderr());
            assertTrue(r.stdout().contains("{\"time\":"), r.describe());
            for (JtrafDump.Block b : jtraf.blocks()) {
                assertEquals(null, b.row("lo").get("container"));
                assertEquals(null, b.row("lo").get("network"));
                assertEquals("host", b.row("host").get("scope"), "the host total needs no Docker");
            }
            String log = Files.readString(jtraf.log());
            assertEquals(1, log.split("no container names", -1).length - 1, log);
            assertTrue(!log.contains("Exception"), log);
        }
    }

    /**
     * An engine that listens and never answers (a hung dockerd): the dump waits for it until it
     * has been silent for the stall threshold (5 s), says so in one line, and runs its --duration.
     * Was: it waited forever (the error audit: killed after 200 s with nothing written; SIGTERM
     * gave no final block either).
     */
    @Test
    void aSilentEngineDelaysTheDumpOnlyUntilFoundSilentAndIsNamed() throws IOException {
        Lab.assumeRoot();
        Path dir = Files.createTempDirectory("jtraf-silent-engine");
        Path socket = dir.resolve("docker.sock");
        try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.bind(UnixDomainSocketAddress.of(socket)); // listens; accepts nothing, answers nothing
            try (JtrafDump jtraf = JtrafDump.start(Map.of("DOCKER_HOST", "unix://" + socket), "--duration", "2",
                    "-i", "lo")) {
                Lab.Result r = jtraf.waitFor(Duration.ofSeconds(40));
                assertEquals(0, r.exitCode(), r.describe());
                assertEquals("jtraf: no container names: Docker at " + socket
                        + " does not answer (no reply within 5 s; is the engine hung?)\n", r.stderr());
                List<JtrafDump.Block> blocks = jtraf.blocks();
                assertTrue(blocks.size() >= 2, r.describe());
                assertEquals(true, blocks.get(blocks.size() - 1).row("total").get("final"), r.describe());
            }
        } finally {
            Files.deleteIfExists(socket);
            Files.delete(dir);
        }
    }
}
