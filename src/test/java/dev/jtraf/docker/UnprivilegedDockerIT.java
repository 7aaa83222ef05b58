package dev.jtraf.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtraf.lab.Lab;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar run as an unprivileged user (nobody, with only the capture capabilities):
 * a Docker socket in a directory that user may not search is a permission problem, said so,
 * not "no such socket" (error audit). Runs after package (failsafe), as root, which it needs
 * to switch users; skips otherwise.
 */
@Tag("e2e")
class UnprivilegedDockerIT {
    @TempDir
    Path dir;

    @Test
    void aSocketInADirectoryNobodyMaySearchIsAPermissionProblem() throws Exception {
        assumeTrue(Lab.isRoot(), "not root: cannot run jtraf as another user; skipping");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "no setpriv (util-linux); skipping");
        Path jar = Lab.packagedJar();
        assertTrue(Files.isReadable(jar), "no jar at " + jar);
        Path priv = Files.createDirectory(dir.resolve("priv"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path socket = priv.resolve("docker.sock");
        Path logs = Files.createTempDirectory("jtraf-nobody"); // nobody's log file, created by nobody
        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path log = logs.resolve("jtraf.log");
        // a copy nobody can read, wherever the build is (a checkout under /root is not readable)
        Path readableJar = Files.copy(jar, logs.resolve("jtraf.jar"));
        Files.setPosixFilePermissions(readableJar, PosixFilePermissions.fromString("rw-r--r--"));
        try (ServerSocketChannel engine = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            engine.bind(UnixDomainSocketAddress.of(socket));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    "--inh-caps=+net_raw,+net_admin", "--ambient-caps=+net_raw,+net_admin", "env",
                    "DOCKER_HOST=unix://" + socket, java, "-jar", readableJar.toString(), "--dump", "csv", "--duration", "1",
                    "-i", "lo", "--log-file", log.toString()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "jtraf did not end");
            assertEquals(0, p.exitValue(), err);
            assertEquals("jtraf: no container names: cannot reach Docker at " + socket
                    + " (permission denied; add yourself to the docker group or run as root)\n", err);
        } finally {
            Files.deleteIfExists(log);
            Files.deleteIfExists(readableJar);
            Files.delete(logs);
        }
    }
}
