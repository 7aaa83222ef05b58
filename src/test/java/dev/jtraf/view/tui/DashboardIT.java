package dev.jtraf.view.tui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jtraf.lab.Lab;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the packaged jar in a real terminal (tmux), replaying a 40-second recording at
 * 1x, driven with keys; asserts what the terminal shows after each step, then that the shell
 * gets its terminal back (prompt, {@code icanon}, {@code echo}) after q, Ctrl-C and SIGTERM.
 *
 * <p>Runs in the integration-test phase (maven-failsafe), after the jar is built: the jar is
 * {@code -Djtraf.jar=...} if given, else {@code ${jtraf.buildDir}/jtraf.jar}. Skips with a
 * message when tmux is not installed.
 */
@Tag("e2e")
class DashboardIT {
    private static final int RECORDING_SECONDS = 40;
    private static final Pattern ICANON_ON = Pattern.compile("(?<![-\\w])icanon\\b");
    private static final Pattern ECHO_ON = Pattern.compile("(?<![-\\w])echo\\b");
    private static final Pattern CLOCK = Pattern.compile("\\b(\\d\\d):(\\d\\d):(\\d\\d)\\b");

    @TempDir
    static Path dir;
    private static Path jar;
    private static Path capture;

    @BeforeAll
    static void prepare() throws IOException {
        assumeTrue(Tmux.available(), "tmux is not installed: skipping the end-to-end dashboard test"
                + " (apt-get install tmux)");
        jar = Lab.packagedJar();
        assertTrue(Files.isRegularFile(jar), "no jar at " + jar.toAbsolutePath()
                + ": run this test in the integration-test phase (mvn verify) or pass -Djtraf.jar=PATH");
        capture = dir.resolve("e2e-demo.pcapng");
        DemoCapture.write(capture, RECORDING_SECONDS);
    }

