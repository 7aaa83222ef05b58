package dev.jtraf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.source.CaptureFiles;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log file jtraf chooses: the one asked for when it is a regular file of this user that can
 * be appended to, else a fallback. (slf4j-simple, given a directory, printed a stack trace on
 * the terminal and then logged there.)
 */
class LogSetupTest {
    private static final String LOG_FILE = "org.slf4j.simpleLogger.logFile";

    @TempDir
    Path dir;
    private String before;

    @BeforeEach
    void saveProperty() {
        before = System.getProperty(LOG_FILE);
    }

    /** configure() sets the log file property if absent: leave it as other tests found it. */
    @AfterEach
    void restoreProperty() {
        if (before == null) {
            System.clearProperty(LOG_FILE);
        } else {
            System.setProperty(LOG_FILE, before);
        }
    }

    @Test
    void aUsableFileIsTakenAndCreatedWithItsFolder() {
        Path f = dir.resolve("a").resolve("b").resolve("jtraf.log");
        assertEquals(f, LogSetup.configure(f));
        assertTrue(Files.isRegularFile(f));
    }

    @Test
    void aDirectoryOrAnEmptyPathIsNotTaken() {
        assertNotEquals(dir, LogSetup.configure(dir));
        assertNotEquals(Path.of(""), LogSetup.configure(Path.of("")));
    }

    @Test
    void anotherUsersFileOrALinkIsNotTaken() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link.log"), Files.createFile(dir.resolve("target.log")));
        assertNotEquals(link, LogSetup.configure(link));
        Assumptions.assumeTrue(Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0),
                "giving a file to another user needs root");
        Path theirs = Files.createFile(dir.resolve("theirs.log"));
        Files.setAttribute(theirs, "unix:uid", 4242);
        Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertNotEquals(theirs, LogSetup.configure(theirs));
    }

    /**
     * A run appends to the log file: another run's lines stay (slf4j-simple, given the file
     * itself, emptied it at every start), and nothing of the log reaches stderr. Two replays
     * in JVMs of their own, each of which logs how it reads the file.
     */
    @Test
    void eachRunAppendsToTheLogFile() throws Exception {
        Path capture = Files.write(dir.resolve("one.pcap"), new CaptureFiles.Pcap(ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, 1)
                .record(1_700_000_000L, 0, CaptureFiles.data(60, 0), 60).bytes());
        Path log = Files.writeString(dir.resolve("jtraf.log"), "a line of an earlier run\n");
        for (int run = 1; run <= 2; run++) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "-r", capture.toString(), "--dump", "text", "--log-file", log.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "run " + run + " ended");
            assertEquals(0, p.exitValue(), "run " + run + ": " + stderr);
            assertEquals("", stderr, "run " + run);
        }
        List<String> lines = Files.readAllLines(log);
        assertEquals("a line of an earlier run", lines.get(0));
        assertEquals(2, lines.stream().filter(l -> l.contains("replay: read-ahead by")).count(), String.join("\n", lines));
    }
}
