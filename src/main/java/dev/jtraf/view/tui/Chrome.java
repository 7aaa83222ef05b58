package dev.jtraf.view.tui;

import dev.jtraf.stats.IfaceSnapshot;
import dev.jtraf.stats.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * What every screen shares: the title bar (row 0), the message line, the status line and the
 * key legend (the last three rows). Pure drawing functions.
 */
final class Chrome {
    /** Rows the chrome takes: title at the top, message, status and legend at the bottom. */
    static final int TOP_ROWS = 1;
    static final int BOTTOM_ROWS = 3;

    private Chrome() {
    }

    /**
     * The title bar: program and screen on the left; source, clock and play state on the right.
     * Where both do not fit, the clock loses its date, then the source description shortens,
     * then the left side (a long interface name in the detail screen's title) ends in an ellipsis.
     */
    static void title(Canvas c, String screen, Snapshot snap, RunStatus st) {
        c.band(0, Theme.Role.TITLE);
        String sep = " " + c.theme().separator() + " ";
        String left = " jtraf" + sep + screen;
        String state = st.ended() ? (st.replay() ? "ENDED" : "STOPPED") : st.paused() ? "PAUSED"
                : st.replay() ? "playing " + CellFormat.speed(st.speed()) : "LIVE";
        String clock = CellFormat.clock(snap.timeNanos(), st.replay(), c.zone());
        int leftRoom = c.columns() - CellFormat.clock(snap.timeNanos(), false, c.zone()).length() - state.length()
                - 2 * sep.length() - 1;
        if (left.length() > leftRoom) {
            left = c.fitLeft(left, Math.max(0, leftRoom));
        }
        int room = c.columns() - left.length() - 2;
        if (st.description().length() + clock.length() + state.length() + 2 * sep.length() + 1 > room) {
            clock = CellFormat.clock(snap.timeNanos(), false, c.zone());
        }
        String tail = sep + clock + sep + state + " ";
        String description = st.description();
        if (description.length() + tail.length() > room) {
            int fits = room - tail.length();
            // a stub of a few letters says nothing: then leave the description off
            description = fits < 12 ? "" : c.fitLeft(description, fits).stripTrailing();
        }
        String right = description.isEmpty() ? tail.substring(sep.length() - 1) : description + tail;
        c.text(0, 0, left, Theme.Role.TITLE);
        c.text(Math.max(left.length() + 2, c.columns() - right.length()), 0, right, Theme.Role.TITLE);
    }

    /**
     * The message line: the filter prompt, a source failure, end of input, pause, or for a
     * while after it changes, why there are no container names.
     */
    static void message(Canvas c, Snapshot snap, RunStatus st, UiState ui) {
        int row = c.rows() - 3;
        if (ui.editingFilter()) {
            String prompt = "Filter: ";
            c.text(1, row, prompt, Theme.Role.PROMPT);
            c.text(1 + prompt.length(), row, ui.filter() + "_", Theme.Role.PROMPT);
            c.text(2 + prompt.length() + ui.filter().length() + 2, row,
                    "interface/container/network; * ? glob; Enter keeps, Esc clears", Theme.Role.NORMAL);
        } else if (st.problem() != null) {
            problem(c, row, "Source failed: " + st.problem());
        } else if (st.ended()) {
            c.band(row, Theme.Role.NOTICE);
            String what = st.replay()
                    ? "End of file at " + CellFormat.elapsed(snap.timeNanos() - st.startNanos()) + " of packet time"
                    : "The capture ended";
            c.text(1, row, what + ": the counts stay on screen; q quits.", Theme.Role.NOTICE);
        } else if (st.paused()) {
            c.band(row, Theme.Role.NOTICE);
            c.text(1, row, st.replay() ? "Paused: replay stopped reading; p or space resumes."
                    : "Paused: the display is frozen, capture goes on; p or space resumes.", Theme.Role.NOTICE);
        } else if (ui.dockerNotice(snap.timeNanos()) != null) {
            // quietly, for a while after it changes: jtraf works without Docker, only the names are missing
            c.left(1, row, c.columns() - 2, "No container names: " + ui.dockerNotice(snap.timeNanos()),
                    Theme.Role.NORMAL);
        }
    }

    /** A failure, word-wrapped upwards from the message line over the list (at most 3 rows). */
    private static void problem(Canvas c, int lastRow, String text) {
        List<String> lines = CellFormat.wrap(text, c.columns() - 2);
        int n = Math.min(3, lines.size());
        for (int i = 0; i < n; i++) {
            int row = lastRow - n + 1 + i;
            c.band(row, Theme.Role.ERROR);
            c.text(1, row, lines.get(i), Theme.Role.ERROR);
        }
    }

