package dev.jtraf.view.tui;

import dev.jtraf.stats.IfaceSnapshot;
import dev.jtraf.stats.Snapshot;
import dev.jtraf.view.Units;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the user chose and where they are: screen, sort, units, filter, selection (of an
 * interface, and of a container on the Docker screen), scroll, when each interface was first
 * seen gone, and since when Docker has had its current problem. Owned by the UI thread (single writer and reader);
 * the screens only read it.
 *
 * <p>Interfaces are identified by {@code name#key}, so a selection follows its interface when
 * the sort order changes, and a re-created interface with an old name is a new row.
 */
final class UiState {
    /** Gone interfaces leave the screen this long after they were first seen gone (source clock). */
    static final long RETIRE_AFTER_NANOS = 60_000_000_000L;

    /** How long the message line says why there are no container names, once it changes. */
    static final long DOCKER_NOTICE_NANOS = 30_000_000_000L;

    enum View { GENERAL, DETAIL, HELP, DOCKER }

    enum Sort { NAME, TOTAL, RATE }

    private View view = View.GENERAL;
    private View beforeHelp = View.GENERAL;
    private Sort sort = Sort.NAME;
    private Units units = Units.AUTO;
    private String filter = "";
    private boolean editingFilter;
    private String selectedId;
    private int selectedIndex;
    private int top;
    private final Map<String, Long> goneSince = new HashMap<>();
    private int dockerIndex;
    private int dockerCount = Integer.MAX_VALUE; // veths the last sync saw; unknown before the first
    private boolean dockerTail;
    private boolean containerNames;
    private String dockerSelected;
    private String dockerProblem;
    private long dockerProblemSinceNanos;

    static String id(IfaceSnapshot s) {
        return s.name() + "#" + s.key();
    }

    View view() {
        return view;
    }

    void show(View v) {
        if (v == View.HELP && view != View.HELP) {
            beforeHelp = view;
        }
        view = v;
    }

    /** Leaves the help screen to where it was opened from. */
    void closeHelp() {
        view = beforeHelp;
    }

    Sort sort() {
        return sort;
    }

    void sort(Sort s) {
        sort = s;
    }

    Units units() {
        return units;
    }

    void units(Units u) {
        units = u;
    }

    String filter() {
        return filter;
    }

    void filter(String f) {
        filter = f;
    }

    boolean editingFilter() {
        return editingFilter;
    }

    void editingFilter(boolean on) {
        editingFilter = on;
    }

    int selectedIndex() {
        return selectedIndex;
    }

    /** Selects the row at {@code index} of {@code rows} (clamped). */
    void select(List<IfaceSnapshot> rows, int index) {
        if (rows.isEmpty()) {
            selectedIndex = 0;
            return;
        }
        selectedIndex = Math.max(0, Math.min(rows.size() - 1, index));
        selectedId = id(rows.get(selectedIndex));
    }

    /** First visible row of the general list. */
    int top() {
        return top;
    }

    /**
     * Records newly gone interfaces (at the snapshot's time) and forgets vanished ids. Call
     * once per new snapshot, before {@link #sync}.
     */
    void observe(Snapshot snapshot) {
        Set<String> present = new HashSet<>();
        for (IfaceSnapshot s : snapshot.interfaces()) {
            String id = id(s);
            present.add(id);
            if (s.gone()) {
                goneSince.putIfAbsent(id, snapshot.timeNanos());
            }
        }
        goneSince.keySet().retainAll(present);
    }

    /** True if the interface went away long enough ago to leave the screen. */
    boolean retired(IfaceSnapshot s, long nowNanos) {
        Long since = goneSince.get(id(s));
        return since != null && nowNanos - since >= RETIRE_AFTER_NANOS;
    }

    /**
     * Re-finds the selection in {@code rows} (by id; if it left, the row now at its old index)
     * and scrolls so it is visible in a list of {@code visibleRows}.
     */
    void sync(List<IfaceSnapshot> rows, int visibleRows) {
        int found = -1;
        if (selectedId != null) {
            for (int i = 0; i < rows.size(); i++) {
                if (id(rows.get(i)).equals(selectedId)) {
                    found = i;
                    break;
                }
            }
        }
        select(rows, found >= 0 ? found : selectedIndex);
        int height = Math.max(1, visibleRows);
        if (selectedIndex < top) {
            top = selectedIndex;
        } else if (selectedIndex >= top + height) {
            top = selectedIndex - height + 1;
        }
        top = Math.max(0, Math.min(top, Math.max(0, rows.size() - height)));
    }

    /** The selected container row of the Docker screen (an index into its selectable rows). */
    int dockerIndex() {
        return dockerIndex;
    }

    /** The Docker screen's selected row's id (a veth name) as of the last sync, or null. */
    String dockerSelected() {
        return dockerSelected;
    }

    /**
     * Moves the Docker screen's selection by {@code delta} rows; {@link #syncDocker} clamps it.
     * Down from the last veth shows the end of the tree instead (the containers without a veth
     * that follow it may not fit); Up from there shows the selection again.
     */
    void dockerMove(int delta) {
        if (delta > 0 && dockerIndex >= dockerCount - 1) {
            dockerTail = true;
            return;
        }
        boolean wasTail = dockerTail;
        dockerTail = false;
        if (delta == -1 && wasTail) {
            return; // one Up leaves the end for the selection; PgUp and Home move on as well
        }
        dockerIndex = Math.max(0, dockerIndex + delta);
        dockerSelected = null;
    }

    /**
     * Notes whether the general screen's name column shows a container's name for its veth (a
     * narrow terminal on a Docker host): then rows sort by the name shown. Set each frame.
     */
    void containerNames(boolean shown) {
        containerNames = shown;
    }

    boolean containerNames() {
        return containerNames;
    }

    /** Whether the Docker screen shows the end of its tree (Down past the last veth). */
    boolean dockerTail() {
        return dockerTail;
    }

    /**
     * Re-finds the Docker screen's selection among {@code ids} (the selectable rows, e.g. veth
     * names, in screen order) or keeps its index, clamped.
     */
    void syncDocker(List<String> ids) {
        dockerCount = ids.size();
        int found = dockerSelected == null ? -1 : ids.indexOf(dockerSelected);
        dockerIndex = found >= 0 ? found : Math.max(0, Math.min(dockerIndex, ids.size() - 1));
        dockerSelected = ids.isEmpty() ? null : ids.get(dockerIndex);
    }

    /**
     * Notes Docker's problem (why there are no container names; null if none) at time
     * {@code nowNanos}: a new or changed one is announced for {@link #DOCKER_NOTICE_NANOS}.
     */
    void observeDocker(String problem, long nowNanos) {
        if (!Objects.equals(problem, dockerProblem)) {
            dockerProblem = problem;
            dockerProblemSinceNanos = nowNanos;
        }
    }

    /** Docker's problem while it is still news at {@code nowNanos}, else null. */
    String dockerNotice(long nowNanos) {
        return dockerProblem != null && nowNanos - dockerProblemSinceNanos < DOCKER_NOTICE_NANOS ? dockerProblem : null;
    }
}
