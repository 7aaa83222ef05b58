package dev.jtraf.stats;

import static dev.jtraf.stats.IfaceCountersTest.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.jtraf.decode.Frame;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Activity (the moving average over the last N complete seconds) and its peak. */
class RatesTest {
    private static final long SECOND = 1_000_000_000L;

    /** A ring copy with {@code bytes[i]} in second {@code firstSecond + i} (one frame per second). */
    private static long[] ring(long firstSecond, long... bytes) {
        long[] ring = new long[IfaceCounters.RING_LONGS];
        for (int i = 0; i < IfaceCounters.RING_SECONDS; i++) {
            ring[i * IfaceCounters.SLOT_LONGS] = Long.MIN_VALUE;
        }
        for (int i = 0; i < bytes.length; i++) {
            long second = firstSecond + i;
            int slot = (int) (second & (IfaceCounters.RING_SECONDS - 1)) * IfaceCounters.SLOT_LONGS;
            ring[slot + IfaceCounters.SLOT_SECOND] = second;
            ring[slot + IfaceCounters.SLOT_PACKETS] = 1;
            ring[slot + IfaceCounters.SLOT_BYTES] = bytes[i];
        }
        return ring;
    }

    /** Activity in bytes/s at each moment {@code from..to} (seconds before it complete), as "E=avg" pairs. */
    private static String activity(long[] ring, long firstSecond, int window, long from, long to) {
        StringBuilder b = new StringBuilder();
        for (long e = from; e <= to; e++) {
            b.append(e).append('=').append(String.format(Locale.ROOT, "%.2f",
                    Rates.average(ring, IfaceCounters.SLOT_BYTES, e, firstSecond, window))).append(e < to ? " " : "");
        }
        return b.toString();
    }

    @Test
    void activityAveragesTheLastNCompleteSeconds() {
        long[] ring = ring(100, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000);
        // at 110: seconds 105..109 = (600 + 700 + 800 + 900 + 1000) / 5
        assertEquals("108=600.00 109=700.00 110=800.00", activity(ring, 100, 5, 108, 110));
        assertEquals("110=1000.00", activity(ring, 100, 1, 110, 110));
    }

    @Test
    void warmUpAveragesOverTheSecondsPassedNotZeroFilled() {
        long[] ring = ring(100, 1000, 3000);
        assertEquals("100=0.00 101=1000.00 102=2000.00 103=1333.33 104=1000.00 105=800.00 106=600.00 107=0.00",
                activity(ring, 100, 5, 100, 107));
    }

    @Test
    void warmUpCountsFromWhenTheInterfaceWasFirstSeenNotFromItsFirstFrame() {
        // seen at 98, silent for two seconds, then 3000 bytes in second 100
        long[] ring = ring(100, 3000);
        assertEquals("99=0.00 100=0.00 101=1000.00 102=750.00", activity(ring, 98, 5, 99, 102));
    }

    @Test
    void secondsMissingFromTheRingCountAsZero() {
        long[] ring = ring(100, 640);
        // second 164 shares the slot of 100; the slot says 100, so 164 had no traffic
        assertEquals("165=0.00", activity(ring, 100, 5, 165, 165));
        assertEquals(0, Rates.valueAt(ring, IfaceCounters.SLOT_BYTES, 164));
        assertEquals(640, Rates.valueAt(ring, IfaceCounters.SLOT_BYTES, 100));
    }

    @Test
    void noRateBeforeTheInterfaceIsSeen() {
        assertEquals("101=0.00", activity(ring(100, 640), Long.MIN_VALUE, 5, 101, 101));
    }

    private static void burst(IfaceCounters counters, long second, int frames, int bytesEach) {
        Frame f = frame(Frame.CLASS_NONIP, Frame.NONE, Frame.NONE, Frame.DIR_UNKNOWN, bytesEach, false, false);
        for (int i = 0; i < frames; i++) {
            counters.record(f, second * SECOND + i * 1000L);
        }
    }

    private static String peaks(IfaceCounters counters) {
        long[] c = new long[IfaceCounters.COUNTERS];
        counters.readInto(c, null);
        return String.format(Locale.ROOT, "peak %.2f B/s, %.2f frames/s",
                Double.longBitsToDouble(c[IfaceCounters.PEAK_BYTES_PER_SECOND]),
                Double.longBitsToDouble(c[IfaceCounters.PEAK_PACKETS_PER_SECOND]));
    }

    /**
     * Window 3, bytes per second 100: 3000 (3 frames), 102: 600 (1), 103: 6000 (6), 104: 300 (1),
     * 110: 9300 (3). Activity at each moment E (complete seconds before E):
     * <pre>
     *   E    bytes/s                    frames/s
     *   101  3000 / 1 = 3000            3 / 1 = 3      (warm-up: one second has passed)
     *   102  3000 / 2 = 1500            3 / 2 = 1.5
     *   103  3600 / 3 = 1200            4 / 3
     *   104  6600 / 3 = 2200            7 / 3
     *   105  6900 / 3 = 2300            8 / 3
     *   106  6300 / 3 = 2100            7 / 3
     *   107  300 / 3 = 100              1 / 3
     *   111  9300 / 3 = 3100            3 / 3 = 1
     * </pre>
     * The byte peak is 3100 (at 111) and the frame peak 3 (at 101, which a zero-filled
     * warm-up would have made 1).
     */
    @Test
    void peakEqualsTheHighestWindowComputedByHand() {
        IfaceCounters counters = new IfaceCounters(Long.MIN_VALUE, 3);
        burst(counters, 100, 3, 1000);
        burst(counters, 102, 1, 600);
        burst(counters, 103, 6, 1000);
        burst(counters, 104, 1, 300);
        burst(counters, 110, 3, 3100);
        assertEquals("peak 3000.00 B/s, 3.00 frames/s", peaks(counters));
        counters.closeCurrentSecond();
        assertEquals("peak 3100.00 B/s, 3.00 frames/s", peaks(counters));
    }

