package dev.jtraf.view.tui;

import dev.jtraf.docker.NetworkInfo;
import dev.jtraf.stats.IfaceCounters;
import dev.jtraf.stats.IfaceSnapshot;
import dev.jtraf.stats.InterfaceLabel;
import dev.jtraf.stats.LinkRole;
import dev.jtraf.stats.Snapshot;
import dev.jtraf.view.Units;

/**
 * Detailed statistics of one interface, iptraf-ng's detailed screen: the matrix of categories
 * (Total, IPv4, IPv6, TCP, UDP, ICMP, Other IP, NonIP, Broadcast, Multicast) by packets and
 * bytes, each total, in and out; Activity and peaks; a 60-second sparkline; BadIP, truncated,
 * capture and interface drops; live on a Docker host, what the interface is (the container
 * behind a veth, the network of a bridge). Pure drawing of (snapshot, UI state, size).
 */
final class DetailScreen {
    static final String TITLE = "Detailed interface statistics";

    private static final int[] CATEGORIES = {IfaceCounters.TOTAL, IfaceCounters.IPV4, IfaceCounters.IPV6,
        IfaceCounters.TCP, IfaceCounters.UDP, IfaceCounters.ICMP, IfaceCounters.OTHER_IP, IfaceCounters.NONIP,
        IfaceCounters.BROADCAST, IfaceCounters.MULTICAST};
    private static final String[] LABELS = {"Total", "IPv4", "IPv6", "  TCP", "  UDP", "  ICMP", "  Other IP",
        "NonIP", "Broadcast", "Multicast"};
    private static final int[] DIRECTIONS = {IfaceCounters.ALL, IfaceCounters.IN, IfaceCounters.OUT};
    private static final int LABEL = 11;
    private static final int PACKETS_AT = 12;
    private static final int PACKETS_WIDTH = 10;
    private static final int BYTES_AT = PACKETS_AT + 3 * PACKETS_WIDTH;
    private static final int BYTES_WIDTH = 12;

    private DetailScreen() {
    }

    static void draw(Canvas c, Snapshot snap, RunStatus st, UiState ui, IfaceSnapshot s, int shown, int listed) {
        String title = TITLE + (s == null ? "" : ": " + s.name() + (s.gone() ? " (gone)" : ""));
        Chrome.title(c, title, snap, st);
        if (s == null) {
            c.centre(c.rows() / 2, "No interface selected: Esc goes back to the list.", Theme.Role.NORMAL);
        } else {
            identity(c, s, st);
            matrix(c, s);
            rates(c, s, snap, ui.units(), 15);
            problems(c, s, snap, st, 18);
        }
        Chrome.message(c, snap, st, ui);
        Chrome.status(c, snap, st, ui, shown, listed);
        Chrome.legend(c, Chrome.keysFor(ui, st, c.theme()));
    }

    /**
     * What the interface is, on the row under the title: {@code Container web1 (nginx:1.27,
     * 172.17.0.2, bridge)} and which way its traffic goes, or the network of a bridge.
     */
    private static void identity(Canvas c, IfaceSnapshot s, RunStatus st) {
        InterfaceLabel l = st.labels().labelOf(s.name(), s.key());
        String text;
        if (l.container() != null) {
            text = "Container " + l.describe() + "; in = what it sends";
        } else if (l.role() == LinkRole.BRIDGE && l.network() != null) {
            NetworkInfo n = st.docker() == null ? null : st.docker().networkOfBridge(s.name());
            text = "Bridge of Docker network " + l.network() + (n == null || n.subnet() == null ? ""
                    : ": " + n.subnet() + (n.gateway() == null ? "" : ", gateway " + n.gateway())) + ".";
        } else if (l.network() != null) {
            text = "Port of Docker network " + l.network() + " (its container is not known).";
        } else {
            return;
        }
        c.left(1, 1, c.columns() - 2, text, Theme.Role.CONTAINER);
    }

