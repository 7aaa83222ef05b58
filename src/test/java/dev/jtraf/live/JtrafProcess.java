package dev.jtraf.live;

import dev.jtraf.cli.Main;
import dev.jtraf.lab.Lab;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * jtraf run as the real program, in its own JVM, with {@code --dump json}: its stdout is read as
 * it streams and parsed into {@link DumpBlock}s.
 *
 * <p>The JVM gets the runtime class path of this test JVM (jtraf's classes and their
 * dependencies, not the test classes). If this JVM was started with SIGINT ignored (a
 * background job of a non-interactive shell), the child would inherit that and a Ctrl-C could
 * never reach it; it is then started through {@code env --default-signal=INT}, which restores
 * what a terminal user's jtraf gets.
 */
final class JtrafProcess implements AutoCloseable {
    private final Lab.Background process;
    private final Path logFile;

    private JtrafProcess(Lab.Background process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
    }

    /** The argv that runs jtraf with {@code args}. */
    static List<String> command(String... args) {
        List<String> argv = new ArrayList<>();
        if (sigintIgnoredHere()) {
            argv.addAll(List.of("env", "--default-signal=INT"));
        }
        argv.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m",
                "-cp", runtimeClassPath(), Main.class.getName()));
        argv.addAll(List.of(args));
        return argv;
    }

    /** Starts {@code jtraf args...} in the background; {@code label} names its output files. */
    static JtrafProcess start(String label, Path logFile, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--log-file", logFile.toString()));
        Lab.Background b = Lab.spawn(label, command(all.toArray(String[]::new)));
        Lab.log("started %s: jtraf %s%s", b, String.join(" ", args), sigintIgnoredHere()
                ? " (SIGINT is ignored in this JVM: started through env --default-signal=INT)" : "");
        return new JtrafProcess(b, logFile);
    }

    /** Runs {@code jtraf args...} to completion (a replay) and returns its result. */
    static Lab.Result run(Duration timeout, Path logFile, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--log-file", logFile.toString()));
        return Lab.sh(timeout, command(all.toArray(String[]::new)));
    }

    /** Every complete block written so far. */
    List<DumpBlock> blocks() {
        return DumpBlock.parseAll(process.stdout());
    }

    /**
     * Waits for the first block that satisfies {@code cond}; fails early with jtraf's output if
     * jtraf exits first.
     */
    DumpBlock awaitBlock(String what, Duration timeout, Predicate<DumpBlock> cond) {
        return Lab.awaitValue("jtraf block: " + what, timeout, () -> {
            boolean alive = process.isAlive(); // sample first: if dead, the output read next is complete
            Optional<DumpBlock> b = blocks().stream().filter(cond).findFirst();
            if (b.isEmpty() && !alive) {
                throw new AssertionError("jtraf exited before " + what + "; stderr: " + process.stderr().strip()
                        + "; last stdout lines:\n" + tail(process.stdout(), 6));
            }
            return b;
        });
    }

    /** SIGINT, then waits for jtraf to print its final block and exit. */
    Lab.Result interrupt(Duration timeout) {
        process.signal("INT");
        return process.waitFor(timeout);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String stderr() {
        return process.stderr();
    }

    Path logFile() {
        return logFile;
    }

    String log() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile) : "";
        } catch (java.io.IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        process.close();
    }

    /**
     * This JVM's class path minus the test classes: jtraf's classes and the libraries it runs
     * with (Surefire sets {@code java.class.path} to the test class path).
     */
    static String runtimeClassPath() {
        String tests;
        try {
            tests = Path.of(JtrafProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> keep = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.isEmpty() || Path.of(e).toAbsolutePath().toString().equals(Path.of(tests).toAbsolutePath().toString())) {
                continue;
            }
            String name = Path.of(e).getFileName().toString();
            if (name.startsWith("junit-") || name.startsWith("opentest4j") || name.startsWith("apiguardian")) {
                continue;
            }
            keep.add(e);
        }
        String mainClasses;
        try {
            mainClasses = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (!keep.contains(mainClasses)) {
            keep.add(0, mainClasses);
        }
        return String.join(File.pathSeparator, keep);
    }

    /** True if SIGINT is ignored in this JVM (bit 2 of SigIgn in /proc/self/status). */
    static boolean sigintIgnoredHere() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    return (mask & (1L << (2 - 1))) != 0 && Lab.which("env").isPresent();
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    static String tail(String s, int lines) {
        List<String> l = s.lines().toList();
        return String.join("\n", l.subList(Math.max(0, l.size() - lines), l.size()));
    }

    @Override
    public String toString() {
        return "jtraf[pid " + process.pid() + "]";
    }
}
