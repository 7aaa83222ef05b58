package dev.jtraf.view.tui;

import dev.jtraf.stats.IfaceCounters;
import dev.jtraf.stats.IfaceSnapshot;
import dev.jtraf.view.Units;

/**
 * The packet path of one container, the hops side by side: host NIC, bridge, veth, container
 * (native-notes/docker.md; shared docs "What a packet does"). A frame from outside arrives on
 * the NIC (in), the host routes it into the bridge (out), the bridge forwards it out of the
 * veth (out), and the container receives it (rx, the same frames as the veth's out); replies
 * take the same hops back. Each hop shows its whole interface's packets and rate in both
 * directions, so the counts climbing together show the path. Pure drawing.
 *
 * <pre>
 *  Packet path to web1, hop by hop: inbound from outside, outbound back
 *                  host NIC     →  bridge       →  veth         →  container eth0
 *                  eth0            docker0         veth3f2a1b0     web1
 *  inbound pkts    in 1215         out 285         out 120         rx 120
 *  inbound rate    in 117 kbit/s   out 47 kbit/s   out 1.7 kbit/s  rx 1.7 kbit/s
 *  outbound pkts   ...
 * </pre>
 */
final class PacketPath {
    private static final int LABEL = 16;
    private static final int HOP = 16;

    /**
     * One hop.
     *
     * @param name    the interface (or container) name
     * @param kind    what it is
     * @param row     its counters, or null if not counted
     * @param inbound the side of the interface that frames toward the container cross
     * @param inWord  how that side is called there ({@code in}, {@code out}, {@code rx})
     * @param outWord and the other side
     */
    private record Hop(String name, String kind, IfaceSnapshot row, int inbound, String inWord, String outWord) {
    }

    private PacketPath() {
    }

    /** Draws the path of {@code port} (a veth row of {@code tree}, or null) from {@code row} down. */
    static void draw(Canvas c, int row, Units u, DockerTree tree, DockerTree.Node port) {
        if (port == null) {
            c.text(1, row, "Packet path: no container on a bridge network to follow yet.", Theme.Role.HEADER);
            return;
        }
        String who = port.container() == null ? port.iface() : port.container().name();
        c.text(1, row, "Packet path to " + who + ", hop by hop: inbound from outside, outbound back",
                Theme.Role.HEADER);
        DockerTree.Node nic = tree.busiestNic();
        DockerTree.Node bridge = tree.bridge(port.bridge());
        String inside = port.endpoint() == null || port.endpoint().containerIface() == null ? ""
                : " " + port.endpoint().containerIface();
        Hop[] hops = {
            new Hop(nic == null ? "(none counted)" : nic.iface(), "host NIC", nic == null ? null : nic.row(),
                    IfaceCounters.IN, "in", "out"),
            new Hop(port.bridge(), "bridge", bridge == null ? null : bridge.row(), IfaceCounters.OUT, "out", "in"),
            new Hop(port.iface(), "veth", port.row(), IfaceCounters.OUT, "out", "in"),
            new Hop(who, "container" + inside, port.row(), IfaceCounters.OUT, "rx", "tx"),
        };
        String arrow = c.theme().unicode() ? "\u2192" : ">";
        String[] labels = {"inbound pkts", "inbound rate", "outbound pkts", "outbound rate"};
        for (int i = 0; i < labels.length; i++) {
            c.text(1, row + 3 + i, labels[i], Theme.Role.HEADER);
        }
        for (int h = 0; h < hops.length; h++) {
            int x = LABEL + h * HOP;
            Hop hop = hops[h];
            if (h < hops.length - 1) {
                c.left(x, row + 1, HOP - 3, hop.kind(), Theme.Role.NORMAL);
                c.text(x + HOP - 3, row + 1, arrow, Theme.Role.NORMAL);
            } else {
                c.left(x, row + 1, HOP - 1, hop.kind(), Theme.Role.NORMAL);
            }
            c.left(x, row + 2, HOP - 1, hop.name(), h == hops.length - 1 ? Theme.Role.CONTAINER : Theme.Role.NORMAL);
            int outbound = hop.inbound() == IfaceCounters.IN ? IfaceCounters.OUT : IfaceCounters.IN;
            c.left(x, row + 3, HOP - 1, packets(hop, hop.inbound(), hop.inWord()), Theme.Role.NORMAL);
            c.left(x, row + 4, HOP - 1, rate(hop, hop.inbound(), hop.inWord(), u), Theme.Role.RATE);
            c.left(x, row + 5, HOP - 1, packets(hop, outbound, hop.outWord()), Theme.Role.NORMAL);
            c.left(x, row + 6, HOP - 1, rate(hop, outbound, hop.outWord(), u), Theme.Role.RATE);
        }
    }

    private static String packets(Hop hop, int direction, String word) {
        IfaceSnapshot s = hop.row();
        if (s == null) {
            return "not counted";
        }
        if (!s.directionKnown()) {
            return word + " -";
        }
        return word + " " + CellFormat.count(s.get(IfaceCounters.TOTAL, direction, IfaceCounters.PACKETS), 10);
    }

    private static String rate(Hop hop, int direction, String word, Units u) {
        IfaceSnapshot s = hop.row();
        if (s == null || !s.directionKnown()) {
            return "";
        }
        if (s.gone()) {
            return "gone";
        }
        return word + " " + u.format(direction == IfaceCounters.IN ? s.inBytesPerSecond() : s.outBytesPerSecond());
    }
}
