package dev.jtraf.view.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.Screen;
import dev.jtraf.docker.DockerView;
import dev.jtraf.stats.IfaceSnapshot;
import dev.jtraf.stats.Snapshot;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The UI loop: polls input every {@code pollMillis}, takes a snapshot and redraws every
 * {@code redrawMillis} (and at once after a key or a resize, from the last snapshot), with
 * Lanterna's delta refresh. Everything here runs on one thread, the UI thread, which owns the
 * {@link Screen} and the {@link UiState}; {@link #requestStop} is the only method for other
 * threads.
 *
 * <p>The refresh, the only step that writes to the terminal (with leaving and re-entering the
 * screen around Ctrl-Z, see {@link #suspend}), holds {@code outputLock} (the
 * terminal's output stream, on which Lanterna synchronises its own writes) and is skipped once a
 * stop was requested: a shutdown hook that stops the loop never sees a frame written after it,
 * and Lanterna's own restore hook waits for a frame in progress instead of cutting through it.
 */
final class DashboardLoop {
    private final Screen screen;
    private final DashboardModel model;
    private final Renderer renderer;
    private final long redrawNanos;
    private final long pollNanos;
    private final Object outputLock;
    private final UiState ui = new UiState();
    private volatile boolean stopRequested;
    private Suspension suspension;
    private Snapshot last;
    private DockerView lastDocker;
    private long framesDrawn;

    /**
     * @param outputLock the object Lanterna synchronises terminal writes on (its output stream)
     */
    DashboardLoop(Screen screen, DashboardModel model, Renderer renderer, long redrawMillis, long pollMillis,
            Object outputLock) {
        this.screen = screen;
        this.model = model;
        this.renderer = renderer;
        this.redrawNanos = redrawMillis * 1_000_000L;
        this.pollNanos = pollMillis * 1_000_000L;
        this.outputLock = outputLock;
    }

    /** Ctrl-Z handling, or null (the JVM's default: it just stops). Before {@link #run}. */
    void suspension(Suspension s) {
        this.suspension = s;
    }

    /** Runs until the user quits or {@link #requestStop} is called. UI thread. */
    void run() throws IOException {
        long nextRedraw = System.nanoTime();
        while (!stopRequested) {
            boolean keyed = false;
            boolean repaint = false;
            for (KeyStroke k = screen.pollInput(); k != null; k = screen.pollInput()) {
                KeyHandler.Outcome o = key(k);
                if (o == KeyHandler.Outcome.QUIT) {
                    return;
                }
                keyed |= o == KeyHandler.Outcome.REDRAW;
                repaint |= o == KeyHandler.Outcome.REPAINT;
            }
            if (suspension != null && suspension.requested()) {
                suspend();
                repaint = true; // whatever the shell drew meanwhile is gone
            }
            boolean resized = screen.doResizeIfNecessary() != null;
            long now = System.nanoTime();
            boolean due = now - nextRedraw >= 0;
            if (due || keyed || resized || repaint) {
                frame(due || last == null, repaint);
                if (due) {
                    nextRedraw = now + redrawNanos;
                }
            }
            LockSupport.parkNanos(pollNanos);
        }
    }

    /**
     * Ctrl-Z: leaves the screen (the shell gets the normal screen and a cursor), stops, and on
     * {@code fg} starts the screen again. Both writes hold {@code outputLock} and are skipped
     * once a stop was requested, as a refresh is. A paced replay is paused meanwhile: its clock
     * would otherwise run on while the process is stopped, and after {@code fg} the frames of
     * the whole stop would come at once.
     */
    private void suspend() throws IOException {
        synchronized (outputLock) {
            if (stopRequested) {
                return;
            }
            screen.stopScreen();
        }
        boolean pauseReplay = model.isReplay() && !model.isPaused();
        if (pauseReplay) {
            model.setPaused(true);
        }
        try {
            suspension.stopAndContinue();
        } finally {
            if (pauseReplay) {
                model.setPaused(false);
            }
        }
        synchronized (outputLock) {
            if (!stopRequested) {
                screen.startScreen();
            }
        }
    }

    /** Asks the loop to end without drawing again. Any thread (the shutdown hook). */
    void requestStop() {
        stopRequested = true;
    }

    /** Frames drawn so far (for the idle-cost measurement). */
    long framesDrawn() {
        return framesDrawn;
    }

    /**
     * Acts on a key at the size of the frame on screen (a resize is taken after the keys of the
     * same poll); while that is too small, as {@link KeyHandler#handleTooSmall}.
     */
    private KeyHandler.Outcome key(KeyStroke k) {
        TerminalSize size = screen.getTerminalSize();
        if (Renderer.tooSmall(size)) {
            return KeyHandler.handleTooSmall(k, ui);
        }
        List<IfaceSnapshot> rows = last == null ? List.of() : Rows.visible(last, ui, RunStatus.labelsOf(lastDocker));
        int page = GeneralScreen.listRows(size.getRows());
        return KeyHandler.handle(k, ui, model, rows, page);
    }

    /** Draws; {@code complete}: sends every cell, not only the changed ones. */
    private void frame(boolean fresh, boolean complete) throws IOException {
        if (fresh) {
            last = model.snapshot();
            lastDocker = model.docker();
        }
        TerminalSize size = screen.getTerminalSize();
        Renderer.prepare(ui, last, lastDocker, size);
        IfaceSnapshot shown = ui.view() == UiState.View.DETAIL
                ? Renderer.selected(Rows.visible(last, ui, RunStatus.labelsOf(lastDocker)), ui) : null;
        RunStatus status = RunStatus.of(model, shown == null || shown.gone() ? null : shown.name(), lastDocker);
        renderer.draw(last, status, ui, screen.newTextGraphics(), size);
        synchronized (outputLock) {
            if (!stopRequested) {
                screen.refresh(complete ? Screen.RefreshType.COMPLETE : Screen.RefreshType.AUTOMATIC);
            }
        }
        framesDrawn++;
    }
}