    private static String command(String logName) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return java + " -jar " + jar.toAbsolutePath() + " -r " + capture + " --speed 1x --log-file "
                + dir.resolve(logName) + "; echo EXIT=$?";
    }

    private static String general(Tmux t) {
        return t.await("the general screen", s -> s.contains("General interface statistics") && s.contains("veth3f2a1b0"));
    }

    @Test
    void drivesEveryScreenWithKeysAndRestoresTheTerminalOnQuit() {
        try (Tmux t = new Tmux("keys", 120, 40)) {
            t.line(command("keys.log"));
            String s = general(t);
            for (String column : List.of("Iface", "Total", "IPv4", "IPv6", "NonIP", "BadIP", "Activity", "pps", "In",
                    "Out", "Last 60 s")) {
                assertTrue(s.contains(column), "column " + column + " missing:\n" + s);
            }
            t.keys("Enter");
            s = t.await("the detail screen", x -> x.contains("Detailed interface statistics: br-5e1f0c2a9d3b"));
            assertTrue(s.contains("Packets") && s.contains("Bytes") && s.contains("Multicast") && s.contains("Peak"), s);
            t.keys("Down");
            t.await("the next interface's details", x -> x.contains("Detailed interface statistics: docker0"));
            t.keys("Escape");
            general(t);

            t.keys("t");
            s = t.await("sort by total", x -> x.contains("Total\u25bc"));
            assertTrue(s.indexOf("eth0 ") < s.indexOf("docker0 "), "eth0 has the most packets:\n" + s);

            t.keys("/", "v", "e", "t", "h");
            s = t.await("the filter", x -> x.contains("[filter: veth]") && x.contains("Filter: veth_"));
            assertFalse(s.contains("docker0"), s);
            t.keys("Enter");
            t.await("the filter kept", x -> x.contains("[filter: veth]") && !x.contains("Filter: veth_"));
            t.keys("Escape");
            t.await("the filter cleared", x -> x.contains("docker0") && !x.contains("[filter"));

            t.resize(100, 30);
            t.await("a 100-column layout", x -> x.lines().count() == 30 && spans(firstLine(x), 100)
                    && x.contains("Last 60 s") && !x.contains("  Out"));
            t.resize(70, 20);
            t.await("the too-small message", x -> x.contains("Terminal too small: 70x20"));
            t.resize(120, 40);
            t.await("the wide layout again", x -> spans(firstLine(x), 120) && x.contains("  Out"));

            t.keys("h");
            t.await("help", x -> x.contains("What the numbers mean"));
            t.keys("Escape");
            general(t);
            t.keys("d");
            t.await("the Docker screen", x -> x.contains("No Docker view in a replay"));
            t.keys("Escape");
            general(t);

            t.keys("+", "+", "+", "+", "+", "+");
            t.await("the end of the file, shown", x -> x.contains("End of file at") && x.contains("ENDED"));

            t.keys("q");
            s = t.await("the shell back", x -> x.contains("EXIT=0") && lastLine(x).equals(Tmux.PROMPT.strip()));
            assertNoLogLines(s);
            assertTerminalRestored(t);
        }
    }

    @Test
    void ctrlCQuitsCleanly() {
        try (Tmux t = new Tmux("ctrlc", 100, 30)) {
            t.line(command("ctrlc.log"));
            general(t);
            t.keys("C-c");
            String s = t.await("the shell back", x -> x.contains("EXIT=0") && lastLine(x).equals(Tmux.PROMPT.strip()));
            assertNoLogLines(s);
            assertTerminalRestored(t);
        }
    }

    @Test
    void sigtermRestoresTheTerminal() {
        try (Tmux t = new Tmux("sigterm", 100, 30)) {
            t.line(command("sigterm.log"));
            general(t);
            assertTrue(jtrafProcess("sigterm.log").destroy(), "SIGTERM not sent");
            String s = t.await("the shell back", x -> x.contains("EXIT=143") && lastLine(x).equals(Tmux.PROMPT.strip()));
            assertNoLogLines(s);
            assertTerminalRestored(t);
        }
    }

    /**
     * Esc, and the terminal resized 50 ms later (that pause is this test's input, not a wait):
     * jtraf quits, and nothing of a size answer reaches the shell. Was: Lanterna learnt the size
     * by asking the terminal for the cursor position; the answer merged with the Esc, which was
     * lost (jtraf kept running), or came after the exit, echoed ("^[[15;60R") and typed at the
     * prompt (";60R").
     */
    @Test
    void escJustBeforeAResizeQuitsAndLeavesNothingInTheShell() throws InterruptedException {
        try (Tmux t = new Tmux("escresize", 100, 30)) {
            t.line(command("escresize.log"));
            general(t);
            t.keys("Escape");
            Thread.sleep(50);
            t.resize(60, 15);
            String s = t.await("the shell back", x -> x.contains("EXIT=0") && lastLine(x).equals(Tmux.PROMPT.strip()));
            assertFalse(s.contains("60R"), "a size answer reached the shell:\n" + s);
            assertTerminalRestored(t);
        }
    }

    @Test
    void ctrlLRepaintsTheScreenAfterAThreadDumpWroteOverIt() throws IOException, InterruptedException {
        // SIGQUIT (Ctrl-\\) makes the JVM print a thread dump to the terminal; nothing in jtraf can
        // stop that (the JVM owns the signal), but Ctrl-L must bring the dashboard back whole
        try (Tmux t = new Tmux("ctrll", 100, 30)) {
            t.line(command("ctrll.log"));
            general(t);
            ProcessHandle jtraf = jtrafProcess("ctrll.log");
            assertTrue(new ProcessBuilder("kill", "-QUIT", Long.toString(jtraf.pid())).inheritIO().start().waitFor() == 0,
                    "SIGQUIT not sent");
            // any part of the dump: a thread's header line (os_prio=), a frame, or its title; only its
            // tail may be on the screen, JNA's cleaner thread (at com.sun.jna...) among the last
            t.await("the thread dump on the screen", x -> x.contains("os_prio=") || x.contains("at java.")
                    || x.contains("Full thread dump"));
            t.keys("C-l");
            String s = t.await("the dashboard repainted", x -> !x.contains("os_prio=") && !x.contains("at java.")
                    && !x.contains("Full thread dump")
                    && x.contains("General interface statistics"));
            assertTrue(s.contains("veth3f2a1b0"), s);
            t.keys("q");
            t.await("the shell back", x -> x.contains("EXIT=0") && lastLine(x).equals(Tmux.PROMPT.strip()));
        }
    }

    @Test
    void ctrlZGivesTheTerminalBackAndFgTakesItAgain() {
        // was: the shell's prompt drawn inside the dashboard's alternate screen, and after fg no
        // redraw and keys echoed (cooked mode), q needing Enter
        try (Tmux t = new Tmux("ctrlz", 100, 30)) {
            t.line(command("ctrlz.log"));
            general(t);
            t.keys("C-z");
            t.await("the shell, with the dashboard stopped", x -> x.contains("Stopped")
                    && !x.contains("General interface statistics") && lastLine(x).equals(Tmux.PROMPT.strip()));
            t.line("fg");
            general(t);
            t.keys("h"); // one key, no Enter: raw mode is back
            t.await("help", x -> x.contains("What the numbers mean"));
            t.keys("q");
            String s = t.await("the shell back", x -> !x.contains("What the numbers mean")
                    && lastLine(x).equals(Tmux.PROMPT.strip()));
            assertNoLogLines(s);
            assertTerminalRestored(t);
        }
    }

    /**
     * A paced replay does not move while jtraf is stopped by Ctrl-Z: after fg its packet clock
     * goes on from where it was (was: the clock ran on while stopped, and the frames of the
     * whole stop came at once after fg). The four seconds stopped are the input of this test,
     * not a wait for something.
     */
    @Test
    void aPacedReplayStandsStillWhileStopped() throws InterruptedException {
        try (Tmux t = new Tmux("ctrlzclock", 100, 30)) {
            t.line(command("ctrlzclock.log"));
            int before = packetClock(general(t));
            t.keys("C-z");
            t.await("the shell, with the dashboard stopped", x -> x.contains("Stopped")
                    && lastLine(x).equals(Tmux.PROMPT.strip()));
            Thread.sleep(4000);
            t.line("fg");
            // the first frame after fg may repeat the last snapshot: wait for the clock to move
            int after = packetClock(t.await("the replay moving again", x -> x.contains("General interface statistics")
                    && CLOCK.matcher(firstLine(x)).find() && packetClock(x) > before));
            assertTrue(after - before <= 2, "the packet clock moved " + (after - before)
                    + " s across a stop of 4 s (from " + before + " s to " + after + " s of the day)");
            t.keys("q");
            t.await("the shell back", x -> lastLine(x).equals(Tmux.PROMPT.strip()));
        }
    }

    /**
     * The live dashboard draws its first screen without waiting for Docker: here an "engine"
     * that accepts jtraf's connection and never answers. When the screen is up, jtraf's request
     * must still be pending (was: the first screen waited for Docker's first view, 0.3-0.6 s of
     * docker-java's start on a Docker host, here the 5 s response timeout). Then the engine
     * goes away, and the Docker screen says so.
     */
    @Test
    void theLiveDashboardDrawsBeforeDockerAnswers() throws IOException {
        assumeTrue(Lab.isRoot(), "not root: the live dashboard needs capture privileges; skipping this test");
        Path socket = dir.resolve("stalled-docker.sock");
        try (Tmux t = new Tmux("dockerstalled", 120, 40)) {
            try (ServerSocketChannel engine = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                    Selector selector = Selector.open()) {
                engine.bind(UnixDomainSocketAddress.of(socket));
                engine.configureBlocking(false);
                engine.register(selector, SelectionKey.OP_ACCEPT);
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                t.line("DOCKER_HOST=unix://" + socket + " " + java + " -jar " + jar.toAbsolutePath() + " -i lo --log-file "
                        + dir.resolve("stalled.log") + "; echo EXIT=$?");
                assertTrue(selector.select(30_000) > 0, "jtraf did not connect to the Docker socket within 30 s");
                try (SocketChannel held = engine.accept()) {
                    t.await("the live general screen", x -> x.contains("General interface statistics") && x.contains(" lo "));
                    held.configureBlocking(false);
                    ByteBuffer request = ByteBuffer.allocate(64 * 1024);
                    int n;
                    while ((n = held.read(request)) > 0) {
                        request.clear();
                    }
                    assertTrue(n == 0, "jtraf had given up on Docker (closed its connection) before its first screen");
                }
            }
            Files.delete(socket); // the engine gone, its socket file too, as when dockerd exits
            t.keys("d");
            t.await("the Docker screen naming the problem", x -> x.contains("cannot reach Docker at"));
            t.keys("q");
            String s = t.await("the shell back", x -> x.contains("EXIT=0") && lastLine(x).equals(Tmux.PROMPT.strip()));
            assertNoLogLines(s);
        }
    }

    /** The title's packet clock, in seconds of the day. */
    private static int packetClock(String screen) {
        Matcher m = CLOCK.matcher(firstLine(screen));
        assertTrue(m.find(), "no clock in the title: " + firstLine(screen));
        return Integer.parseInt(m.group(1)) * 3600 + Integer.parseInt(m.group(2)) * 60 + Integer.parseInt(m.group(3));
    }

    @Test
    void aDumbTerminalGetsOneLineInsteadOfEscapeSequences() {
        try (Tmux t = new Tmux("dumb", 200, 30)) {
            t.line("TERM=dumb " + command("dumb.log"));
            String s = t.await("the refusal", x -> x.contains("EXIT=3") && lastLine(x).equals(Tmux.PROMPT.strip()));
            assertTrue(s.contains("jtraf: cannot run the dashboard here: TERM=dumb cannot show a full-screen dashboard;"
                    + " run jtraf in a terminal, or use --dump text|csv|json"), s);
            assertFalse(s.contains("General interface statistics"), s);
        }
    }

    private static ProcessHandle jtrafProcess(String logName) {
        Optional<ProcessHandle> jtraf = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(logName))
                .filter(p -> p.info().commandLine().orElse("").contains("-jar"))
                .findFirst();
        assertTrue(jtraf.isPresent(), "cannot find the jtraf process");
        return jtraf.get();
    }

    private static void assertTerminalRestored(Tmux t) {
        t.line("clear; stty -a");
        String s = t.await("stty's answer", x -> x.contains("icanon") && lastLine(x).equals(Tmux.PROMPT.strip()));
        assertTrue(ICANON_ON.matcher(s).find(), "canonical mode not restored:\n" + s);
        assertTrue(ECHO_ON.matcher(s).find(), "echo not restored:\n" + s);
    }

    private static void assertNoLogLines(String screen) {
        for (String marker : List.of("SLF4J", " INFO ", " WARN ", " ERROR ", "Exception")) {
            assertFalse(screen.contains(marker), "a log line reached the terminal:\n" + screen);
        }
    }

    /** The title bar reaches the right edge (tmux may leave its last blank off). */
    private static boolean spans(String title, int columns) {
        int length = title.stripTrailing().length();
        return length >= columns - 2 && length <= columns;
    }

    private static String firstLine(String screen) {
        return screen.lines().findFirst().orElse("");
    }

    private static String lastLine(String screen) {
        String last = "";
        for (String l : screen.lines().toList()) {
            if (!l.isBlank()) {
                last = l.strip();
            }
        }
        return last;
    }
}
