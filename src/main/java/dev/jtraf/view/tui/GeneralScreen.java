package dev.jtraf.view.tui;

import dev.jtraf.stats.IfaceCounters;
import dev.jtraf.stats.IfaceSnapshot;
import dev.jtraf.stats.Snapshot;
import dev.jtraf.view.Units;
import java.util.List;

/**
 * General interface statistics, iptraf-ng's start screen and more: one row per interface with
 * Iface, Total, IPv4, IPv6, NonIP, BadIP (packets), Activity and pps, and where the terminal is
 * wide enough in/out rates and a 60-second sparkline. Pure drawing of (snapshot, UI state,
 * size).
 *
 * <p>Columns at the minimum width of 80 (the extra columns are added from 117 and 93):
 * <pre>
 *  Iface(16) Total(9) IPv4(9) IPv6(9) NonIP(8) BadIP(6) Activity(13) pps(9) [In(12) Out(12)] [ Last 60 s]
 * </pre>
 */
final class GeneralScreen {
    static final String TITLE = "General interface statistics";

    private static final int NAME = 16;
    private static final int BASE = 80;
    private static final int IN_OUT = 24;
    private static final int MIN_SPARK = 12;

    private GeneralScreen() {
    }

    /** Rows the interface list has on a terminal of {@code rows} lines. */
    static int listRows(int rows) {
        return rows - Chrome.TOP_ROWS - 1 - Chrome.BOTTOM_ROWS;
    }

    static void draw(Canvas c, Snapshot snap, RunStatus st, UiState ui, List<IfaceSnapshot> rows, int shown) {
        String title = TITLE + (ui.filter().isEmpty() ? "" : "  [filter: " + ui.filter() + "]");
        Chrome.title(c, title, snap, st);
        int extra = c.columns() - BASE;
        boolean inOut = extra >= IN_OUT + 1 + MIN_SPARK;
        int spark = Math.min(Sparkline.SECONDS, extra - (inOut ? IN_OUT : 0) - 1);
        header(c, ui, inOut, spark);
        int height = listRows(c.rows());
        for (int i = 0; i < height && ui.top() + i < rows.size(); i++) {
            int index = ui.top() + i;
            row(c, 2 + i, rows.get(index), snap, ui, index == ui.selectedIndex(), inOut, spark);
        }
        if (rows.isEmpty()) {
            String why = ui.filter().isEmpty() ? "No interfaces yet: waiting for traffic."
                    : "No interface matches '" + ui.filter() + "'.";
            c.centre(2 + height / 2, why, Theme.Role.NORMAL);
        }
        Chrome.message(c, snap, st, ui);
        Chrome.status(c, snap, st, ui, shown, rows.size());
        Chrome.legend(c, Chrome.keysFor(ui, st, c.theme()));
    }

    private static void header(Canvas c, UiState ui, boolean inOut, int spark) {
        int r = 1;
        Theme.Role h = Theme.Role.HEADER;
        String asc = c.theme().ascending();
        String desc = c.theme().descending();
        c.left(1, r, NAME, "Iface" + (ui.sort() == UiState.Sort.NAME ? asc : ""), h);
        c.right(17, r, 9, "Total" + (ui.sort() == UiState.Sort.TOTAL ? desc : ""), h);
        c.right(26, r, 9, "IPv4", h);
        c.right(35, r, 9, "IPv6", h);
        c.right(44, r, 8, "NonIP", h);
        c.right(52, r, 6, "BadIP", h);
        Units u = ui.units();
        String unit = u == Units.AUTO ? "" : " " + u.label();
        String activity = u == Units.AUTO ? "Activity" : "Act." + unit;
        c.right(58, r, 13, activity + (ui.sort() == UiState.Sort.RATE ? desc : ""), h);
        c.right(71, r, 9, "pps", h);
        int col = BASE;
        if (inOut) {
            c.right(col, r, 12, "In" + unit, h);
            c.right(col + 12, r, 12, "Out" + unit, h);
            col += IN_OUT;
        }
        if (spark >= MIN_SPARK) {
            c.left(col + 1, r, spark, "Last 60 s", h);
        }
    }

    private static void row(Canvas c, int r, IfaceSnapshot s, Snapshot snap, UiState ui, boolean selected,
            boolean inOut, int spark) {
        Theme.Role normal = selected ? Theme.Role.SELECTED : s.gone() ? Theme.Role.GONE : Theme.Role.NORMAL;
        Theme.Role rate = selected || s.gone() ? normal : Theme.Role.RATE;
        if (selected) {
            c.text(0, r, " ".repeat(BASE), normal);
        }
        c.left(1, r, NAME, s.name(), normal);
        c.right(17, r, 9, CellFormat.count(s.packets(IfaceCounters.TOTAL), 8), normal);
        c.right(26, r, 9, CellFormat.count(s.packets(IfaceCounters.IPV4), 8), normal);
        c.right(35, r, 9, CellFormat.count(s.packets(IfaceCounters.IPV6), 8), normal);
        c.right(44, r, 8, CellFormat.count(s.packets(IfaceCounters.NONIP), 7), normal);
        c.right(52, r, 6, CellFormat.count(s.badIp(), 5), normal);
        Units u = ui.units();
        c.right(58, r, 13, s.gone() ? "gone" : CellFormat.rate(s.bytesPerSecond(), u), rate);
        c.right(71, r, 9, CellFormat.pps(s.packetsPerSecond()), normal);
        int col = BASE;
        if (inOut) {
            if (selected) {
                c.text(col, r, " ".repeat(IN_OUT), normal);
            }
            c.right(col, r, 12, s.directionKnown() ? CellFormat.rate(s.inBytesPerSecond(), u) : "-", rate);
            c.right(col + 12, r, 12, s.directionKnown() ? CellFormat.rate(s.outBytesPerSecond(), u) : "-", rate);
            col += IN_OUT;
        }
        if (spark >= MIN_SPARK) {
            Theme.Role sr = selected || s.gone() ? normal : Theme.Role.SPARK;
            c.text(col, r, " ", normal);
            c.text(col + 1, r, Sparkline.of(s.history(), IfaceCounters.SLOT_BYTES, snap.completeBeforeSecond(), spark,
                    c.theme()), sr);
        }
    }
}
