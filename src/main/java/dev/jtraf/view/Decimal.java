package dev.jtraf.view;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Fixed-point text of a double, exactly as {@code String.format(Locale.ROOT, "%.Nf", v)}
 * writes it (the same digits, rounded half up), without {@link java.util.Formatter}: the dump
 * and the dashboard format numbers every interval, and the Formatter's parsing and regular
 * expressions were a visible share of an idle jtraf's CPU, most of it the JIT compiling them
 * (native-notes/performance.md). Column padding for the same reason.
 */
public final class Decimal {
    private Decimal() {
    }

    /** {@code v} with {@code decimals} digits after the point ("NaN", "Infinity" as the Formatter writes them). */
    public static String fixed(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
        }
        String s = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        // the Formatter keeps the sign of a negative value that rounds to zero ("-0.00")
        return v < 0 || (v == 0 && 1 / v < 0) ? (s.startsWith("-") ? s : "-" + s) : s;
    }

    /** Appends {@code s} left-aligned in {@code width} columns (never cut), like {@code %-Ns}. */
    public static StringBuilder left(StringBuilder b, String s, int width) {
        b.append(s);
        for (int i = s.length(); i < width; i++) {
            b.append(' ');
        }
        return b;
    }

    /** Appends {@code s} right-aligned in {@code width} columns (never cut), like {@code %Ns}. */
    public static StringBuilder right(StringBuilder b, String s, int width) {
        for (int i = s.length(); i < width; i++) {
            b.append(' ');
        }
        return b.append(s);
    }
}
