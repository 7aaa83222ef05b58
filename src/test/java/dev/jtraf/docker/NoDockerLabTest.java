package dev.jtraf.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
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
}
