package dev.jtraf.view.tui;

import dev.jtraf.docker.DockerView;
import dev.jtraf.stats.IfaceCounters;
import dev.jtraf.stats.IfaceSnapshot;
import dev.jtraf.stats.InterfaceLabel;
import dev.jtraf.stats.InterfaceLabels;
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
 * Live on a Docker host (the model has a Docker view with networks) a Container / network
 * column of 22 comes first from 102 columns ({@code web1 on bridge} for a container's veth,
 * {@code network backend} for a bridge), and In/Out from 139; from 188 the Container column
 * takes what is left, up to 48. Narrower, a container's veth is
 * shown by its container's name instead (the header then says {@code Iface/container}).
 */
final class GeneralScreen {
    static final String TITLE = "General interface statistics";

    private static final int NAME = 16;
    private static final int BASE = 80;
    private static final int IN_OUT = 24;
    private static final int MIN_SPARK = 12;
    private static final int CONTAINER = 22;
    /** The Container column grows into what a wide terminal has left, up to this. */
    private static final int MAX_CONTAINER = 48;

    /** Where the columns go: {@code at} is the first column after Iface and the Container column. */
    private record Layout(boolean docker, int container, boolean inOut, int spark) {
        int at(int column) {
            return column + container;
        }
    }

    private GeneralScreen() {
    }

    /** Rows the interface list has on a terminal of {@code rows} lines. */
    static int listRows(int rows) {
        return rows - Chrome.TOP_ROWS - 1 - Chrome.BOTTOM_ROWS;
    }

