package dev.jtraf.view.dump;

import dev.jtraf.stats.Snapshot;
import java.io.PrintStream;

/**
 * CSV (RFC 4180): one stable header line, then a line per interface per interval; unknown is
 * empty. Names are kept as they are, quoted where they hold a comma, a quote or a line break.
 */
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
                if (needsQuotes(v)) {
                    b.append('"').append(v.replace("\"", "\"\"")).append('"');
                } else {
                    b.append(v);
                }
            }
        }
        o.println(b);
    }

    /** RFC 4180: a field holding a comma, a double quote or a line break is quoted (names may hold any of them). */
    private static boolean needsQuotes(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
