package dev.jtraf.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Decimal} against the JDK's Formatter, the oracle it replaces. */
class DecimalTest {
    @Test
    void fixedWritesWhatTheFormatterWrites() {
        Random rnd = new Random(42);
        double[] edges = {0, -0.0, 0.005, 0.015, 0.025, 1.005, 2.675, 9.995, 99.95, 99.949999, 0.5, 1.5, 2.5,
            -0.001, -1.005, 1e7, 1.23456789e15, 9.999999999e22, Double.MIN_VALUE, Double.MAX_VALUE,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 123456.785, 0.045, 1e-7};
        for (double v : edges) {
            check(v);
        }
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 4) {
                case 0 -> rnd.nextDouble() * 1000;
                case 1 -> Math.round(rnd.nextDouble() * 1e6) / 1000.0 + 0.0005; // ties in the third decimal
                case 2 -> rnd.nextLong() / 1e3;
                default -> Math.scalb(rnd.nextDouble(), rnd.nextInt(120) - 40);
            };
            check(v);
        }
    }

    private static void check(double v) {
        for (int decimals = 0; decimals <= 3; decimals++) {
            assertEquals(String.format(Locale.ROOT, "%." + decimals + "f", v), Decimal.fixed(v, decimals),
                    "value " + v + " with " + decimals + " decimals");
        }
    }

    @Test
    void paddingMatchesFormatWidths() {
        assertEquals(String.format(Locale.ROOT, "%-6s|%6s|%-2s|%2s", "ab", "cd", "long", "long"),
                Decimal.right(Decimal.left(Decimal.right(Decimal.left(new StringBuilder(), "ab", 6).append('|'),
                        "cd", 6).append('|'), "long", 2).append('|'), "long", 2).toString());
    }
}
