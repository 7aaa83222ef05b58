package dev.jtraf.view.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whole-screen golden files in {@code src/test/resources/golden/}. A mismatch fails; run with
 * {@code -Djtraf.updateGoldens=true} to (re)write them from the current output, then review
 * the diff before committing.
 */
final class Goldens {
    private Goldens() {
    }

    static Path dir() {
        return Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/golden");
    }

    static void assertMatches(String name, String actual) {
        Path file = dir().resolve(name + ".txt");
        try {
            if (Boolean.getBoolean("jtraf.updateGoldens")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                fail("no golden file " + file + "; create it with -Djtraf.updateGoldens=true. Screen was:\n" + actual);
            }
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual,
                    "screen differs from " + file + " (regenerate with -Djtraf.updateGoldens=true after checking)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
