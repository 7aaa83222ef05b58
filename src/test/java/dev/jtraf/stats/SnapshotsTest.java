package dev.jtraf.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Which rows a snapshot holds. */
class SnapshotsTest {
    private static final long SECOND = 1_000_000_000L;

    /**
     * A gone interface without a single frame: left out when it was there for a moment (the
     * container end of a new veth pair, 0.4 s in the host's namespace), kept as gone when it
     * was there for longer (a silent container's veth, stopped after 30 s; a user audit found
     * such rows vanishing at once, against README's "gone" rows that stay).
     */
    @Test
    void aGoneInterfaceWithoutFramesIsLeftOutOnlyWhenItWasThereForAMoment() {
        InterfaceTable table = new InterfaceTable();
        InterfaceStats moved = table.put(new InterfaceStats("veth1a2b3c", 11, true, new IfaceCounters(100, 5)),
                100 * SECOND);
        InterfaceStats stopped = table.put(new InterfaceStats("veth9f8e7d", 12, true, new IfaceCounters(100, 5)),
                100 * SECOND);
        table.put(new InterfaceStats("eth1", 13, true, new IfaceCounters(100, 5)), 100 * SECOND);
        moved.markGone(100 * SECOND + 400_000_000L);
        stopped.markGone(130 * SECOND);
        Snapshot s = new Snapshots(table, 5).take(131 * SECOND, 131, 0, 0, false);
        assertEquals("veth9f8e7d gone, eth1 up", s.interfaces().stream()
                .map(i -> i.name() + (i.gone() ? " gone" : " up")).collect(Collectors.joining(", ")));
    }
}