    static void draw(Canvas c, Snapshot snap, RunStatus st, UiState ui, List<IfaceSnapshot> rows, int shown) {
        String title = TITLE + (ui.filter().isEmpty() ? "" : "  [filter: " + ui.filter() + "]");
        Chrome.title(c, title, snap, st);
        Layout at = layout(c.columns(), st);
        header(c, ui, at);
        int height = listRows(c.rows());
        InterfaceLabels labels = st.labels();
        for (int i = 0; i < height && ui.top() + i < rows.size(); i++) {
            int index = ui.top() + i;
            IfaceSnapshot s = rows.get(index);
            row(c, 2 + i, s, labels.labelOf(s.name(), s.key()), snap, ui, index == ui.selectedIndex(), at);
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

    /**
     * The columns at this width: with a Docker view (live, engine reached) the Container column
     * comes first where it fits, then In/Out, then the sparkline.
     */
    private static Layout layout(int columns, RunStatus st) {
        boolean docker = st.docker() != null && !st.docker().networks().isEmpty();
        int extra = columns - BASE;
        int container = docker && !namesContainers(columns, st.docker()) ? CONTAINER : 0;
        extra -= container;
        boolean inOut = extra >= IN_OUT + 1 + MIN_SPARK;
        int spark = Math.min(Sparkline.SECONDS, extra - (inOut ? IN_OUT : 0) - 1);
        if (container > 0) { // what is left after a whole sparkline: long container and network names
            int left = extra - (inOut ? IN_OUT : 0) - 1 - spark;
            container += Math.max(0, Math.min(left, MAX_CONTAINER - CONTAINER));
        }
        return new Layout(docker, container, inOut, spark);
    }

    /**
     * Whether the name column shows a container's name for its veth: on a Docker host (a view
     * with networks), narrower than the Container column needs.
     */
    static boolean namesContainers(int columns, DockerView docker) {
        return docker != null && !docker.networks().isEmpty() && columns - BASE < CONTAINER;
    }

    private static void header(Canvas c, UiState ui, Layout at) {
        int r = 1;
        Theme.Role h = Theme.Role.HEADER;
        String asc = c.theme().ascending();
        String desc = c.theme().descending();
        String iface = at.docker() && at.container() == 0 ? "Iface/container" : "Iface";
        c.left(1, r, NAME, iface + (ui.sort() == UiState.Sort.NAME ? asc : ""), h);
        if (at.container() > 0) {
            c.left(17, r, at.container() - 1, "Container / network", h);
        }
        c.right(at.at(17), r, 9, "Total" + (ui.sort() == UiState.Sort.TOTAL ? desc : ""), h);
        c.right(at.at(26), r, 9, "IPv4", h);
        c.right(at.at(35), r, 9, "IPv6", h);
        c.right(at.at(44), r, 8, "NonIP", h);
        c.right(at.at(52), r, 6, "BadIP", h);
        Units u = ui.units();
        String unit = u == Units.AUTO ? "" : " " + u.label();
        String activity = u == Units.AUTO ? "Activity" : "Act." + unit;
        c.right(at.at(58), r, 13, activity + (ui.sort() == UiState.Sort.RATE ? desc : ""), h);
        c.right(at.at(71), r, 9, "pps", h);
        int col = at.at(BASE);
        if (at.inOut()) {
            c.right(col, r, 12, "In" + unit, h);
            c.right(col + 12, r, 12, "Out" + unit, h);
            col += IN_OUT;
        }
        if (at.spark() >= MIN_SPARK) {
            c.left(col + 1, r, at.spark(), "Last 60 s", h);
        }
    }

    /** What the Container column says: {@code web1 on bridge}, {@code network backend}, or "". */
    static String containerCell(InterfaceLabel l) {
        if (l.container() != null) {
            return l.network() == null ? l.container() : l.container() + " on " + l.network();
        }
        return l.network() == null ? "" : "network " + l.network();
    }

    private static void row(Canvas c, int r, IfaceSnapshot s, InterfaceLabel label, Snapshot snap, UiState ui,
            boolean selected, Layout at) {
        Theme.Role normal = selected ? Theme.Role.SELECTED : s.gone() ? Theme.Role.GONE : Theme.Role.NORMAL;
        Theme.Role rate = selected || s.gone() ? normal : Theme.Role.RATE;
        Theme.Role named = selected || s.gone() ? normal : Theme.Role.CONTAINER;
        if (selected) {
            c.text(0, r, " ".repeat(at.at(BASE)), normal);
        }
        if (at.container() > 0) {
            c.left(1, r, NAME, s.name(), normal);
            c.left(17, r, at.container() - 1, containerCell(label), named);
        } else if (label.container() != null) {
            c.left(1, r, NAME, label.container(), named); // narrow: the container says more than vethXXXXXXX
        } else {
            c.left(1, r, NAME, s.name(), normal);
        }
        c.right(at.at(17), r, 9, CellFormat.count(s.packets(IfaceCounters.TOTAL), 8), normal);
        c.right(at.at(26), r, 9, CellFormat.count(s.packets(IfaceCounters.IPV4), 8), normal);
        c.right(at.at(35), r, 9, CellFormat.count(s.packets(IfaceCounters.IPV6), 8), normal);
        c.right(at.at(44), r, 8, CellFormat.count(s.packets(IfaceCounters.NONIP), 7), normal);
        c.right(at.at(52), r, 6, CellFormat.count(s.badIp(), 5), normal);
        Units u = ui.units();
        c.right(at.at(58), r, 13, s.gone() ? "gone" : CellFormat.rate(s.bytesPerSecond(), u), rate);
        // a gone interface has no rate: its Activity says "gone", and pps and In/Out agree ("-")
        c.right(at.at(71), r, 9, s.gone() ? "-" : CellFormat.pps(s.packetsPerSecond()), normal);
        sideColumns(c, r, s, snap, u, selected, at, normal, rate);
    }

    /** In/Out and the sparkline, where they fit. */
    private static void sideColumns(Canvas c, int r, IfaceSnapshot s, Snapshot snap, Units u, boolean selected,
            Layout at, Theme.Role normal, Theme.Role rate) {
        int col = at.at(BASE);
        boolean inOut = at.inOut();
        int spark = at.spark();
        if (inOut) {
            if (selected) {
                c.text(col, r, " ".repeat(IN_OUT), normal);
            }
            boolean rated = s.directionKnown() && !s.gone();
            c.right(col, r, 12, rated ? CellFormat.rate(s.inBytesPerSecond(), u) : "-", rate);
            c.right(col + 12, r, 12, rated ? CellFormat.rate(s.outBytesPerSecond(), u) : "-", rate);
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
