package dev.jtraf.view.dump;

import dev.jtraf.stats.Snapshot;
import java.io.PrintStream;

/** CSV: one stable header line, then a line per interface per interval; unknown is empty. */
final class CsvDump extends DumpWriter {
    private boolean headerWritten;

    CsvDump(PrintStream out, boolean perInterfaceDropsKnown) {
        super(out, perInterfaceDropsKnown);
    }

    @Override
    protected void begin(PrintStream o, String time, Snapshot s, boolean isFinal) {
        if (!headerWritten) {
            o.println(String.join(",", DumpRecord.COLUMNS));
            headerWritten = true;
        }
    }

    @Override
    protected void row(PrintStream o, String[] values) {
        StringBuilder b = new StringBuilder(256);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            String v = values[i];
            if (v != null) {
                if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0) {
                    b.append('"').append(v.replace("\"", "\"\"")).append('"');
                } else {
                    b.append(v);
                }
            }
        }
        o.println(b);
    }
}
