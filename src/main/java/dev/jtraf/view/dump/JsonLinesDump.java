package dev.jtraf.view.dump;

import java.io.PrintStream;

/** JSON lines: one object per interface per interval, keys as {@link DumpRecord#COLUMNS}. */
final class JsonLinesDump extends DumpWriter {
    private final StringBuilder line = new StringBuilder(512);

    JsonLinesDump(PrintStream out, boolean perInterfaceDropsKnown) {
        super(out, perInterfaceDropsKnown);
    }

    @Override
    protected void row(PrintStream o, String[] values) {
        line.setLength(0);
        line.append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append('"').append(DumpRecord.COLUMNS[i]).append("\":");
            String v = values[i];
            if (v == null) {
                line.append("null");
            } else if (DumpRecord.isText(i)) {
                quote(line, v);
            } else {
                line.append(v);
            }
        }
        line.append('}');
        o.println(line);
    }

    static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }
}
