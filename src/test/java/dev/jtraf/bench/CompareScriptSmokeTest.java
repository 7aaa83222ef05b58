package dev.jtraf.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.lab.Lab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * CI's check of the benchmark script (issue 6): {@code src/bench/compare.sh --smoke} runs its
 * whole comparison on tiny sizes (replay, live in its own network namespaces, startup,
 * footprint) with jtraf and the capture generator from this test's classpath, exits 0 and
 * prints its one table. The numbers of a smoke run mean nothing; native-notes/performance.md
 * has those of a full run.
 */
@Tag(Lab.TAG)
class CompareScriptSmokeTest {
    /** The script's own bound: SIGTERM, on which it removes what it created (its EXIT trap). */
    private static final int SCRIPT_SECONDS = 170;
    private static final Duration TIMEOUT = Duration.ofSeconds(SCRIPT_SECONDS + 20);

    @Test
    void smokeRunPrintsTheTable() {
        Path script = Path.of(System.getProperty("basedir", ".")).resolve("src/bench/compare.sh").toAbsolutePath();
        assertTrue(Files.isRegularFile(script), "no " + script);
        Lab.assumeCommand("bash");
        Lab.assumeCommand("timeout");
        Lab.Result r = Lab.sh(TIMEOUT, "timeout", "-s", "TERM", Integer.toString(SCRIPT_SECONDS), "bash",
                script.toString(), "--smoke", "--cp", System.getProperty("java.class.path"));
        Lab.log("compare.sh --smoke took %d ms:%n%s", r.elapsed().toMillis(), r.stdout());
        assertTrue(r.ok(), r.describe());
        String out = r.stdout();
        assertTrue(out.contains("== jtraf performance comparison"), "table title\n" + out);
        assertTrue(out.contains("TEST") && out.contains("TOOL") && out.contains("VALUE"), "table header\n" + out);
        assertTrue(out.contains("jtraf -r F --dump text"), "replay rows\n" + out);
        assertTrue(out.contains("tcpdump -r F -w /dev/null"), "tcpdump replay row\n" + out);
        if (Lab.isRoot() && Lab.which("tcpreplay").isPresent()) {
            assertTrue(out.contains("jtraf-native") && out.contains("jtraf-pcap4j"), "live rows\n" + out);
        }
    }
}
