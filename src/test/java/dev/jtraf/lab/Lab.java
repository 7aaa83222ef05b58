package dev.jtraf.lab;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;

/**
 * Shared support for the "lab" tests: skipping without privileges or tools, running processes
 * with captured output and enforced timeouts, waiting for conditions with a deadline, and
 * cleaning up at JVM exit.
 *
 * <p>Processes never inherit the terminal: stdin is {@code /dev/null}, stdout and stderr go to
 * files under {@code target/lab/proc/}. Waiting is always polling a condition against a
 * deadline; no fixed sleeps are used as synchronisation.
 */
public final class Lab {
    /** JUnit tag of tests that need root and create namespaces, links or containers. */
    public static final String TAG = "lab";

    private static final File DEV_NULL = new File("/dev/null");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong SEQ = new AtomicLong();
    private static final long PID = ProcessHandle.current().pid();
    private static final long START_NANOS = System.nanoTime();
    private static final Set<String> PRINTED_SKIPS = Collections.synchronizedSet(new HashSet<>());
    private static final Deque<AutoCloseable> AT_EXIT = new ArrayDeque<>();
    private static boolean exitHookInstalled;

    private Lab() {}

    /** The outcome of {@link #sh}: exit code (-1 after a timeout), output, and how long it took. */
    public record Result(
            List<String> command, int exitCode, boolean timedOut, String stdout, String stderr, Duration elapsed) {
        public Result {
            command = List.copyOf(command);
        }

        /** Exited by itself with status 0. */
        public boolean ok() {
            return !timedOut && exitCode == 0;
        }

        /** Stripped stdout. */
        public String out() {
            return stdout.strip();
        }

        /** This result if {@link #ok()}, otherwise an {@link IllegalStateException} describing it. */
        public Result orThrow() {
            if (!ok()) {
                throw new IllegalStateException(describe());
            }
            return this;
        }

        public String describe() {
            return String.join(" ", command)
                    + (timedOut ? " timed out after " + elapsed.toMillis() + " ms" : " exited " + exitCode)
                    + (stdout.isBlank() ? "" : "\n  stdout: " + stdout.strip().replace("\n", "\n          "))
                    + (stderr.isBlank() ? "" : "\n  stderr: " + stderr.strip().replace("\n", "\n          "));
        }
    }

    // ------------------------------------------------------------------------------------------
    // Skipping

    /** Effective uid of this JVM, from /proc/self/status; -1 if unknown. */
    public static int euid() {
        return statusField("Uid:", 1).map(Integer::parseInt).orElse(-1);
    }

    /** Effective capability set of this JVM, from /proc/self/status; 0 if unknown. */
    public static long capEff() {
        return statusField("CapEff:", 0).map(s -> Long.parseUnsignedLong(s, 16)).orElse(0L);
    }

    /** True if this JVM runs as root with CAP_NET_ADMIN, CAP_NET_RAW and CAP_SYS_ADMIN. */
    public static boolean isRoot() {
        long needed = (1L << 12) | (1L << 13) | (1L << 21); // NET_ADMIN, NET_RAW, SYS_ADMIN
        return euid() == 0 && (capEff() & needed) == needed;
    }

    /** Skips the calling test (JUnit assumption) unless this JVM is root with the needed capabilities. */
    public static void assumeRoot() {
        if (!isRoot()) {
            skip(String.format(Locale.ROOT,
                    "lab test skipped: needs root with CAP_NET_ADMIN, CAP_NET_RAW and CAP_SYS_ADMIN to create network "
                            + "namespaces, veths and containers and to capture; this JVM has euid=%d CapEff=%x. "
                            + "Run as root after `bash .ci/lab-setup`, or exclude with -Dsurefire.excludedGroups=lab",
                    euid(), capEff()));
        }
    }

    /**
     * Skips the calling test unless {@code command} is an executable on PATH (or in /usr/sbin,
     * /sbin). Returns its path.
     */
    public static Path assumeCommand(String command) {
        Optional<Path> p = which(command);
        if (p.isEmpty()) {
            skip("lab test skipped: command `" + command + "` not found on PATH:/usr/sbin:/sbin "
                    + "(run `bash .ci/lab-setup` as root to install the lab packages)");
        }
        return p.orElseThrow();
    }

    /** Aborts the calling test with {@code reason}, printing the reason once per JVM. */
    public static void skip(String reason) {
        if (PRINTED_SKIPS.add(reason)) {
            System.out.println("[lab] " + reason);
            System.out.flush();
        }
        Assumptions.abort(reason);
    }

