package dev.jtraf.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Keys are found where they were stored, whatever their sign and size. */
class InterfaceTableTest {
    private static final long T = 1_700_000_000_000_000_000L;

    private static InterfaceStats row(String name, int key) {
        return new InterfaceStats(name, key, true, new IfaceCounters(0, 5));
    }

    @Test
    void everyKeyIsLookedUpWhereItWasPut() {
        // a negative key was stored (in the map) but never looked up there: every frame of a
        // cooked header cut off before its ifindex (-1) missed, and each miss added a row
        InterfaceTable table = new InterfaceTable();
        int[] keys = {0, 3, 1000, 1 << 20, Integer.MAX_VALUE, -1, -2, -1000, -(1 << 20) - 1, Integer.MIN_VALUE};
        for (int key : keys) {
            table.put(row("if" + key, key), T);
        }
        for (int key : keys) {
            assertEquals("if" + key, table.lookup(key).name(), "key " + key);
        }
        InterfaceStats again = table.lookup(-1);
        assertSame(again, table.put(again, T), "putting the row found under its key changes nothing");
        assertEquals(keys.length, table.all().size(), "rows");
        table.ignore(-7);
        assertSame(InterfaceTable.IGNORED, table.lookup(-7));
        table.retireKey(-1, T);
        assertNull(table.lookup(-1), "a retired key is free");
        assertEquals(List.of("if-1"), table.all().stream().filter(InterfaceStats::isGone).map(InterfaceStats::name)
                .toList(), "the retired row stays, gone");
    }
}
