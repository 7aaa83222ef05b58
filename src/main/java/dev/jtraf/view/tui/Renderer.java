package dev.jtraf.view.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.graphics.TextImage;
import dev.jtraf.docker.DockerView;
import dev.jtraf.stats.IfaceSnapshot;
import dev.jtraf.stats.Snapshot;
import java.time.ZoneId;
import java.util.List;

/**
 * Draws one frame: the screen the UI state names, as a pure function of (snapshot, run status,
 * UI state, terminal size) onto a {@link TextGraphics}. Tests draw on Lanterna's virtual
 * terminal with it; the dashboard loop draws on the real one. Keeps only a blank image of the
 * last size as a cache; one thread.
 */
final class Renderer {
    /** The smallest terminal the layout is made for. */
    static final int MIN_COLUMNS = 80;
    static final int MIN_ROWS = 24;

    private final Theme theme;
    private final ZoneId zone;
    private TextImage blank;

    /**
     * @param theme colours and glyphs
     * @param zone  the time zone for clocks
     */
    Renderer(Theme theme, ZoneId zone) {
        this.theme = theme;
        this.zone = zone;
    }

    /** True if {@code size} is below the layout's minimum: then only {@link TooSmallScreen} is drawn. */
    static boolean tooSmall(TerminalSize size) {
        return size.getColumns() < MIN_COLUMNS || size.getRows() < MIN_ROWS;
    }

    /**
     * Brings the UI state up to date with a new snapshot and terminal size (gone interfaces,
     * selection, scrolling). Call before {@link #draw}; the only mutation in a frame.
     */
    static void prepare(UiState ui, Snapshot snap, TerminalSize size) {
        prepare(ui, snap, null, size);
    }

    /** As {@link #prepare(UiState, Snapshot, TerminalSize)}, with the Docker view of the frame (or null). */
    static void prepare(UiState ui, Snapshot snap, DockerView docker, TerminalSize size) {
        ui.observe(snap);
        ui.observeDocker(docker == null ? null : docker.problem(), snap.timeNanos());
        ui.containerNames(GeneralScreen.namesContainers(size.getColumns(), docker));
        ui.sync(Rows.visible(snap, ui, RunStatus.labelsOf(docker)), GeneralScreen.listRows(size.getRows()));
        if (ui.view() == UiState.View.DOCKER) {
            ui.syncDocker(docker == null ? List.of() : DockerTree.of(docker, snap, true, Integer.MAX_VALUE).portIds());
        }
    }

    /** The interface the detail screen shows, or null. */
    static IfaceSnapshot selected(List<IfaceSnapshot> rows, UiState ui) {
        return rows.isEmpty() ? null : rows.get(Math.min(ui.selectedIndex(), rows.size() - 1));
    }

    /** Draws the frame; reads the UI state, changes nothing but the graphics. */
    void draw(Snapshot snap, RunStatus st, UiState ui, TextGraphics g, TerminalSize size) {
        Canvas c = new Canvas(g, theme, size, zone);
        if (blank == null || !blank.getSize().equals(size)) {
            blank = Canvas.blankImage(size, theme);
        }
        c.clear(blank);
        if (tooSmall(size)) {
            TooSmallScreen.draw(c, MIN_COLUMNS, MIN_ROWS);
            return;
        }
        List<IfaceSnapshot> rows = Rows.visible(snap, ui, st.labels());
        int shown = Rows.shown(snap, ui);
        switch (ui.view()) {
            case HELP:
                HelpScreen.draw(c, snap, st, ui);
                break;
            case DOCKER:
                DockerScreen.draw(c, snap, st, ui, shown, rows.size());
                break;
            case DETAIL:
                DetailScreen.draw(c, snap, st, ui, selected(rows, ui), shown, rows.size());
                break;
            default:
                GeneralScreen.draw(c, snap, st, ui, rows, shown);
                break;
        }
    }
}