    private static void matrix(Canvas c, IfaceSnapshot s) {
        Theme.Role h = Theme.Role.HEADER;
        c.text(PACKETS_AT, 2, centred("Packets", 3 * PACKETS_WIDTH, c.theme()), h);
        c.text(BYTES_AT, 2, centred("Bytes", 3 * BYTES_WIDTH, c.theme()), h);
        String[] dirs = {"Total", "In", "Out"};
        for (int d = 0; d < 3; d++) {
            c.right(PACKETS_AT + d * PACKETS_WIDTH, 3, PACKETS_WIDTH, dirs[d], h);
            c.right(BYTES_AT + d * BYTES_WIDTH, 3, BYTES_WIDTH, dirs[d], h);
        }
        for (int i = 0; i < CATEGORIES.length; i++) {
            int r = 4 + i;
            c.left(1, r, LABEL, LABELS[i], i == 0 ? h : Theme.Role.NORMAL);
            for (int d = 0; d < 3; d++) {
                boolean known = d == 0 || s.directionKnown();
                long p = s.get(CATEGORIES[i], DIRECTIONS[d], IfaceCounters.PACKETS);
                long b = s.get(CATEGORIES[i], DIRECTIONS[d], IfaceCounters.BYTES);
                c.right(PACKETS_AT + d * PACKETS_WIDTH, r, PACKETS_WIDTH,
                        known ? CellFormat.count(p, PACKETS_WIDTH - 1) : "-", Theme.Role.NORMAL);
                c.right(BYTES_AT + d * BYTES_WIDTH, r, BYTES_WIDTH,
                        known ? CellFormat.count(b, BYTES_WIDTH - 1) : "-", Theme.Role.NORMAL);
            }
        }
    }

    /** A centred title between rule characters, {@code ──── Packets ────}. */
    private static String centred(String label, int width, Theme theme) {
        String rule = theme.unicode() ? "\u2500" : "-";
        int left = (width - label.length() - 2) / 2;
        int right = width - label.length() - 2 - left;
        return " " + rule.repeat(Math.max(0, left - 1)) + " " + label + " " + rule.repeat(Math.max(0, right));
    }

    private static void rates(Canvas c, IfaceSnapshot s, Snapshot snap, Units u, int row) {
        Theme.Role rate = s.gone() ? Theme.Role.GONE : Theme.Role.RATE;
        c.left(1, row, LABEL, "Activity", Theme.Role.HEADER);
        int col = PACKETS_AT;
        col = field(c, col, row, u.format(s.bytesPerSecond()), rate);
        if (s.directionKnown()) {
            col = field(c, col, row, "in " + u.format(s.inBytesPerSecond()), rate);
            col = field(c, col, row, "out " + u.format(s.outBytesPerSecond()), rate);
        }
        field(c, col, row, CellFormat.pps(s.packetsPerSecond()) + " pps", rate);
        c.left(1, row + 1, LABEL, "Peak", Theme.Role.HEADER);
        col = field(c, PACKETS_AT, row + 1, u.format(s.peakBytesPerSecond()), Theme.Role.NORMAL);
        field(c, col, row + 1, CellFormat.pps(s.peakPacketsPerSecond()) + " pps", Theme.Role.NORMAL);
        c.left(1, row + 2, LABEL, "Last 60 s", Theme.Role.HEADER);
        c.text(PACKETS_AT, row + 2, Sparkline.of(s.history(), IfaceCounters.SLOT_BYTES, snap.completeBeforeSecond(),
                Math.min(Sparkline.SECONDS, c.columns() - PACKETS_AT - 1), c.theme()),
                s.gone() ? Theme.Role.GONE : Theme.Role.SPARK);
    }

    private static int field(Canvas c, int col, int row, String text, Theme.Role role) {
        c.text(col, row, text, role);
        return col + text.length() + 3;
    }

    private static void problems(Canvas c, IfaceSnapshot s, Snapshot snap, RunStatus st, int row) {
        int col = field(c, 1, row, "BadIP " + s.badIp(), Theme.Role.NORMAL);
        col = field(c, col, row, "Truncated " + s.truncated(), Theme.Role.NORMAL);
        String drops = "Capture drops " + snap.captureDrops() + " (all interfaces)";
        field(c, col, row, drops, snap.captureDrops() > 0 ? Theme.Role.WARN : Theme.Role.NORMAL);
        InterfaceDrops k = st.selectedDrops();
        String kernel = k == null ? "Interface drops: not known for this source"
                : "Interface drops (kernel, for reference): rx " + k.rxDropped() + ", tx " + k.txDropped();
        c.text(1, row + 1, kernel, Theme.Role.NORMAL);
        if (!s.directionKnown()) {
            c.text(1, row + 2, "In/out: this source does not tell the direction, so it is not guessed (-).",
                    Theme.Role.NORMAL);
        }
    }
}
