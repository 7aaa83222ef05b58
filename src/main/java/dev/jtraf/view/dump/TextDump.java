package dev.jtraf.view.dump;

import dev.jtraf.stats.Snapshot;
import dev.jtraf.view.Units;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Aligned columns for people: the main counts and the Activity of each interface; when
 * containers are known, a last column names the container and network of each interface.
 */
final class TextDump extends DumpWriter {
    private static final String FORMAT = "%-16s %-5s %12s %14s %10s %10s %10s %6s %6s %10s %10s %10s %14s";
    private final int intervalSeconds;

    TextDump(PrintStream out, boolean perInterfaceDropsKnown, int intervalSeconds) {
        super(out, perInterfaceDropsKnown);
        this.intervalSeconds = intervalSeconds;
    }

    @Override
    protected void begin(PrintStream o, String time, Snapshot s, boolean isFinal) {
        o.println(isFinal ? "== " + time + "  totals at end ==" : "== " + time + "  (interval " + intervalSeconds + " s) ==");
        String header = String.format(Locale.ROOT, FORMAT, "IFACE", "STATE", "PACKETS", "BYTES", "IPV4", "IPV6", "NONIP",
                "BADIP", "TRUNC", "IN_PKTS", "OUT_PKTS", "PPS", "ACTIVITY");
        o.println(labelled() ? header + "  CONTAINER@NETWORK" : header);
    }

    @Override
    protected void row(PrintStream o, String[] v) {
        int b = DumpRecord.PACKETS;
        String state = DumpRecord.SCOPE_IFACE.equals(v[DumpRecord.SCOPE]) ? v[DumpRecord.STATE] : "";
        double bps = Double.parseDouble(v[DumpRecord.BPS]) / 8;
        String line = String.format(Locale.ROOT, FORMAT, v[DumpRecord.IFACE], state, v[b], v[b + 1], v[b + 2], v[b + 3],
                v[b + 4], dash(v[b + 5]), dash(v[b + 6]), dash(v[DumpRecord.IN_PACKETS]), dash(v[DumpRecord.OUT_PACKETS]),
                v[DumpRecord.PPS], Units.AUTO.format(bps));
        String container = v[DumpRecord.CONTAINER];
        String network = v[DumpRecord.NETWORK];
        if (labelled() && (container != null || network != null)) {
            line += "  " + (container == null ? "network " + network : network == null ? container : container + "@" + network);
        }
        o.println(line);
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
