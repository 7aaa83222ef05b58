package dev.jtraf.view.dump;

import dev.jtraf.stats.Snapshot;
import dev.jtraf.view.Units;
import java.io.PrintStream;
import java.util.Locale;

/** Aligned columns for people: the main counts and the Activity of each interface. */
final class TextDump extends DumpWriter {
    private static final String FORMAT = "%-16s %-5s %12s %14s %10s %10s %10s %6s %6s %10s %10s %10s %14s%n";
    private final int intervalSeconds;

    TextDump(PrintStream out, boolean perInterfaceDropsKnown, int intervalSeconds) {
        super(out, perInterfaceDropsKnown);
        this.intervalSeconds = intervalSeconds;
    }

    @Override
    protected void begin(PrintStream o, String time, Snapshot s, boolean isFinal) {
        o.println(isFinal ? "== " + time + "  totals at end ==" : "== " + time + "  (interval " + intervalSeconds + " s) ==");
        o.printf(Locale.ROOT, FORMAT, "IFACE", "STATE", "PACKETS", "BYTES", "IPV4", "IPV6", "NONIP", "BADIP", "TRUNC",
                "IN_PKTS", "OUT_PKTS", "PPS", "ACTIVITY");
    }

    @Override
    protected void row(PrintStream o, String[] v) {
        // indexes into DumpRecord.COLUMNS
        String state = "total".equals(v[2]) ? "" : v[3];
        double bps = Double.parseDouble(v[23]) / 8;
        o.printf(Locale.ROOT, FORMAT, v[1], state, v[4], v[5], v[6], v[7], v[8], v[9], v[10],
                v[15] == null ? "-" : v[15], v[17] == null ? "-" : v[17], v[22], Units.AUTO.format(bps));
    }

    @Override
    protected void end(PrintStream o, Snapshot s, boolean isFinal) {
        if (s.captureDrops() > 0) {
            o.println("capture drops: " + s.captureDrops() + " (counts above are lower bounds)");
        }
        o.println();
    }
}
