package dev.jtraf.view.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.jtraf.stats.IfaceSnapshot;
import java.util.List;

/**
 * What each key does, on each screen: changes the UI state, or asks the model to pause or
 * change speed. UI thread only.
 *
 * <p>While the terminal is too small for the layout ({@link TooSmallScreen} shows instead), the
 * user sees none of the state a key would change, so only the keys that need nothing seen act
 * ({@link #handleTooSmall}): q, Ctrl-C and end of input quit (q even while a filter is being
 * typed, as the message promises), Esc quits where it quits anyway (the general screen, no
 * filter), and Ctrl-L repaints. Every other key is dropped, not kept for when the terminal grows
 * again: it grows back to the screen, selection, sort, units, pause and speed it shrank from.
 * Resizes are not keys, and Ctrl-Z is a signal: both act as always.
 */
final class KeyHandler {
    /** What the loop should do after a key. */
    enum Outcome { IGNORED, REDRAW, REPAINT, QUIT }

    /** Replay speeds that + and - step through; 0 is "as fast as possible", above the top. */
    static final double[] SPEEDS = {0.125, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64};

    private static final int MAX_FILTER = 40;

    private KeyHandler() {
    }

    /**
     * @param rows     the rows the general screen lists now (selection moves over them)
     * @param pageRows how many rows a page holds (PgUp/PgDn)
     */
    static Outcome handle(KeyStroke k, UiState ui, DashboardModel model, List<IfaceSnapshot> rows, int pageRows) {
        Outcome anywhere = anywhere(k);
        if (anywhere != null) {
            return anywhere;
        }
        if (ui.editingFilter()) {
            return filterKey(k, ui);
        }
        if (ui.view() == UiState.View.HELP) {
            if (isChar(k, 'q')) {
                return Outcome.QUIT;
            }
            if (k.getKeyType() == KeyType.Escape || k.getKeyType() == KeyType.Enter || isChar(k, 'h') || isChar(k, '?')) {
                ui.closeHelp();
                return Outcome.REDRAW;
            }
            return Outcome.IGNORED;
        }
        if (ui.view() == UiState.View.DOCKER) {
            return dockerKey(k, ui, model, rows, pageRows);
        }
        if (move(k, ui, rows, pageRows) || common(k, ui, model)) {
            return Outcome.REDRAW;
        }
        if (isChar(k, 'q')) {
            return Outcome.QUIT;
        }
        return ui.view() == UiState.View.DETAIL ? detailKey(k, ui) : generalKey(k, ui, rows);
    }

    /** A key while the terminal is too small for the layout: quits, repaints or is ignored (see above). */
    static Outcome handleTooSmall(KeyStroke k, UiState ui) {
        Outcome anywhere = anywhere(k);
        if (anywhere != null) {
            return anywhere;
        }
        boolean escQuits = ui.view() == UiState.View.GENERAL && !ui.editingFilter() && ui.filter().isEmpty();
        return isChar(k, 'q') || (k.getKeyType() == KeyType.Escape && escQuits) ? Outcome.QUIT : Outcome.IGNORED;
    }

    /** The keys that do the same on every screen, too small or not; null for any other. */
    private static Outcome anywhere(KeyStroke k) {
        if (k.getKeyType() == KeyType.EOF || isCtrl(k, 'c')) {
            return Outcome.QUIT;
        }
        if (isCtrl(k, 'l')) {
            return Outcome.REPAINT; // the whole screen again: after a JVM thread dump (Ctrl-\), a stray message
        }
        return null;
    }

    /**
     * The Docker screen: arrows move over the containers' veths, Enter opens the selected veth's
     * details, Esc (or d) goes back to the list.
     */
    private static Outcome dockerKey(KeyStroke k, UiState ui, DashboardModel model, List<IfaceSnapshot> rows,
            int pageRows) {
        switch (k.getKeyType()) {
            case ArrowUp: ui.dockerMove(-1); return Outcome.REDRAW;
            case ArrowDown: ui.dockerMove(1); return Outcome.REDRAW;
            case PageUp: ui.dockerMove(-Math.max(1, pageRows)); return Outcome.REDRAW;
            case PageDown: ui.dockerMove(Math.max(1, pageRows)); return Outcome.REDRAW;
            case Home: ui.dockerMove(-Integer.MAX_VALUE / 2); return Outcome.REDRAW;
            case End: ui.dockerMove(Integer.MAX_VALUE / 2); return Outcome.REDRAW;
            case Escape: case ArrowLeft: case Backspace:
                ui.show(UiState.View.GENERAL);
                return Outcome.REDRAW;
            case Enter: case ArrowRight:
                return openDetail(ui, rows);
            default:
                break;
        }
        if (common(k, ui, model)) {
            return Outcome.REDRAW;
        }
        return isChar(k, 'q') ? Outcome.QUIT : Outcome.IGNORED;
    }

    /** Opens the detail screen on the Docker screen's selected veth, if the list has it. */
    private static Outcome openDetail(UiState ui, List<IfaceSnapshot> rows) {
        String veth = ui.dockerSelected();
        for (int i = 0; veth != null && i < rows.size(); i++) {
            if (rows.get(i).name().equals(veth) && !rows.get(i).gone()) {
                ui.select(rows, i);
                ui.show(UiState.View.DETAIL);
                return Outcome.REDRAW;
            }
        }
        return Outcome.IGNORED;
    }

