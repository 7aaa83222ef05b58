package dev.jtraf.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Rates in a unit the user fixed ({@code u} in the dashboard). */
class UnitsTest {
    @Test
    void trafficTooSmallForTheUnitIsNotShownAsNone() {
        // 15.8 kbit/s in Mbit/s (TUI audit: "0.0 Mbit/s" beside 5 pps)
        assertEquals("<0.1 Mbit/s", Units.MBITS.format(15_800 / 8.0));
        assertEquals("0 Mbit/s", Units.MBITS.format(0));
        assertEquals("0.1 Mbit/s", Units.MBITS.format(50_000 / 8.0));
        assertEquals("15.8 kbit/s", Units.KBITS.format(15_800 / 8.0));
        assertEquals("<0.1 MB/s", Units.MBYTES.format(1_000));
        assertEquals("15.8 kbit/s", Units.AUTO.format(15_800 / 8.0));
    }
}
