package dev.jtraf.view.tui;

import dev.jtraf.view.Decimal;
import dev.jtraf.view.Units;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Numbers, durations and rates as they fit in dashboard cells. Pure functions. */
final class CellFormat {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DATE_CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final String[] SUFFIX = {"k", "M", "G", "T", "P", "E"};

    private CellFormat() {
    }

    /**
     * A count exactly if it has at most {@code width} digits, else shortened with an SI suffix
     * and three significant digits ({@code 123M}, {@code 1.23G}).
     */
    static String count(long value, int width) {
        String exact = Long.toString(value);
        if (exact.length() <= width) {
            return exact;
        }
        double v = value;
        int i = -1;
        while (v >= 999.5 && i < SUFFIX.length - 1) {
            v /= 1000;
            i++;
        }
        String digits = Decimal.fixed(v, v >= 99.95 ? 0 : v >= 9.995 ? 1 : 2);
        return digits + SUFFIX[Math.max(0, i)];
    }

    /**
     * A rate in bytes per second in the chosen unit; with a fixed unit without its label
     * (the column header carries it), with {@link Units#AUTO} with the label.
     */
    static String rate(double bytesPerSecond, Units units) {
        String s = units.format(bytesPerSecond);
        if (units != Units.AUTO && s.endsWith(" " + units.label())) {
            return s.substring(0, s.length() - units.label().length() - 1);
        }
        return s;
    }

    /** Frames per second: one decimal below 100. */
    static String pps(double packetsPerSecond) {
        if (packetsPerSecond == 0) {
            return "0";
        }
        return Decimal.fixed(packetsPerSecond, packetsPerSecond >= 99.95 ? 0 : 1);
    }

    /** Elapsed time as {@code H:MM:SS} (hours grow as needed); negative counts as zero. */
    static String elapsed(long nanos) {
        long s = Math.max(0, nanos / 1_000_000_000L);
        return s / 3600 + ":" + twoDigits((s / 60) % 60) + ":" + twoDigits(s % 60);
    }

    private static String twoDigits(long v) {
        return v < 10 ? "0" + v : Long.toString(v);
    }

    /** The moment of a snapshot: time of day live, date and time in replay (recordings are old). */
    static String clock(long epochNanos, boolean withDate, ZoneId zone) {
        Instant t = Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L));
        return (withDate ? DATE_CLOCK : CLOCK).format(t.atZone(zone));
    }

    /** A replay speed: {@code 1x}, {@code 0.5x}, {@code max}. */
    static String speed(double speed) {
        if (speed <= 0) {
            return "max";
        }
        if (speed == Math.rint(speed)) {
            return Decimal.fixed(speed, 0) + "x";
        }
        return stripZeros(Decimal.fixed(speed, 3)) + "x";
    }

    private static String stripZeros(String s) {
        String t = s;
        while (t.endsWith("0")) {
            t = t.substring(0, t.length() - 1);
        }
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    /** Words into lines of at most {@code width} (a word longer than that gets a line of its own). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
