package dev.jtraf.view.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.jtraf.capture.FileInterfaces;
import dev.jtraf.capture.FrameCounter;
import dev.jtraf.capture.InterfaceFilter;
import dev.jtraf.source.PcapFileSource;
import dev.jtraf.source.SourceException;
import dev.jtraf.stats.InterfaceStats;
import dev.jtraf.stats.InterfaceTable;
import dev.jtraf.stats.Snapshot;
import dev.jtraf.stats.Snapshots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * Test support: replays a capture file through the real pipeline (pcapng reader, decoder,
 * counters, snapshots) as fast as possible, then draws screens of it on Lanterna's virtual
 * terminal through a {@link TerminalScreen}, as the dashboard does, and reads them back as text.
 */
final class ScreenFixture {
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    private static final Pattern TIME = Pattern.compile("(?<![\\d:])\\d{2}:\\d{2}:\\d{2}(?![\\d:])");

    final InterfaceTable table = new InterfaceTable();
    private final FrameCounter counter;

    /** Replays {@code file} completely. */
    ScreenFixture(Path file) {
        FileInterfaces resolver = new FileInterfaces(table, InterfaceFilter.all(), 5);
        counter = new FrameCounter(table, resolver, 1_000_000_000L, null, 0, null);
        PcapFileSource source = new PcapFileSource(file, 0);
        try {
            source.run(counter);
        } catch (SourceException e) {
            throw new IllegalStateException(e);
        } finally {
            source.close();
        }
    }

    /** Ends the input as CaptureRun does at end of file (the last second then counts). */
    void finish() {
        counter.finish();
    }

    InterfaceStats iface(String name) {
        for (InterfaceStats s : table.all()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /**
     * A snapshot at the last frame, as the replay shows it: while running the current second is
     * not complete yet; after the end it is.
     */
    Snapshot snapshot(boolean ended, long captureDrops) {
        long last = counter.lastTimestampNanos();
        long second = Math.floorDiv(last, 1_000_000_000L);
        return new Snapshots(table, 5).take(last, ended ? second + 1 : second, captureDrops, counter.frames(), true);
    }

    long firstFrameNanos() {
        long first = Long.MAX_VALUE;
        for (InterfaceStats s : table.all()) {
            first = Math.min(first, s.counters().firstSecond() * 1_000_000_000L);
        }
        return first;
    }

    /** Run facts of a replay of {@code name} at 1x. */
    RunStatus replayStatus(String name, boolean ended, String problem) {
        return new RunStatus("replay: " + name, true, ended, problem, false, 1, firstFrameNanos(), null);
    }

    /** Draws one frame as the dashboard loop does and returns the screen as text, clock redacted. */
    static String render(Snapshot snap, RunStatus st, UiState ui, TerminalSize size, Theme theme) {
        DefaultVirtualTerminal vt = new DefaultVirtualTerminal(size);
        try {
            TerminalScreen screen = new TerminalScreen(vt);
            screen.setCursorPosition(null);
            screen.startScreen();
            Renderer.prepare(ui, snap, st.docker(), size);
            new Renderer(theme, ZoneOffset.UTC).draw(snap, st, ui, screen.newTextGraphics(), size);
            screen.refresh();
            return text(vt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The virtual terminal's screen, one line per row, trailing blanks cut, clocks redacted. */
    static String text(DefaultVirtualTerminal vt) {
        TerminalSize size = vt.getTerminalSize();
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < size.getRows(); r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < size.getColumns(); c++) {
                TextCharacter ch = vt.getCharacter(c, r);
                line.append(ch == null ? " " : ch.getCharacterString());
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return redact(b.toString());
    }

    /** Replaces wall-clock and packet-clock times of day (not elapsed times) by placeholders. */
    static String redact(String screen) {
        String s = DATE_TIME.matcher(screen).replaceAll("YYYY-MM-DD hh:mm:ss");
        return TIME.matcher(s).replaceAll("hh:mm:ss");
    }
}