    private static Outcome generalKey(KeyStroke k, UiState ui, List<IfaceSnapshot> rows) {
        switch (k.getKeyType()) {
            case Escape:
                if (ui.filter().isEmpty()) {
                    return Outcome.QUIT;
                }
                ui.filter("");
                return Outcome.REDRAW;
            case Enter: case ArrowRight:
                if (rows.isEmpty()) {
                    return Outcome.IGNORED;
                }
                ui.show(UiState.View.DETAIL);
                return Outcome.REDRAW;
            case Character:
                return generalChar(k.getCharacter(), ui);
            default:
                return Outcome.IGNORED;
        }
    }

    private static Outcome generalChar(char ch, UiState ui) {
        switch (ch) {
            case '/': ui.editingFilter(true); return Outcome.REDRAW;
            case 's': ui.sort(UiState.Sort.values()[(ui.sort().ordinal() + 1) % UiState.Sort.values().length]);
                return Outcome.REDRAW;
            case 'n': ui.sort(UiState.Sort.NAME); return Outcome.REDRAW;
            case 't': ui.sort(UiState.Sort.TOTAL); return Outcome.REDRAW;
            case 'r': ui.sort(UiState.Sort.RATE); return Outcome.REDRAW;
            default: return Outcome.IGNORED;
        }
    }

    private static Outcome detailKey(KeyStroke k, UiState ui) {
        if (k.getKeyType() == KeyType.Escape || k.getKeyType() == KeyType.ArrowLeft
                || k.getKeyType() == KeyType.Backspace) {
            ui.show(UiState.View.GENERAL);
            return Outcome.REDRAW;
        }
        return Outcome.IGNORED;
    }

    private static Outcome filterKey(KeyStroke k, UiState ui) {
        switch (k.getKeyType()) {
            case Character:
                if (k.isCtrlDown() || k.isAltDown() || ui.filter().length() >= MAX_FILTER) {
                    return Outcome.IGNORED;
                }
                ui.filter(ui.filter() + k.getCharacter());
                return Outcome.REDRAW;
            case Backspace:
                if (!ui.filter().isEmpty()) {
                    ui.filter(ui.filter().substring(0, ui.filter().length() - 1));
                }
                return Outcome.REDRAW;
            case Enter:
                ui.editingFilter(false);
                return Outcome.REDRAW;
            case Escape:
                ui.filter("");
                ui.editingFilter(false);
                return Outcome.REDRAW;
            default:
                return Outcome.IGNORED;
        }
    }

    /** Selection keys, on the list and on the detail screen (which then shows the next one). */
    private static boolean move(KeyStroke k, UiState ui, List<IfaceSnapshot> rows, int pageRows) {
        int at = ui.selectedIndex();
        switch (k.getKeyType()) {
            case ArrowUp: ui.select(rows, at - 1); return true;
            case ArrowDown: ui.select(rows, at + 1); return true;
            case PageUp: ui.select(rows, at - Math.max(1, pageRows)); return true;
            case PageDown: ui.select(rows, at + Math.max(1, pageRows)); return true;
            case Home: ui.select(rows, 0); return true;
            case End: ui.select(rows, rows.size() - 1); return true;
            default: return false;
        }
    }

    /** Keys that work on the list, the detail and the Docker screen alike. */
    private static boolean common(KeyStroke k, UiState ui, DashboardModel model) {
        if (k.getKeyType() != KeyType.Character || k.isCtrlDown() || k.isAltDown()) {
            return false;
        }
        switch (k.getCharacter()) {
            case 'h': case '?': ui.show(UiState.View.HELP); return true;
            case 'd': ui.show(ui.view() == UiState.View.DOCKER ? UiState.View.GENERAL : UiState.View.DOCKER); return true;
            case 'u': ui.units(ui.units().next()); return true;
            case 'p': case ' ': model.setPaused(!model.isPaused()); return true;
            case '+': case '=':
                if (model.isReplay()) {
                    model.setSpeed(faster(model.speed()));
                }
                return true;
            case '-': case '_':
                if (model.isReplay()) {
                    model.setSpeed(slower(model.speed()));
                }
                return true;
            default: return false;
        }
    }

    /** The next speed up the ladder; past the top, as fast as possible (0). */
    static double faster(double speed) {
        if (speed <= 0) {
            return 0;
        }
        for (double s : SPEEDS) {
            if (s > speed * 1.0001) {
                return s;
            }
        }
        return 0;
    }

    /** The next speed down the ladder; from "as fast as possible", the top step. */
    static double slower(double speed) {
        if (speed <= 0) {
            return SPEEDS[SPEEDS.length - 1];
        }
        for (int i = SPEEDS.length - 1; i >= 0; i--) {
            if (SPEEDS[i] < speed * 0.9999) {
                return SPEEDS[i];
            }
        }
        return SPEEDS[0];
    }

    private static boolean isChar(KeyStroke k, char c) {
        return k.getKeyType() == KeyType.Character && k.getCharacter() == c && !k.isCtrlDown() && !k.isAltDown();
    }

    private static boolean isCtrl(KeyStroke k, char c) {
        return k.getKeyType() == KeyType.Character && k.isCtrlDown() && Character.toLowerCase(k.getCharacter()) == c;
    }
}
