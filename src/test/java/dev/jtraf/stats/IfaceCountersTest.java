package dev.jtraf.stats;

import static dev.jtraf.stats.IfaceCounters.ALL;
import static dev.jtraf.stats.IfaceCounters.BYTES;
import static dev.jtraf.stats.IfaceCounters.IN;
import static dev.jtraf.stats.IfaceCounters.OUT;
import static dev.jtraf.stats.IfaceCounters.PACKETS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.decode.Frame;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Cumulative counts, the per-second ring, and consistent copies under a running writer. */
class IfaceCountersTest {
    private static final long SECOND = 1_000_000_000L;
    private static final String[] CATEGORY_NAMES = {"total", "ipv4", "ipv6", "tcp", "udp", "icmp", "other_ip", "nonip",
        "broadcast", "multicast"};

    /** A decoded frame as the decoder would leave it; every field set. */
    static Frame frame(int netClass, int transport, int cast, int direction, int wireLength, boolean badIp,
            boolean truncated) {
        Frame f = new Frame();
        f.netClass = netClass;
        f.transport = transport;
        f.linkCast = cast;
        f.direction = direction;
        f.wireLength = wireLength;
        f.ifindex = -1;
        f.badIp = badIp;
        f.truncated = truncated;
        return f;
    }

    private static final Frame[] MIXED = {
        frame(Frame.CLASS_IPV4, Frame.PROTO_TCP, Frame.NONE, Frame.DIR_IN, 60, false, false),
        frame(Frame.CLASS_IPV4, Frame.PROTO_UDP, Frame.CAST_BROADCAST, Frame.DIR_OUT, 100, false, false),
        frame(Frame.CLASS_IPV6, Frame.PROTO_ICMP, Frame.CAST_MULTICAST, Frame.DIR_IN, 80, false, false),
        frame(Frame.CLASS_NONIP, Frame.NONE, Frame.CAST_BROADCAST, Frame.DIR_UNKNOWN, 42, false, false),
        frame(Frame.CLASS_IPV4, Frame.NONE, Frame.NONE, Frame.DIR_IN, 54, true, false),
        frame(Frame.CLASS_IPV6, Frame.PROTO_OTHER, Frame.NONE, Frame.DIR_OUT, 1514, false, true),
        frame(Frame.CLASS_IPV6, Frame.PROTO_UDP, Frame.CAST_MULTICAST, Frame.DIR_UNKNOWN, 200, false, false),
        frame(Frame.CLASS_NONIP, Frame.NONE, Frame.NONE, Frame.DIR_IN, 64, false, false),
    };

    /** Every counter of a copy as a table: packets/bytes for all, in and out. */
    static String table(long[] c) {
        StringBuilder b = new StringBuilder();
        for (int cat = 0; cat < IfaceCounters.CATEGORIES; cat++) {
            b.append(String.format("%-9s", CATEGORY_NAMES[cat]));
            for (int dir = ALL; dir <= OUT; dir++) {
                b.append(new String[] {" ", " in ", " out "}[dir]).append(c[IfaceCounters.index(cat, dir, PACKETS)])
                        .append('/').append(c[IfaceCounters.index(cat, dir, BYTES)]);
            }
            b.append('\n');
        }
        return b.append("badip ").append(c[IfaceCounters.BADIP]).append(" truncated ")
                .append(c[IfaceCounters.TRUNCATED]).append('\n').toString();
    }

    @Test
    void countsEachFrameUnderItsClassTransportCastAndDirection() {
        IfaceCounters counters = new IfaceCounters(Long.MIN_VALUE, 5);
        for (int i = 0; i < MIXED.length; i++) {
            counters.record(MIXED[i], 100 * SECOND + i);
        }
        long[] c = new long[IfaceCounters.COUNTERS];
        counters.readInto(c, null);
        assertEquals("""
                total     8/2114 in 4/258 out 2/1614
                ipv4      3/214 in 2/114 out 1/100
                ipv6      3/1794 in 1/80 out 1/1514
                tcp       1/60 in 1/60 out 0/0
                udp       2/300 in 0/0 out 1/100
                icmp      1/80 in 1/80 out 0/0
                other_ip  1/1514 in 0/0 out 1/1514
                nonip     2/106 in 1/64 out 0/0
                broadcast 2/142 in 0/0 out 1/100
                multicast 2/280 in 1/80 out 0/0
                badip 1 truncated 1
                """, table(c));
    }

