package dev.jtraf.view.tui;

import dev.jtraf.docker.DockerView;
import dev.jtraf.stats.IfaceCounters;
import dev.jtraf.stats.IfaceSnapshot;
import dev.jtraf.stats.Snapshot;
import dev.jtraf.view.Units;
import java.util.List;

/**
 * The Docker screen: the networks as a tree ({@link DockerTree}: host NICs, each bridge with
 * its subnet and gateway, its veths and the container behind each) with live rates per node,
 * and below it the packet path of the selected container, hop by hop. Pure drawing of
 * (snapshot, Docker view, UI state, size).
 *
 * <p>Rates are from the containers' side, as {@code docker stats} counts: a container's rx is
 * what its veth transmits (out), its tx what the veth receives (in). On the other nodes the
 * same columns keep the direction of the packet path: rx is toward the containers (a bridge's
 * out, a host NIC's in), tx is back.
 *
 * <p>Columns at the minimum width of 80 (pps from 89, the tree grows up to 17 more, then a
 * sparkline):
 * <pre>
 *  tree(53) Container rx(13) Container tx(13) [pps(9)] [ Last 60 s]
 * </pre>
 */
final class DockerScreen {
    static final String TITLE = "Docker networks and packet path";

    private static final int BASE_TREE = 53;
    private static final int MAX_TREE_GROWTH = 17;
    private static final int RATE = 13;
    private static final int PPS = 9;
    private static final int MIN_SPARK = 12;
    /** The packet path: a title, hop names, hop kinds, and in/out packets and rates. */
    private static final int PATH_ROWS = 7;
    private static final int HOP_LABEL = 15;
    private static final int HOP = 16;

    /** Where the columns go at one terminal width. */
    private record Layout(int tree, boolean pps, int spark) {
        static Layout of(int columns) {
            int extra = columns - Renderer.MIN_COLUMNS;
            boolean pps = extra >= PPS;
            int rest = extra - (pps ? PPS : 0);
            int grow = Math.max(0, Math.min(rest, MAX_TREE_GROWTH));
            int spark = Math.min(Sparkline.SECONDS, rest - grow - 1);
            return new Layout(BASE_TREE + grow, pps, spark >= MIN_SPARK ? spark : 0);
        }

        int rx() {
            return 1 + tree;
        }
    }

    private DockerScreen() {
    }

    /** Rows the tree has on a terminal of {@code rows} lines (the path and chrome take the rest). */
    static int treeRows(int rows) {
        return rows - Chrome.TOP_ROWS - 2 - PATH_ROWS - Chrome.BOTTOM_ROWS;
    }

    static void draw(Canvas c, Snapshot snap, RunStatus st, UiState ui, int shown, int listed) {
        Chrome.title(c, TITLE, snap, st);
        DockerView d = st.docker();
        if (d == null) {
            c.centre(c.rows() / 2, "No Docker view in a replay: a recording's interfaces are not this host's.",
                    Theme.Role.NORMAL);
        } else if (d.networks().isEmpty() && d.containers().isEmpty()) {
            String none = d.refreshedAtMillis() == 0 ? "Waiting for the engine's first answer." : "The engine lists none yet.";
            List<String> why = CellFormat.wrap(d.problem() != null ? d.problem() : none, c.columns() - 4);
            c.centre(c.rows() / 2 - 2, "No Docker networks to show:", Theme.Role.HEADER);
            for (int i = 0; i < why.size(); i++) {
                c.centre(c.rows() / 2 + i, why.get(i), Theme.Role.NORMAL);
            }
        } else {
            Layout at = Layout.of(c.columns());
            DockerTree tree = DockerTree.of(d, snap, c.theme().unicode(), at.tree() - 1);
            header(c, ui.units(), at);
            List<DockerTree.Node> ports = tree.ports();
            DockerTree.Node selected = ports.isEmpty() ? null : ports.get(Math.min(ui.dockerIndex(), ports.size() - 1));
            nodes(c, snap, ui.units(), at, tree.nodes(), selected, ui.dockerTail());
            int noteRow = Chrome.TOP_ROWS + 1 + treeRows(c.rows());
            if (d.problem() != null) {
                c.text(1, noteRow, "No container names: " + d.problem(), Theme.Role.NOTICE);
            } else {
                c.text(1, noteRow, "Container rx = toward the containers: veth out, bridge out, NIC in; tx = back.",
                        Theme.Role.NORMAL);
            }
            PacketPath.draw(c, noteRow + 1, ui.units(), tree, selected);
        }
        Chrome.message(c, snap, st, ui);
        Chrome.status(c, snap, st, ui, shown, listed);
        Chrome.legend(c, Chrome.keysFor(ui, st, c.theme()));
    }

