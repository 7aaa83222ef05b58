package dev.jtraf.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Points SLF4J (slf4j-simple) at a log file before any logger exists, so that no log line can
 * ever reach the terminal the dashboard owns, and quiets pcap4j's per-call INFO lines.
 */
final class LogSetup {
    /** The file {@link #configure} chose, for {@link #initialise}. */
    private static volatile Path logTarget = Path.of("/dev/null");

    private LogSetup() {
    }

    /**
     * The default log file: $XDG_STATE_HOME/jtraf/jtraf.log, else ~/.local/state/jtraf/jtraf.log
     * (only for an absolute home: a user without a passwd entry has "?", which would put it
     * under the current directory), else /tmp/jtraf-UID.log.
     */
    static Path defaultLogFile() {
        String state = System.getenv("XDG_STATE_HOME");
        if (state != null && !state.isBlank() && Path.of(state).isAbsolute()) {
            return Path.of(state).resolve("jtraf").resolve("jtraf.log");
        }
        Path home = Path.of(System.getProperty("user.home", "?"));
        return home.isAbsolute() ? home.resolve(".local").resolve("state").resolve("jtraf").resolve("jtraf.log") : fallback();
    }

    /** /tmp/jtraf-UID.log: per user, whatever the user is called (or is not). */
    private static Path fallback() {
        Object uid;
        try {
            uid = ownUid();
        } catch (IOException | RuntimeException e) {
            uid = System.getProperty("user.name");
        }
        return Path.of(System.getProperty("java.io.tmpdir", "/tmp"), "jtraf-" + uid + ".log");
    }

    /**
     * True if {@code file} is (or could be created as) a regular file of this process's user
     * that it can append to: not a directory, not a link, not another user's file in a shared
     * directory such as /tmp (root passes every permission check, so ownership is checked), and
     * opened once for append here, so that slf4j-simple cannot fail to open it later.
     */
    private static boolean usable(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.createFile(file);
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    || !Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS).equals(ownUid())) {
                return false;
            }
            Files.newOutputStream(file, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS).close();
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Object ownUid() throws IOException {
        return Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    /**
     * Configures logging to {@code file} (created with its folder), else to /tmp/jtraf-UID.log,
     * else nowhere (/dev/null): slf4j-simple would otherwise fall back to stderr with a stack
     * trace, on the terminal the dashboard owns. Returns the file used.
     */
    static Path configure(Path file) {
        Path target = file;
        if (!usable(target)) {
            target = fallback();
            if (!usable(target)) {
                target = Path.of("/dev/null");
            }
        }
        // slf4j-simple opens a log file of its own without append: each run would empty the
        // file, another jtraf's lines included. It is given "System.err" instead, which it reads
        // once (cacheOutputStream), while initialise() has System.err pointed at the file opened
        // for append.
        logTarget = target;
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.cacheOutputStream", "true");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setIfAbsent("org.slf4j.simpleLogger.log.org.pcap4j", "warn");
        // docker-java's shaded httpclient logs each retried connect at INFO
        setIfAbsent("org.slf4j.simpleLogger.log.com.github.dockerjava", "warn");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        // Linux values pcap4j otherwise looks up, logging a line for each (pcap4j #75)
        setIfAbsent("org.pcap4j.af.inet", "2");
        setIfAbsent("org.pcap4j.af.inet6", "10");
        setIfAbsent("org.pcap4j.af.packet", "17");
        setIfAbsent("org.pcap4j.af.link", "18");
        setIfAbsent("org.pcap4j.dlt.raw", "12");
        if (System.getProperty("org.pcap4j.core.pcapLibName") == null) {
            // Debian's runtime package has only the versioned file; libpcap.so comes with -dev
            for (String candidate : new String[] {"/usr/lib/x86_64-linux-gnu/libpcap.so.0.8",
                "/usr/lib/aarch64-linux-gnu/libpcap.so.0.8", "/usr/lib64/libpcap.so.1", "/usr/lib/libpcap.so.1"}) {
                if (Files.exists(Path.of(candidate))) {
                    System.setProperty("org.pcap4j.core.pcapLibName", candidate);
                    break;
                }
            }
        }
        return target;
    }

    /**
     * Initialises SLF4J on a thread of its own: slf4j-simple's first logger (service lookup,
     * date format, locale data) costs 60-80 ms, which then overlaps the command-line parsing
     * on the other core instead of adding to the time to the first screen or dump line. The
     * caller waits for the returned thread before anything may log: SLF4J would otherwise
     * hand out substitute loggers and announce the replay of their events on stderr.
     */
    static Thread initialiseInBackground() {
        Thread t = new Thread(LogSetup::initialise, "jtraf-log-init");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Creates the first logger, which configures slf4j-simple, with System.err pointed at the
     * log file meanwhile (see {@link #configure}): nothing else writes to System.err then (the
     * caller waits for this before it prints anything), and it is restored before the caller
     * goes on. If the file cannot be opened now, slf4j-simple writes nowhere.
     */
    private static void initialise() {
        PrintStream stderr = System.err;
        PrintStream log;
        try {
            log = new PrintStream(new FileOutputStream(logTarget.toFile(), true), false, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            log = new PrintStream(OutputStream.nullOutputStream());
        }
        System.setErr(log);
        try {
            org.slf4j.LoggerFactory.getLogger(LogSetup.class);
        } finally {
            System.setErr(stderr);
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