    /** Finds an executable by name on PATH, then /usr/sbin and /sbin; absolute names are checked as is. */
    public static Optional<Path> which(String command) {
        if (command.contains("/")) {
            Path p = Path.of(command);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(List.of("/usr/local/sbin", "/usr/sbin", "/sbin"));
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, command);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------------------------------
    // Processes

    /**
     * Runs {@code argv} to completion with stdin from /dev/null and stdout/stderr captured. If it
     * has not finished after {@code timeout}, it and its descendants are killed (destroyForcibly)
     * and the result has {@code timedOut} set and exit code -1. A command that cannot be started
     * gives exit code 127 and the reason in stderr.
     */
    public static Result sh(Duration timeout, String... argv) {
        return sh(timeout, List.of(argv));
    }

    /** {@link #sh(Duration, String...)} with a list. */
    public static Result sh(Duration timeout, List<String> argv) {
        Path dir = dir("proc");
        String base = "sh-" + PID + "-" + SEQ.incrementAndGet(); // unique across JVMs sharing target/
        Path out = dir.resolve(base + ".out");
        Path err = dir.resolve(base + ".err");
        long t0 = System.nanoTime();
        try {
            Process p;
            try {
                p = new ProcessBuilder(argv)
                        .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
            } catch (IOException e) {
                return new Result(argv, 127, false, "", "cannot start: " + e.getMessage(), since(t0));
            }
            boolean finished = waitFor(p, timeout);
            if (!finished) {
                killTree(p);
            }
            return new Result(argv, finished ? p.exitValue() : -1, !finished, read(out), read(err), since(t0));
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** {@link #sh(Duration, String...)} that throws {@link IllegalStateException} unless the command succeeded. */
    public static Result shOk(Duration timeout, String... argv) {
        return sh(timeout, argv).orThrow();
    }

    /**
     * Starts {@code argv} in the background with stdin from /dev/null and stdout/stderr written to
     * {@code target/lab/proc/<label>-<pid>-<n>.out|.err} (kept for post-mortems). Close it to stop it.
     */
    public static Background spawn(String label, List<String> argv) {
        Path dir = dir("proc");
        String base = label.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + PID + "-" + SEQ.incrementAndGet();
        Path out = dir.resolve(base + ".out");
        Path err = dir.resolve(base + ".err");
        try {
            Process p = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            Background b = new Background(label, argv, p, out, err);
            closeAtExit(b); // no helper outlives the JVM, even if a test forgets to close it
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", argv), e);
        }
    }

    /** A process started by {@link #spawn}; its output is in files, read on demand. */
    public static final class Background implements AutoCloseable {
        private final String label;
        private final List<String> command;
        private final Process process;
        private final Path stdoutFile;
        private final Path stderrFile;
        private final long started = System.nanoTime();

        Background(String label, List<String> command, Process process, Path stdoutFile, Path stderrFile) {
            this.label = label;
            this.command = List.copyOf(command);
            this.process = process;
            this.stdoutFile = stdoutFile;
            this.stderrFile = stderrFile;
        }

        public String label() {
            return label;
        }

        public List<String> command() {
            return command;
        }

        public long pid() {
            return process.pid();
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        public Path stdoutFile() {
            return stdoutFile;
        }

        public Path stderrFile() {
            return stderrFile;
        }

        public String stdout() {
            return read(stdoutFile);
        }

        public String stderr() {
            return read(stderrFile);
        }

        /**
         * Waits until {@code cond} holds for stdout+stderr so far. Fails early, with the output,
         * if the process exits without the condition having become true.
         */
        public Duration awaitOutput(String what, Duration timeout, Predicate<String> cond) {
            long t0 = System.nanoTime();
            await(label + ": " + what, timeout, () -> {
                boolean alive = process.isAlive(); // sample before reading: output is complete if dead
                if (cond.test(stdout() + stderr())) {
                    return true;
                }
                if (!alive) {
                    throw new IllegalStateException(label + " exited (" + process.exitValue() + ") before " + what
                            + "\n  command: " + String.join(" ", command) + "\n  stdout: " + stdout().strip()
                            + "\n  stderr: " + stderr().strip());
                }
                return false;
            });
            return since(t0);
        }

        /** Sends a signal by name ("INT", "TERM", ...) with kill(1). */
        public void signal(String name) {
            if (process.isAlive()) {
                sh(Duration.ofSeconds(5), "kill", "-s", name, Long.toString(process.pid()));
            }
        }

        /**
         * Waits for the process to exit by itself; kills it (and descendants) after {@code timeout}.
         * The result carries its output.
         */
        public Result waitFor(Duration timeout) {
            boolean finished = Lab.waitFor(process, timeout);
            if (!finished) {
                killTree(process);
            }
            forgetAtExit(this);
            return new Result(command, finished ? process.exitValue() : -1, !finished, stdout(), stderr(),
                    since(started));
        }

        /** Stops the process if still running: SIGTERM, then after 3 s SIGKILL to it and its descendants. */
        @Override
        public void close() {
            forgetAtExit(this);
            if (process.isAlive()) {
                process.destroy();
                if (!Lab.waitFor(process, Duration.ofSeconds(3))) {
                    killTree(process);
                }
            }
        }

        @Override
        public String toString() {
            return label + "[pid " + process.pid() + "]";
        }
    }

    /**
     * The packaged jar an end-to-end test runs: {@code -Djtraf.jar=PATH} if given, else
     * {@code ${jtraf.buildDir}/jtraf.jar} (the build directory failsafe runs after package).
     */
    public static Path packagedJar() {
        String explicit = System.getProperty("jtraf.jar");
        return (explicit != null ? Path.of(explicit)
                : Path.of(System.getProperty("jtraf.buildDir", "target")).resolve("jtraf.jar")).toAbsolutePath();
    }

    /**
     * The argv for running {@code mainClass} (a class of the test tree using only the JDK) in a
     * fresh, small JVM: handy under {@code nsenter} or {@code ip netns exec}.
     */
    public static List<String> javaCommand(Class<?> mainClass, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp;
        try {
            cp = Path.of(mainClass.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> argv = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xmx64m", "-cp", cp, mainClass.getName()));
        argv.addAll(List.of(args));
        return argv;
    }

    static boolean waitFor(Process p, Duration timeout) {
        try {
            return p.waitFor(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            killTree(p);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for pid " + p.pid(), e);
        }
    }

    static void killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------------------
    // Waiting

    /**
     * Polls {@code cond} (every 5 ms at first, backing off to 100 ms) until it is true, and returns
     * how long that took; throws {@link AssertionError} naming {@code what} after {@code timeout}.
     */
    public static Duration await(String what, Duration timeout, BooleanSupplier cond) {
        return poll(what, timeout, () -> cond.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty()).took();
    }

    /** Like {@link #await}, for a condition that produces a value once it holds. */
    public static <T> T awaitValue(String what, Duration timeout, Supplier<Optional<T>> probe) {
        return poll(what, timeout, probe).value();
    }

    private record Polled<T>(T value, Duration took) {}

    private static <T> Polled<T> poll(String what, Duration timeout, Supplier<Optional<T>> probe) {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        long pauseMillis = 5;
        while (true) {
            Optional<T> v = probe.get();
            if (v.isPresent()) {
                return new Polled<>(v.get(), since(t0));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            sleep(Math.min(pauseMillis, TimeUnit.NANOSECONDS.toMillis(left) + 1));
            pauseMillis = Math.min(pauseMillis * 2, 100);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Cleanup at exit

    /**
     * Closes {@code c} from a shutdown hook if it is still registered when the JVM exits (Ctrl-C,
     * SIGTERM, System.exit). Resources are closed in reverse order of registration.
     */
    public static void closeAtExit(AutoCloseable c) {
        synchronized (AT_EXIT) {
            if (!exitHookInstalled) {
                Runtime.getRuntime().addShutdownHook(new Thread(Lab::runExitHooks, "jtraf-lab-cleanup"));
                exitHookInstalled = true;
            }
            AT_EXIT.push(c);
        }
    }

    /** Unregisters {@code c} from {@link #closeAtExit} (after it was closed normally). */
    public static void forgetAtExit(AutoCloseable c) {
        synchronized (AT_EXIT) {
            AT_EXIT.remove(c);
        }
    }

    private static void runExitHooks() {
        while (true) {
            AutoCloseable c;
            synchronized (AT_EXIT) {
                c = AT_EXIT.poll();
            }
            if (c == null) {
                return;
            }
            try {
                c.close();
            } catch (Exception | Error e) {
                System.err.println("[lab] cleanup at exit of " + c + " failed: " + e);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Small helpers

    /** {@code target/lab} (or -Djtraf.lab.dir), created on demand. */
    public static Path labDir() {
        Path d = Path.of(System.getProperty("jtraf.lab.dir", "target/lab")).toAbsolutePath();
        try {
            return Files.createDirectories(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A subdirectory of {@link #labDir()}, created on demand. */
    public static Path dir(String name) {
        try {
            return Files.createDirectories(labDir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code n} random lowercase hex digits. */
    public static String randomHex(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(Character.forDigit(RANDOM.nextInt(16), 16));
        }
        return sb.toString();
    }

    /**
     * This JVM's identity for owner labels: {@code pid@startMillis}. The start time makes a
     * recycled pid distinguishable from the original owner.
     */
    public static String ownerId() {
        ProcessHandle self = ProcessHandle.current();
        return self.pid() + "@" + self.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
    }

    /** False if the JVM named by an {@link #ownerId()} string has exited (or the string is garbage). */
    public static boolean ownerAlive(String owner) {
        int at = owner.indexOf('@');
        if (at <= 0) {
            return false;
        }
        try {
            long pid = Long.parseLong(owner.substring(0, at));
            long start = Long.parseLong(owner.substring(at + 1));
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .map(h -> h.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L) == start)
                    .orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Prints a timestamped line (seconds since this class was loaded) for the test log. */
    public static void log(String format, Object... args) {
        double t = (System.nanoTime() - START_NANOS) / 1e9;
        System.out.printf(Locale.ROOT, "[lab %7.3fs] %s%n", t, String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort: it is under target/
        }
    }

    private static Optional<String> statusField(String key, int index) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), UTF_8)) {
                if (line.startsWith(key)) {
                    String[] f = line.substring(key.length()).trim().split("\\s+");
                    return index < f.length ? Optional.of(f[index]) : Optional.empty();
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