    @Test
    void totalsIdentityHoldsAfterAMixedStream() {
        IfaceCounters counters = new IfaceCounters(Long.MIN_VALUE, 5);
        for (int i = 0; i < 10_000; i++) {
            counters.record(MIXED[(i * 7) % MIXED.length], 100 * SECOND + i * 10_000_000L);
        }
        long[] c = new long[IfaceCounters.COUNTERS];
        counters.readInto(c, null);
        assertEquals(null, brokenIdentity(c));
        assertEquals(10_000, c[IfaceCounters.index(IfaceCounters.TOTAL, ALL, PACKETS)]);
    }

    /** The identities of semantics.md in one copy, or null when they hold. */
    static String brokenIdentity(long[] c) {
        for (int dir = ALL; dir <= OUT; dir++) {
            for (int metric = PACKETS; metric <= BYTES; metric++) {
                long total = c[IfaceCounters.index(IfaceCounters.TOTAL, dir, metric)];
                long classes = c[IfaceCounters.index(IfaceCounters.IPV4, dir, metric)]
                        + c[IfaceCounters.index(IfaceCounters.IPV6, dir, metric)]
                        + c[IfaceCounters.index(IfaceCounters.NONIP, dir, metric)];
                if (total != classes) {
                    return "Total != IPv4 + IPv6 + NonIP (dir " + dir + ", metric " + metric + ")\n" + table(c);
                }
            }
        }
        long transports = c[IfaceCounters.index(IfaceCounters.TCP, ALL, PACKETS)]
                + c[IfaceCounters.index(IfaceCounters.UDP, ALL, PACKETS)]
                + c[IfaceCounters.index(IfaceCounters.ICMP, ALL, PACKETS)]
                + c[IfaceCounters.index(IfaceCounters.OTHER_IP, ALL, PACKETS)];
        long ip = c[IfaceCounters.index(IfaceCounters.IPV4, ALL, PACKETS)]
                + c[IfaceCounters.index(IfaceCounters.IPV6, ALL, PACKETS)];
        if (transports != ip - c[IfaceCounters.BADIP]) {
            return "TCP + UDP + ICMP + Other IP != IPv4 + IPv6 - BadIP\n" + table(c);
        }
        return null;
    }

    /** The ring for {@code from..to} as "second packets bytes inBytes outBytes inPackets outPackets" lines. */
    static String ring(long[] history, long from, long to) {
        StringBuilder b = new StringBuilder();
        for (long s = from; s <= to; s++) {
            b.append(s);
            for (int field = IfaceCounters.SLOT_PACKETS; field <= IfaceCounters.SLOT_OUT_PACKETS; field++) {
                b.append(' ').append(Rates.valueAt(history, field, s));
            }
            b.append('\n');
        }
        return b.toString();
    }

    @Test
    void perSecondRingHoldsEachSecondOfPacketTime() {
        IfaceCounters counters = new IfaceCounters(Long.MIN_VALUE, 5);
        counters.record(MIXED[0], 100 * SECOND + 100_000_000L); // in 60
        counters.record(MIXED[1], 100 * SECOND + 999_999_999L); // out 100
        counters.record(MIXED[3], 101 * SECOND); // unknown direction 42
        counters.record(MIXED[7], 103 * SECOND + 500_000_000L); // in 64
        long[] history = new long[IfaceCounters.RING_LONGS];
        long first = counters.readInto(new long[IfaceCounters.COUNTERS], history);
        assertEquals(100, first);
        assertEquals("""
                99 0 0 0 0 0 0
                100 2 160 60 100 1 1
                101 1 42 0 0 0 0
                102 0 0 0 0 0 0
                103 1 64 64 0 1 0
                104 0 0 0 0 0 0
                """, ring(history, 99, 104));
    }

    @Test
    void firstSeenSecondGivenAtConstructionIsKept() {
        IfaceCounters counters = new IfaceCounters(98, 5);
        counters.record(MIXED[0], 100 * SECOND);
        assertEquals(98, counters.readInto(new long[IfaceCounters.COUNTERS], null));
    }

    @Test
    void lateFrameCountsIntoItsSecondWhileTheRingStillHoldsIt() {
        IfaceCounters counters = new IfaceCounters(Long.MIN_VALUE, 5);
        counters.record(MIXED[0], 100 * SECOND); // 60
        counters.record(MIXED[1], 102 * SECOND); // 100
        counters.record(MIXED[7], 100 * SECOND + 900_000_000L); // late: 64 into second 100
        counters.record(MIXED[3], 102 * SECOND + 1); // the clock did not go back: 42 into 102
        counters.record(MIXED[0], 101 * SECOND + 5); // late into a second that had no frame: 60 into 101
        counters.record(MIXED[0], (102 - IfaceCounters.RING_SECONDS) * SECOND); // older than the ring: totals only
        long[] c = new long[IfaceCounters.COUNTERS];
        long[] history = new long[IfaceCounters.RING_LONGS];
        counters.readInto(c, history);
        assertEquals("""
                100 2 124 124 0 2 0
                101 1 60 60 0 1 0
                102 2 142 0 100 0 1
                """, ring(history, 100, 102));
        assertEquals(6, c[IfaceCounters.index(IfaceCounters.TOTAL, ALL, PACKETS)]);
    }