    @Test
    void peakCountsTheWarmUpWindowOverSecondsPassed() {
        IfaceCounters counters = new IfaceCounters(Long.MIN_VALUE, 5);
        burst(counters, 100, 10, 500);
        counters.closeCurrentSecond();
        assertEquals("peak 5000.00 B/s, 10.00 frames/s", peaks(counters));
    }

    /** {@link Rates#highestAverage} against the highest of {@link Rates#average} window by window. */
    @Test
    void highestAverageIsTheHighestOfTheWindowsOneByOne() {
        SplittableRandom random = new SplittableRandom(6);
        for (int round = 0; round < 2_000; round++) {
            long first = 1000 + random.nextInt(40);
            long[] bytes = new long[random.nextInt(1, 40)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(4) == 0 ? 0 : random.nextInt(1, 10_000);
            }
            long[] ring = ring(first + random.nextInt(5), bytes);
            int window = random.nextInt(1, IfaceCounters.MAX_WINDOW + 1);
            long firstEnd = first - 5 + random.nextInt(60);
            long lastEnd = firstEnd + random.nextInt(-2, 60);
            double expected = 0;
            for (long end = firstEnd; end <= lastEnd; end++) {
                expected = Math.max(expected, Rates.average(ring, IfaceCounters.SLOT_BYTES, end, first, window));
            }
            assertEquals(expected, Rates.highestAverage(ring, IfaceCounters.SLOT_BYTES, firstEnd, lastEnd, first, window),
                    1e-9, () -> "first " + first + " window " + window + " ends " + firstEnd + ".." + lastEnd);
        }
    }

    /**
     * A burst, then silence: the writer never leaves the burst's second, so the window that
     * ends after it is the readers' to take. Window 5, 10 frames of 500 B in second 100 (the
     * first second seen): Activity 5000 B/s at 101, 2500 at 102, ... 0 from 106 on; the peak
     * stays 5000 B/s and 10 frames/s, at 101 as much as long after.
     */
    @Test
    void peakStaysWhenTheLinkGoesQuiet() {
        IfaceCounters counters = new IfaceCounters(Long.MIN_VALUE, 5);
        InterfaceTable table = new InterfaceTable();
        table.put(new InterfaceStats("veth0", 7, true, counters), 100 * SECOND);
        burst(counters, 100, 10, 500);
        Snapshots snapshots = new Snapshots(table, 5);
        StringBuilder got = new StringBuilder();
        for (long completeBefore : new long[] {100, 101, 103, 106, 200}) {
            IfaceSnapshot s = snapshots.take(completeBefore * SECOND, completeBefore, 0, 10, false).interfaces().get(0);
            got.append(String.format(Locale.ROOT, "%d: activity %.0f, peak %.0f B/s %.0f frames/s%n", completeBefore,
                    s.bytesPerSecond(), s.peakBytesPerSecond(), s.peakPacketsPerSecond()));
        }
        assertEquals("""
                100: activity 0, peak 0 B/s 0 frames/s
                101: activity 5000, peak 5000 B/s 10 frames/s
                103: activity 1667, peak 5000 B/s 10 frames/s
                106: activity 0, peak 5000 B/s 10 frames/s
                200: activity 0, peak 5000 B/s 10 frames/s
                """, got.toString());
    }

    /**
     * A frame another CPU delivers late, after the writer took the windows that hold its
     * second. Window 3; 1000 B in second 100, 100 B in 101 and in 102; then 3000 B late into 100,
     * then 100 B in 103. Windows by hand (first second 100): ending 101: 4000 / 1 = 4000 once the
     * late frame is in (1000 before); 102: 4100 / 2; 103: 4200 / 3; 104: 300 / 3. Peak 4000 B/s.
     */
    @Test
    void peakTakesTheWindowsALateFrameChanged() {
        IfaceCounters counters = new IfaceCounters(Long.MIN_VALUE, 3);
        burst(counters, 100, 1, 1000);
        burst(counters, 101, 1, 100);
        burst(counters, 102, 1, 100);
        burst(counters, 100, 1, 3000);
        burst(counters, 103, 1, 100);
        assertEquals("peak 4000.00 B/s, 2.00 frames/s", peaks(counters));
    }

    /**
     * A frame stamped years before the others (a damaged file's clock jumping back), then more
     * frames: only the windows that can hold a late frame's second are taken again, so the
     * writer goes on at once (it walked every second in between: the tcpdump corpus's
     * babel_update_oobr.pcap hung). Window 3; 1000 B in second 100, 10 B in 1,000,000,000 and
     * 1,000,000,001, and 5000 B years late into second 200: the peak is 1000 B/s, from second 100.
     */
    @Test
    void aFrameYearsLateTakesNoTimeAndNoPeak() {
        IfaceCounters counters = new IfaceCounters(Long.MIN_VALUE, 3);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            burst(counters, 100, 1, 1000);
            burst(counters, 1_000_000_000L, 1, 10);
            burst(counters, 200, 1, 5000);
            burst(counters, 1_000_000_001L, 1, 10);
            counters.closeCurrentSecond();
        });
        assertEquals("peak 1000.00 B/s, 1.00 frames/s", peaks(counters));
    }
}
