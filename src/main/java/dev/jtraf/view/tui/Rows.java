package dev.jtraf.view.tui;

import dev.jtraf.stats.IfaceSnapshot;
import dev.jtraf.stats.InterfaceLabel;
import dev.jtraf.stats.InterfaceLabels;
import dev.jtraf.stats.Snapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The interface rows a screen lists: retired ones dropped, the filter applied (to the interface
 * name, and to the container and network names of its label), in the chosen order (name
 * ascending, numbers in names in numeric order; total packets or Activity descending, ties by
 * name). New interfaces therefore
 * appear in place, not at the end. Pure function of a snapshot, the labels and the UI state.
 */
final class Rows {
    private static final Comparator<IfaceSnapshot> BY_NAME =
            Comparator.comparing(IfaceSnapshot::name, Rows::natural).thenComparingInt(IfaceSnapshot::key);
    private static final Comparator<IfaceSnapshot> BY_TOTAL =
            Comparator.comparingLong((IfaceSnapshot s) -> -s.packets(0)).thenComparing(BY_NAME);
    private static final Comparator<IfaceSnapshot> BY_RATE =
            Comparator.comparingDouble((IfaceSnapshot s) -> -s.bytesPerSecond()).thenComparing(BY_NAME);

    private Rows() {
    }

    /** The rows without labels (a replay). */
    static List<IfaceSnapshot> visible(Snapshot snapshot, UiState ui) {
        return visible(snapshot, ui, InterfaceLabels.NONE);
    }

    static List<IfaceSnapshot> visible(Snapshot snapshot, UiState ui, InterfaceLabels labels) {
        Pattern glob = compile(ui.filter());
        String needle = ui.filter().toLowerCase(Locale.ROOT);
        List<IfaceSnapshot> rows = new ArrayList<>(snapshot.interfaces().size());
        for (IfaceSnapshot s : snapshot.interfaces()) {
            if (ui.retired(s, snapshot.timeNanos())) {
                continue;
            }
            if (!needle.isEmpty()) {
                InterfaceLabel l = labels.labelOf(s.name(), s.key());
                if (!matches(s.name(), glob, needle) && !matches(l.container(), glob, needle)
                        && !matches(l.network(), glob, needle)) {
                    continue;
                }
            }
            rows.add(s);
        }
        rows.sort(ui.sort() == UiState.Sort.TOTAL ? BY_TOTAL : ui.sort() == UiState.Sort.RATE ? BY_RATE
                : ui.containerNames() ? byShownName(labels) : BY_NAME);
        return rows;
    }

    /** By the name the row shows where veths are listed by their container's name, then by interface. */
    private static Comparator<IfaceSnapshot> byShownName(InterfaceLabels labels) {
        return Comparator.comparing((IfaceSnapshot s) -> {
            String container = labels.labelOf(s.name(), s.key()).container();
            return container != null ? container : s.name();
        }, Rows::natural).thenComparing(BY_NAME);
    }

    /**
     * Names in natural order: runs of digits compare as numbers, so veth2 comes before veth10
     * and tdum7 before tdum12 (as text, tdum12, tdum120 ... came before tdum7); equal numbers
     * with more leading zeros, and otherwise plain text order, decide ties.
     */
    static int natural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (isDigit(x) && isDigit(y)) {
                int ei = digitsEnd(a, i);
                int ej = digitsEnd(b, j);
                int si = skipZeros(a, i, ei);
                int sj = skipZeros(b, j, ej);
                int c = Integer.compare(ei - si, ej - sj); // more significant digits: larger
                for (int k = 0; c == 0 && k < ei - si; k++) {
                    c = Character.compare(a.charAt(si + k), b.charAt(sj + k));
                }
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digitsEnd(String s, int from) {
        int e = from;
        while (e < s.length() && isDigit(s.charAt(e))) {
            e++;
        }
        return e;
    }

    private static int skipZeros(String s, int from, int end) {
        int k = from;
        while (k < end - 1 && s.charAt(k) == '0') {
            k++;
        }
        return k;
    }

    private static boolean matches(String text, Pattern glob, String needle) {
        if (text == null) {
            return false;
        }
        return glob != null ? glob.matcher(text).matches() : text.toLowerCase(Locale.ROOT).contains(needle);
    }

    /** Interfaces not retired (what "n of m" counts). */
    static int shown(Snapshot snapshot, UiState ui) {
        int n = 0;
        for (IfaceSnapshot s : snapshot.interfaces()) {
            if (!ui.retired(s, snapshot.timeNanos())) {
                n++;
            }
        }
        return n;
    }

    /**
     * A filter with {@code *} or {@code ?} is a glob over the whole name (case-insensitive);
     * anything else matches as a substring, so typing narrows the list letter by letter.
     */
    static Pattern compile(String filter) {
        if (filter.indexOf('*') < 0 && filter.indexOf('?') < 0) {
            return null;
        }
        StringBuilder re = new StringBuilder();
        for (char c : filter.toCharArray()) {
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
    }
}
