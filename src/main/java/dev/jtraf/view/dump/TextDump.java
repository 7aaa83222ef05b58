package dev.jtraf.view.dump;

import com.googlecode.lanterna.TerminalTextUtils;
import dev.jtraf.stats.IfaceSnapshot;
import dev.jtraf.stats.Snapshot;
import dev.jtraf.view.Decimal;
import dev.jtraf.view.Printable;
import dev.jtraf.view.Units;
import java.io.PrintStream;

/**
 * Aligned columns for people: the main counts and the Activity of each interface; when
 * containers are known, a last column names the container and network of each interface.
 */
final class TextDump extends DumpWriter {
    /**
     * Column widths; the first two are left-aligned (no cut: a longer value widens its column).
     * The first one, the interface's name, is as wide as the longest name of the block.
     */
    private static final int[] WIDTHS = {16, 5, 12, 14, 10, 10, 10, 6, 6, 10, 10, 10, 14};
    private final int intervalSeconds;
    /** Terminal columns of the block's name column, at least {@code WIDTHS[0]}. */
    private int nameWidth = WIDTHS[0];

    TextDump(PrintStream out, boolean perInterfaceDropsKnown, int intervalSeconds) {
        super(out, perInterfaceDropsKnown);
        this.intervalSeconds = intervalSeconds;
    }

    @Override
    protected void begin(PrintStream o, String time, Snapshot s, boolean isFinal) {
        String t = time == null ? "-" : time;
        o.println(isFinal ? "== " + t + "  totals at end ==" : "== " + t + "  (interval " + intervalSeconds + " s) ==");
        nameWidth = WIDTHS[0];
        for (IfaceSnapshot i : s.interfaces()) {
            nameWidth = Math.max(nameWidth, TerminalTextUtils.getColumnWidth(Printable.of(i.name())));
        }
        String header = columns("IFACE", "STATE", "PACKETS", "BYTES", "IPV4", "IPV6", "NONIP",
                "BADIP", "TRUNC", "IN_PKTS", "OUT_PKTS", "PPS", "ACTIVITY");
        o.println(labelled() ? header + "  CONTAINER@NETWORK" : header);
    }

    @Override
    protected void row(PrintStream o, String[] v) {
        int b = DumpRecord.PACKETS;
        String state = DumpRecord.SCOPE_IFACE.equals(v[DumpRecord.SCOPE]) ? v[DumpRecord.STATE] : "";
        double bps = Double.parseDouble(v[DumpRecord.BPS]) / 8;
        String line = columns(Printable.of(v[DumpRecord.IFACE]), state, v[b], v[b + 1], v[b + 2], v[b + 3],
                v[b + 4], dash(v[b + 5]), dash(v[b + 6]), dash(v[DumpRecord.IN_PACKETS]), dash(v[DumpRecord.OUT_PACKETS]),
                v[DumpRecord.PPS], Units.AUTO.format(bps));
        String container = Printable.of(v[DumpRecord.CONTAINER]);
        String network = Printable.of(v[DumpRecord.NETWORK]);
        if (labelled() && (container != null || network != null)) {
            line += "  " + (container == null ? "network " + network : network == null ? container : container + "@" + network);
        }
        o.println(line);
    }

    private String columns(String... values) {
        StringBuilder line = new StringBuilder(160);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(' ');
            }
            if (i == 0) { // in terminal columns: a CJK character takes two
                line.append(values[0]).append(" ".repeat(Math.max(0, nameWidth - TerminalTextUtils.getColumnWidth(values[0]))));
            } else if (i == 1) {
                Decimal.left(line, values[i], WIDTHS[i]);
            } else {
                Decimal.right(line, values[i], WIDTHS[i]);
            }
        }
        return line.toString();
    }

    private static String dash(String v) {
        return v == null ? "-" : v;
    }

    @Override
    protected void end(PrintStream o, Snapshot s, boolean isFinal) {
        if (s.captureDrops() > 0) {
            o.println("capture drops: " + s.captureDrops() + " (counts above are lower bounds)");
        }
        o.println();
    }
}
