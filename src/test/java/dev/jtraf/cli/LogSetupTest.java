package dev.jtraf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
}
