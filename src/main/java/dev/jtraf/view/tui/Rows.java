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
 * ascending; total packets or Activity descending, ties by name). New interfaces therefore
 * appear in place, not at the end. Pure function of a snapshot, the labels and the UI state.
 */
final class Rows {
    private static final Comparator<IfaceSnapshot> BY_NAME =
            Comparator.comparing(IfaceSnapshot::name).thenComparingInt(IfaceSnapshot::key);
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
        rows.sort(ui.sort() == UiState.Sort.TOTAL ? BY_TOTAL : ui.sort() == UiState.Sort.RATE ? BY_RATE : BY_NAME);
        return rows;
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
