package dev.jtraf.view.dump;

/** The headless output formats of {@code --dump}. */
public enum DumpFormat {
    /** Aligned columns for people. */
    TEXT,
    /** One header line, then one line per interface per interval. */
    CSV,
    /** JSON lines: one object per interface per interval. */
    JSON;

    public static DumpFormat parse(String s) {
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "text": return TEXT;
            case "csv": return CSV;
            case "json": case "jsonl": case "json-lines": return JSON;
            default: throw new IllegalArgumentException("unknown dump format '" + s + "'; one of text, csv, json");
        }
    }
}