    @Test
    void aGapLongerThanTheRingLeavesNoStaleSeconds() {
        IfaceCounters counters = new IfaceCounters(Long.MIN_VALUE, 5);
        Frame big = frame(Frame.CLASS_NONIP, Frame.NONE, Frame.NONE, Frame.DIR_UNKNOWN, 1000, false, false);
        Frame small = frame(Frame.CLASS_NONIP, Frame.NONE, Frame.NONE, Frame.DIR_UNKNOWN, 10, false, false);
        counters.record(big, 100 * SECOND);
        counters.record(small, 164 * SECOND); // the same ring slot as 100
        counters.record(small, 300 * SECOND);
        counters.closeCurrentSecond();
        long[] c = new long[IfaceCounters.COUNTERS];
        long[] h = new long[IfaceCounters.RING_LONGS];
        long first = counters.readInto(c, h);
        String got = "100:" + Rates.valueAt(h, IfaceCounters.SLOT_BYTES, 100)
                + " 164:" + Rates.valueAt(h, IfaceCounters.SLOT_BYTES, 164)
                + " 300:" + Rates.valueAt(h, IfaceCounters.SLOT_BYTES, 300)
                + " avg@165:" + Rates.average(h, IfaceCounters.SLOT_BYTES, 165, first, 5)
                + " avg@200:" + Rates.average(h, IfaceCounters.SLOT_BYTES, 200, first, 5)
                + " avg@301:" + Rates.average(h, IfaceCounters.SLOT_BYTES, 301, first, 5)
                + " peak:" + Double.longBitsToDouble(c[IfaceCounters.PEAK_BYTES_PER_SECOND]);
        assertEquals("100:0 164:10 300:10 avg@165:2.0 avg@200:0.0 avg@301:2.0 peak:1000.0", got);
    }

    @Test
    void readerCopiesAreConsistentWhileTheWriterRecords() throws InterruptedException {
        IfaceCounters counters = new IfaceCounters(Long.MIN_VALUE, 5);
        int frames = 2_000_000;
        Thread writer = new Thread(() -> {
            for (int i = 0; i < frames; i++) {
                counters.record(MIXED[i % MIXED.length], 100 * SECOND + i * 1_000_000L);
            }
        }, "test-writer");
        AtomicReference<String> firstBroken = new AtomicReference<>();
        AtomicLong midRunCopies = new AtomicLong();
        Thread reader = new Thread(() -> {
            long[] c = new long[IfaceCounters.COUNTERS];
            long[] history = new long[IfaceCounters.RING_LONGS];
            long previousTotal = 0;
            while (writer.isAlive() && firstBroken.get() == null) {
                counters.readInto(c, history);
                long total = c[IfaceCounters.index(IfaceCounters.TOTAL, ALL, PACKETS)];
                if (total < frames) {
                    midRunCopies.incrementAndGet();
                }
                String broken = brokenIdentity(c);
                if (broken == null && total < previousTotal) {
                    broken = "total went back from " + previousTotal + " to " + total;
                }
                // frame i is stamped in second 100 + i / 1000. The ring is copied after the
                // counters, so the second before the newest one the counters saw is complete in
                // it (1000 frames), unless the writer has since reused that slot for a later second
                long previousSecond = 100 + (total - 1) / 1000 - 1;
                int slot = (int) (previousSecond & (IfaceCounters.RING_SECONDS - 1)) * IfaceCounters.SLOT_LONGS;
                boolean reused = history[slot + IfaceCounters.SLOT_SECOND] > previousSecond;
                long inPrevious = Rates.valueAt(history, IfaceCounters.SLOT_PACKETS, previousSecond);
                if (broken == null && previousSecond >= 100 && !reused && inPrevious != 1000) {
                    broken = "ring second " + previousSecond + " holds " + inPrevious + " frames, not 1000";
                }
                if (broken != null) {
                    firstBroken.set("copy " + midRunCopies.get() + ": " + broken);
                }
                previousTotal = total;
            }
        }, "test-reader");
        writer.start();
        reader.start();
        writer.join();
        reader.join();
        assertEquals(null, firstBroken.get());
        assertTrue(midRunCopies.get() > 0, "the reader took no copy while the writer ran");
        long[] c = new long[IfaceCounters.COUNTERS];
        counters.readInto(c, null);
        assertEquals(frames, c[IfaceCounters.index(IfaceCounters.TOTAL, ALL, PACKETS)]);
    }
}
