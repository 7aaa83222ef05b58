package dev.jtraf.view.tui;

import dev.jtraf.stats.IfaceCounters;
import dev.jtraf.stats.Rates;

/**
 * The last {@value #SECONDS} complete seconds of one interface as a row of block characters.
 * Pure function of the history ring copy in a snapshot.
 *
 * <p>With fewer cells than seconds, each cell averages {@code ceil(60 / cells)} seconds, so the
 * line always covers the whole minute. Each line is scaled to its own maximum (it shows the
 * shape of the traffic; the numbers are in the other columns); a cell with no traffic at all
 * is blank, any traffic at least the lowest block.
 */
final class Sparkline {
    static final int SECONDS = 60;

    private Sparkline() {
    }

    /**
     * @param history      the ring copy from an {@code IfaceSnapshot}, or null (gives blanks)
     * @param field        the slot field, e.g. {@link IfaceCounters#SLOT_BYTES}
     * @param endExclusive the first second not shown (the snapshot's completeBeforeSecond)
     * @param cells        characters available
     */
    static String of(long[] history, int field, long endExclusive, int cells, Theme theme) {
        if (cells <= 0) {
            return "";
        }
        int perCell = Math.max(1, (SECONDS + cells - 1) / cells);
        int used = (SECONDS + perCell - 1) / perCell;
        long[] sums = new long[used];
        long max = 0;
        if (history != null) {
            for (int c = 0; c < used; c++) {
                long from = endExclusive - (long) (used - c) * perCell;
                long sum = 0;
                for (int s = 0; s < perCell; s++) {
                    sum += Rates.valueAt(history, field, from + s);
                }
                sums[c] = sum;
                max = Math.max(max, sum);
            }
        }
        StringBuilder b = new StringBuilder(cells);
        for (int c = 0; c < used; c++) {
            b.append(theme.sparkLevel(level(sums[c], max)));
        }
        while (b.length() < cells) {
            b.append(' ');
        }
        return b.toString();
    }

    /** 0 for nothing, else 1..8 in proportion to the maximum. */
    static int level(long value, long max) {
        if (value <= 0 || max <= 0) {
            return 0;
        }
        return (int) Math.max(1, Math.min(8, Math.ceil(value * 8.0 / max)));
    }
}