    private static void header(Canvas c, Units u, Layout at) {
        Theme.Role h = Theme.Role.HEADER;
        // with a fixed unit the title is the unit (the note under the tree says what rx is):
        // "Container rx kbit/s" did not fit the column and lost its left end
        String rx = u == Units.AUTO ? "Container rx" : "rx " + u.label();
        String tx = u == Units.AUTO ? "Container tx" : "tx " + u.label();
        c.left(1, 1, at.tree() - 1, "NIC, bridge (network), veth " + (c.theme().unicode() ? "\u2192" : "->")
                + " container  IP  image", h);
        c.right(at.rx(), 1, RATE, rx, h);
        c.right(at.rx() + RATE, 1, RATE, tx, h);
        int col = at.rx() + 2 * RATE;
        if (at.pps()) {
            c.right(col, 1, PPS, "pps", h);
            col += PPS;
        }
        if (at.spark() > 0) {
            c.left(col + 1, 1, at.spark(), "Last 60 s", h);
        }
    }

    /**
     * The tree rows that fit, scrolled so that the selected veth is visible (above the line that
     * says more rows follow); with {@code tail} (Down past the last veth), the end of the tree:
     * the containers without a veth come after the last one.
     */
    private static void nodes(Canvas c, Snapshot snap, Units u, Layout at, List<DockerTree.Node> nodes,
            DockerTree.Node selected, boolean tail) {
        int height = treeRows(c.rows());
        int index = nodes.indexOf(selected);
        int top = 0;
        boolean more = nodes.size() > height;
        if (more) {
            top = tail ? nodes.size() - height : Math.max(0, index - (height - 1) + 1);
            if (top + height >= nodes.size()) {
                top = nodes.size() - height; // the end: all rows, no "more rows" line
                more = false;
            }
        }
        int shown = more ? height - 1 : height;
        for (int i = 0; i < shown && top + i < nodes.size(); i++) {
            DockerTree.Node n = nodes.get(top + i);
            node(c, 2 + i, n, n == selected, snap, u, at);
        }
        if (more) {
            c.text(1, 2 + shown, "(" + (nodes.size() - top - shown) + " more rows: " + c.theme().upDown() + " scrolls)",
                    Theme.Role.GONE);
        }
    }

    private static void node(Canvas c, int r, DockerTree.Node n, boolean selected, Snapshot snap, Units u, Layout at) {
        Theme.Role normal = selected ? Theme.Role.SELECTED
                : n.kind() == DockerTree.Kind.HEADING ? Theme.Role.HEADER
                : n.row() != null && n.row().gone() ? Theme.Role.GONE : Theme.Role.NORMAL;
        if (selected) {
            c.text(0, r, " ".repeat(at.rx() + 2 * RATE + (at.pps() ? PPS : 0)), normal);
        }
        c.left(1, r, at.tree() - 1, n.text(), normal);
        if (!n.tail().isEmpty() && n.text().length() < at.tree() - 1) {
            Theme.Role tail = selected ? normal : Theme.Role.CONTAINER;
            c.left(1 + n.text().length(), r, at.tree() - 1 - n.text().length(), n.tail(), tail);
        }
        if (n.iface() == null) {
            return;
        }
        IfaceSnapshot s = n.row();
        Theme.Role rate = selected || s == null || s.gone() ? normal : Theme.Role.RATE;
        boolean nic = n.kind() == DockerTree.Kind.NIC;
        // a source that does not tell the direction gets "-", as on the general screen
        String rx = s == null ? "-" : s.gone() ? "gone"
                : s.directionKnown() ? CellFormat.rate(nic ? s.inBytesPerSecond() : s.outBytesPerSecond(), u) : "-";
        String tx = s == null || s.gone() ? "" : s.directionKnown()
                ? CellFormat.rate(nic ? s.outBytesPerSecond() : s.inBytesPerSecond(), u) : "-";
        c.right(at.rx(), r, RATE, s == null ? "not counted" : rx, rate);
        c.right(at.rx() + RATE, r, RATE, s == null ? "" : tx, rate);
        int col = at.rx() + 2 * RATE;
        if (at.pps()) {
            c.right(col, r, PPS, s == null ? "" : CellFormat.pps(s.packetsPerSecond()), normal);
            col += PPS;
        }
        if (at.spark() > 0 && s != null) {
            c.text(col + 1, r, Sparkline.of(s.history(), IfaceCounters.SLOT_BYTES, snap.completeBeforeSecond(),
                    at.spark(), c.theme()), selected || s.gone() ? normal : Theme.Role.SPARK);
        }
    }
}
