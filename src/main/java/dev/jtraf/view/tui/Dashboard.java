package dev.jtraf.view.tui;

import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full-screen Lanterna dashboard: owns the terminal from start to restore.
 *
 * <p>Exactly one {@link Terminal} (created once, text only, UTF-8, Ctrl-C trapped as a key)
 * wrapped once in a {@link TerminalScreen}; the calling thread becomes the UI thread and runs
 * the {@link DashboardLoop}. The terminal is restored on every way out: q, Esc, Ctrl-C, end of
 * standard input, an exception (restored first, then rethrown for the caller to report), and
 * SIGTERM/SIGINT/SIGHUP, where a shutdown hook stops the loop, waits for it to restore the
 * terminal, and never draws itself.
 */
public final class Dashboard {
    /** How often a new snapshot is drawn: twice a second (rates change once a second). */
    static final long REDRAW_MILLIS = 500;
    /** How often input is polled: keys feel immediate, idle cost stays negligible. */
    static final long POLL_MILLIS = 50;

    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    private static final long HOOK_WAIT_MILLIS = 2000;

    private Dashboard() {
    }

    /**
     * Runs the dashboard until the user quits.
     *
     * @return 0 when the user quit
     * @throws IOException when there is no terminal to run in (standard input or output is not
     *                     a terminal) or it failed; the terminal is restored by then
     */
    public static int run(DashboardModel model) throws IOException {
        if (System.console() == null) {
            throw new IOException("standard input and output must be a terminal");
        }
        if ("dumb".equals(System.getenv("TERM"))) {
            // it cannot move the cursor: the dashboard would scroll by as escape sequences
            throw new IOException("TERM=dumb cannot show a full-screen dashboard");
        }
        TerminalOutput out = new TerminalOutput(new FileOutputStream(FileDescriptor.out));
        // What DefaultTerminalFactory makes on Unix (a UnixTerminal), but told its size by the
        // kernel rather than by a cursor-position round trip through the input (TtyTerminal)
        TtyTerminal terminal = new TtyTerminal(System.in, out, StandardCharsets.UTF_8, UnixLikeTerminal.CtrlCBehaviour.TRAP);
        // Wait up to 250 ms for the rest of an escape sequence (arrow keys) when it arrives in
        // pieces, so that its ESC is not taken for the Esc key (quit).
        terminal.getInputDecoder().setTimeoutUnits(1);
        TerminalScreen screen;
        try {
            screen = new TerminalScreen(terminal);
            screen.setCursorPosition(null);
            screen.startScreen();
        } catch (IOException | RuntimeException e) {
            closeQuietly(terminal);
            throw e;
        }
        Renderer renderer = new Renderer(Theme.detect(System.getenv()), ZoneId.systemDefault());
        DashboardLoop loop = new DashboardLoop(screen, model, renderer, REDRAW_MILLIS, POLL_MILLIS, out);
        loop.suspension(Suspension.install(terminal));
        return runRestoring(loop, screen, terminal);
    }

    private static int runRestoring(DashboardLoop loop, TerminalScreen screen, Terminal terminal) throws IOException {
        CountDownLatch restored = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            loop.requestStop();
            try {
                restored.await(HOOK_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "jtraf-tui-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Thread self = Thread.currentThread();
        String name = self.getName();
        self.setName("jtraf-ui");
        try {
            loop.run();
            return 0;
        } catch (IOException | RuntimeException | Error e) {
            LOG.error("dashboard failed", e);
            throw e;
        } finally {
            restore(screen, terminal);
            restored.countDown();
            self.setName(name);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running or has run, nothing to remove
            }
        }
    }

    /**
     * Leaves the alternate screen, then restores the saved stty state (this order; see
     * tech-notes 2.5). During JVM shutdown Lanterna's own hook may have done either already,
     * and removing its hook then fails: neither matters, the terminal is restored.
     */
    private static void restore(TerminalScreen screen, Terminal terminal) {
        try {
            screen.stopScreen();
        } catch (IOException | RuntimeException e) {
            LOG.debug("stopping the screen", e);
        }
        closeQuietly(terminal);
    }

    private static void closeQuietly(Terminal terminal) {
        try {
            terminal.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing the terminal", e);
        }
    }
}
