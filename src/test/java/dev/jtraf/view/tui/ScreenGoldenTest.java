package dev.jtraf.view.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import dev.jtraf.stats.IfaceSnapshot;
import dev.jtraf.stats.Snapshot;
import dev.jtraf.view.Units;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every screen, drawn from a deterministic replay of {@link DemoCapture} through the real
 * pipeline, compared whole with a golden file (clock times redacted). Regenerate with
 * {@code mvn test -Dtest=ScreenGoldenTest -Djtraf.updateGoldens=true} and review the diff.
 */
class ScreenGoldenTest {
    private static final String FILE = "demo.pcapng";
    private static final TerminalSize MIN = new TerminalSize(80, 24);
    private static final Theme COLOUR = Theme.of(true, true);

    private static Path dir;
    private static Path capture;
    private static ScreenFixture running;

    @BeforeAll
    static void replay() throws IOException {
        dir = Files.createTempDirectory("jtraf-golden");
        capture = dir.resolve(FILE);
        DemoCapture.write(capture, 30);
        running = new ScreenFixture(capture);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        Files.deleteIfExists(capture);
        Files.deleteIfExists(dir);
    }

    private static String draw(ScreenFixture f, boolean ended, UiState ui, TerminalSize size) {
        Snapshot snap = f.snapshot(ended, 0);
        return ScreenFixture.render(snap, f.replayStatus(FILE, ended, null), ui, size, COLOUR);
    }

    private static UiState selecting(Snapshot snap, String name) {
        UiState ui = new UiState();
        List<IfaceSnapshot> rows = Rows.visible(snap, ui);
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).name().equals(name)) {
                ui.select(rows, i);
            }
        }
        return ui;
    }

    @Test
    void generalScreenAtTheMinimumSizeShowsIptrafColumns() {
        Goldens.assertMatches("general-80x24", draw(running, false, new UiState(), MIN));
    }

    @Test
    void generalScreenOnAWideTerminalAddsInOutRatesAndSparklines() {
        UiState ui = new UiState();
        ui.sort(UiState.Sort.RATE);
        Goldens.assertMatches("general-140x30-by-rate", draw(running, false, ui, new TerminalSize(140, 30)));
    }

    @Test
    void generalScreenMarksGoneInterfacesAndHighlightsCaptureDrops() {
        ScreenFixture f = new ScreenFixture(capture);
        f.table.retireKey(f.iface("lo").key(), Long.MAX_VALUE / 2);
        Snapshot snap = f.snapshot(false, 17);
        UiState ui = new UiState();
        ui.sort(UiState.Sort.TOTAL);
        ui.units(Units.KBYTES);
        Goldens.assertMatches("general-gone-drops-kBps", ScreenFixture.render(snap, f.replayStatus(FILE, false, null),
                ui, new TerminalSize(100, 24), COLOUR));
    }

    @Test
    void filterNarrowsTheListWhileTyping() {
        UiState ui = new UiState();
        ui.editingFilter(true);
        ui.filter("veth");
        Goldens.assertMatches("general-filter-editing", draw(running, false, ui, MIN));
    }

    @Test
    void detailScreenShowsTheMatrixWithDirections() {
        Snapshot snap = running.snapshot(false, 0);
        UiState ui = selecting(snap, "veth3f2a1b0");
        ui.show(UiState.View.DETAIL);
        Goldens.assertMatches("detail-veth-80x24", ScreenFixture.render(snap, running.replayStatus(FILE, false, null),
                ui, MIN, COLOUR));
    }

    @Test
    void detailScreenSaysWhenDirectionIsUnknown() {
        Snapshot snap = running.snapshot(false, 0);
        UiState ui = selecting(snap, "eth0");
        ui.show(UiState.View.DETAIL);
        RunStatus st = new RunStatus("live", false, false, null, false, 1, running.firstFrameNanos(),
                new InterfaceDrops(3, 0));
        Goldens.assertMatches("detail-eth0-100x30", ScreenFixture.render(snap, st, ui, new TerminalSize(100, 30), COLOUR));
    }

    @Test
    void helpScreenListsKeysAndMeanings() {
        UiState ui = new UiState();
        ui.show(UiState.View.HELP);
        Goldens.assertMatches("help-80x24", draw(running, false, ui, MIN));
    }

    @Test
    void smallTerminalGetsAMessageInsteadOfABrokenLayout() {
        Goldens.assertMatches("too-small-70x20", draw(running, false, new UiState(), new TerminalSize(70, 20)));
    }

    @Test
    void endOfReplayIsShownNotAFrozenScreen() {
        ScreenFixture f = new ScreenFixture(capture);
        f.finish();
        Goldens.assertMatches("replay-ended-80x24", draw(f, true, new UiState(), MIN));
    }

    @Test
    void aFailedSourceShowsItsProblem() {
        Snapshot snap = running.snapshot(true, 0);
        RunStatus st = running.replayStatus(FILE, true, "demo.pcapng: damaged capture file at record 1502 (byte offset"
                + " 160344): frame data cut off (40 of 128 bytes); the frames before it were counted");
        Goldens.assertMatches("source-failed-80x24", ScreenFixture.render(snap, st, new UiState(), MIN, COLOUR));
    }

    @Test
    void monochromeAsciiTerminalsGetPlainGlyphs() {
        UiState ui = new UiState();
        Goldens.assertMatches("general-ascii-110x24", ScreenFixture.render(running.snapshot(false, 0),
                running.replayStatus(FILE, false, null), ui, new TerminalSize(110, 24), Theme.of(false, false)));
    }

    @Test
    void goldenScreensAreAsWideAsTheTerminal() {
        String screen = draw(running, false, new UiState(), MIN);
        assertEquals(24, screen.lines().count());
        assertTrue(screen.lines().allMatch(l -> l.length() <= 80), screen);
    }
}