    /**
     * The status line: elapsed time, total (or host) rate and pps, capture drops (highlighted above zero,
     * when the counts are lower bounds), interfaces, frames; what does not fit is left off
     * from the end.
     */
    static void status(Canvas c, Snapshot snap, RunStatus st, UiState ui, int shown, int listed) {
        int row = c.rows() - 2;
        String sep = " " + c.theme().separator() + " ";
        // live with known interface roles, the host total counts each frame once (where it
        // entered); else the sum over the rows, in which a bridged frame counts on each hop
        IfaceSnapshot total = snap.host() != null ? snap.host() : snap.total();
        String head = " Elapsed " + CellFormat.elapsed(snap.timeNanos() - st.startNanos()) + sep
                + (snap.host() != null ? "Host " : "Total ") + ui.units().format(total.bytesPerSecond()) + ", "
                + CellFormat.pps(total.packetsPerSecond()) + " pps" + sep;
        c.text(0, row, head, Theme.Role.NORMAL);
        int col = head.length();
        long drops = snap.captureDrops();
        String dropText = "Capture drops " + drops;
        if (drops > 0) {
            String longer = dropText + ": counts are lower bounds";
            dropText = " " + (col + longer.length() + 2 <= c.columns() ? longer : dropText) + " ";
        }
        c.text(col, row, dropText, drops > 0 ? Theme.Role.WARN : Theme.Role.NORMAL);
        col += dropText.length();
        String ifaces = shown == 1 ? " interface" : " interfaces";
        String[] rest = {listed == shown ? shown + ifaces : listed + " of " + shown + ifaces,
            snap.framesCounted() + " frames"};
        for (String piece : rest) {
            if (col + sep.length() + piece.length() > c.columns()) {
                break;
            }
            c.text(col, row, sep + piece, Theme.Role.NORMAL);
            col += sep.length() + piece.length();
        }
    }

    /** One key and what it does, for the legend. */
    record Key(String key, String label) {
    }

    /** The key legend on the last row; keys that do not fit are left off from the end. */
    static void legend(Canvas c, List<Key> keys) {
        int row = c.rows() - 1;
        int col = 1;
        for (Key k : keys) {
            int need = k.key().length() + 1 + k.label().length();
            if (col + need > c.columns()) {
                break;
            }
            c.text(col, row, k.key(), Theme.Role.KEY);
            c.text(col + k.key().length() + 1, row, k.label(), Theme.Role.NORMAL);
            col += need + 2;
        }
    }

    /** The legend of a screen, most important first. */
    static List<Key> keysFor(UiState ui, RunStatus st, Theme theme) {
        List<Key> keys = new ArrayList<>();
        if (ui.editingFilter()) {
            keys.add(new Key("Enter", "Keep filter"));
            keys.add(new Key("Esc", "Clear filter"));
            keys.add(new Key("Backspace", "Delete"));
            return keys;
        }
        switch (ui.view()) {
            case HELP:
                keys.add(new Key("Esc", "Back"));
                keys.add(new Key("q", "Quit"));
                return keys;
            case DETAIL:
                keys.add(new Key("Esc", "Back"));
                keys.add(new Key("q", "Quit"));
                keys.add(new Key("h", "Help"));
                keys.add(new Key(theme.upDown(), "Other interface"));
                break;
            case DOCKER:
                keys.add(new Key("Esc", "Back"));
                keys.add(new Key("q", "Quit"));
                keys.add(new Key("h", "Help"));
                if (st.docker() != null) { // a replay's Docker screen only says there is none
                    keys.add(new Key(theme.upDown(), "Container"));
                    keys.add(new Key("Enter", "Detail"));
                }
                break;
            default:
                keys.add(new Key("q", "Quit"));
                keys.add(new Key("h", "Help"));
                keys.add(new Key("Enter", "Detail"));
                if (st.docker() != null) {
                    keys.add(new Key("d", "Docker"));
                }
                keys.add(new Key("/", "Filter"));
                keys.add(new Key("s", "Sort:" + ui.sort().name().toLowerCase(java.util.Locale.ROOT)));
                break;
        }
        keys.add(new Key("u", "Units:" + ui.units().label()));
        keys.add(new Key("p", st.paused() ? "Resume" : "Pause"));
        if (st.replay()) {
            keys.add(new Key("+/-", "Speed"));
        }
        if (ui.view() == UiState.View.GENERAL) {
            keys.add(new Key(theme.upDown(), "Select"));
        }
        return keys;
    }
}
