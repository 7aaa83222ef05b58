package dev.jtraf.stats;

import dev.jtraf.decode.Frame;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Cumulative counters and per-second history of one interface.
 *
 * <p><b>Single writer:</b> the capture thread of the source that delivers this interface's
 * frames calls {@link #record}; it never waits. <b>Readers</b> (views, the dump, metrics) call
 * {@link #readInto}, a seqlock read that returns a consistent copy in which
 * {@code Total = IPv4 + IPv6 + NonIP} holds exactly; readers retry, the writer never does.
 *
 * <p>Counter layout (index into the array {@link #readInto} fills):
 * <pre>
 *   (category * 3 + direction) * 2 + metric
 *   category  0 TOTAL 1 IPV4 2 IPV6 3 TCP 4 UDP 5 ICMP 6 OTHER_IP 7 NONIP 8 BROADCAST 9 MULTICAST
 *   direction 0 ALL   1 IN   2 OUT
 *   metric    0 packets 1 bytes
 *   60 BADIP  61 TRUNCATED  62 peak bytes/s (double bits)  63 peak packets/s (double bits)
 * </pre>
 * The category numbers equal {@link Frame}'s class constants, so counting is array indexing.
 *
 * <p>History: a ring of {@value #RING_SECONDS} one-second slots keyed by the packet timestamp's
 * whole second, each slot {@value #SLOT_LONGS} longs: second, packets, bytes, in bytes, out
 * bytes, in packets, out packets, spare.
 */
public final class IfaceCounters {
    public static final int TOTAL = 0;
    public static final int IPV4 = Frame.CLASS_IPV4;
    public static final int IPV6 = Frame.CLASS_IPV6;
    public static final int TCP = Frame.PROTO_TCP;
    public static final int UDP = Frame.PROTO_UDP;
    public static final int ICMP = Frame.PROTO_ICMP;
    public static final int OTHER_IP = Frame.PROTO_OTHER;
    public static final int NONIP = Frame.CLASS_NONIP;
    public static final int BROADCAST = Frame.CAST_BROADCAST;
    public static final int MULTICAST = Frame.CAST_MULTICAST;
    public static final int CATEGORIES = 10;

    public static final int ALL = 0;
    public static final int IN = Frame.DIR_IN;
    public static final int OUT = Frame.DIR_OUT;

    public static final int PACKETS = 0;
    public static final int BYTES = 1;

    public static final int BADIP = 60;
    public static final int TRUNCATED = 61;
    public static final int PEAK_BYTES_PER_SECOND = 62;
    public static final int PEAK_PACKETS_PER_SECOND = 63;
    /** Length of the array {@link #readInto} fills with counters. */
    public static final int COUNTERS = 64;

    /** History length; views may look back at most {@code RING_SECONDS - 4} complete seconds. */
    public static final int RING_SECONDS = 64;
    public static final int SLOT_LONGS = 8;
    public static final int SLOT_SECOND = 0;
    public static final int SLOT_PACKETS = 1;
    public static final int SLOT_BYTES = 2;
    public static final int SLOT_IN_BYTES = 3;
    public static final int SLOT_OUT_BYTES = 4;
    public static final int SLOT_IN_PACKETS = 5;
    public static final int SLOT_OUT_PACKETS = 6;
    /** Length of the array {@link #readInto} fills with history. */
    public static final int RING_LONGS = RING_SECONDS * SLOT_LONGS;

    /** Longest averaging window, in seconds, that views may ask of the history. */
    public static final int MAX_WINDOW = RING_SECONDS - 4;

    /** Seqlock attempts before a reader asks the writer for a copy. */
    private static final int SPIN_ATTEMPTS = 64;
    private static final int PAD = 16; // 128 bytes each side against false sharing with other objects
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle SEQ;

    static {
        try {
            SEQ = MethodHandles.lookup().findVarHandle(IfaceCounters.class, "seq", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long[] counters = new long[PAD + COUNTERS + PAD];
    private final long[] ring = new long[RING_LONGS];
    private final int window;
    /** A copy of the counters made by the writer at a reader's request (see {@link #readInto}). */
    private final long[] published = new long[COUNTERS];
    /** Odd while the writer fills {@link #published}; advances by 2 per copy. Writer-written. */
    private volatile long publishedVersion;
    /** Set by a reader that could not get a seqlock read; cleared by the writer. */
    private volatile boolean copyRequested;
    @SuppressWarnings("unused") // accessed through SEQ
    private volatile long seq;
    /** Writer-owned: the second currently being filled, Long.MIN_VALUE before the first frame. */
    private long currentSecond = Long.MIN_VALUE;
    /**
     * Writer-owned: the oldest second a late frame was counted into since the clock last moved
     * on, or {@code Long.MAX_VALUE}: the windows that hold it were taken into the peaks before
     * that frame came, and are taken again when the clock moves on.
     */
    private long lateSecond = Long.MAX_VALUE;
    /** Set once by the writer (or at construction); readers use it through the snapshot. */
    private volatile long firstSecond;

    /**
     * @param firstSeenSecond the whole second (epoch, source clock) the interface was first seen,
     *                        or {@code Long.MIN_VALUE} to take the first frame's second
     * @param windowSeconds   the Activity averaging window N used for the peak (1..{@link #MAX_WINDOW})
     */
    public IfaceCounters(long firstSeenSecond, int windowSeconds) {
        this.firstSecond = firstSeenSecond;
        this.window = windowSeconds;
        for (int i = 0; i < RING_SECONDS; i++) {
            ring[i * SLOT_LONGS] = Long.MIN_VALUE;
        }
    }

    /** The whole second the interface was first seen, or {@code Long.MIN_VALUE} if not yet. */
    public long firstSecond() {
        return firstSecond;
    }

    /** Counts one decoded frame stamped {@code timestampNanos} (epoch). Writer thread only. */
    public void record(Frame f, long timestampNanos) {
        long second = Math.floorDiv(timestampNanos, 1_000_000_000L);
        long s = (long) SEQ.get(this);
        SEQ.setOpaque(this, s + 1);
        VarHandle.storeStoreFence();
        int dir = f.direction;
        long len = f.wireLength;
        add(TOTAL, dir, len);
        add(f.netClass, dir, len);
        if (f.transport > 0) {
            add(f.transport, dir, len);
        }
        if (f.linkCast > 0) {
            add(f.linkCast, dir, len);
        }
        if (f.badIp) {
            bump(BADIP, 1);
        }
        if (f.truncated) {
            bump(TRUNCATED, 1);
        }
        if (second != currentSecond) {
            rollTo(second);
        }
        int slot = (int) (second & (RING_SECONDS - 1)) * SLOT_LONGS;
        if (ring[slot + SLOT_SECOND] == second) {
            bumpRing(slot + SLOT_PACKETS, 1);
            bumpRing(slot + SLOT_BYTES, len);
            if (dir == IN) {
                bumpRing(slot + SLOT_IN_BYTES, len);
                bumpRing(slot + SLOT_IN_PACKETS, 1);
            } else if (dir == OUT) {
                bumpRing(slot + SLOT_OUT_BYTES, len);
                bumpRing(slot + SLOT_OUT_PACKETS, 1);
            }
        }
        SEQ.setRelease(this, s + 2);
        if (copyRequested) {
            publishCopy();
        }
    }

    /**
     * Closes the current second (updating the peaks with the window that ends after it) when
     * the clock moves on. Called by the writer at the end of a replay, so the last second's
     * peak counts; a no-op before the first frame.
     */
    public void closeCurrentSecond() {
        if (currentSecond == Long.MIN_VALUE) {
            return;
        }
        long s = (long) SEQ.get(this);
        SEQ.setOpaque(this, s + 1);
        VarHandle.storeStoreFence();
        updatePeaks(currentSecond + 1);
        SEQ.setRelease(this, s + 2);
    }

    private void rollTo(long second) {
        if (currentSecond == Long.MIN_VALUE) {
            if (firstSecond == Long.MIN_VALUE) {
                firstSecond = second;
            }
        } else if (second > currentSecond) {
            updatePeaks(currentSecond + 1);
        } else if (second < currentSecond) {
            // A late frame from an earlier second (multi-CPU capture) never moves the clock
            // back. It is counted into its second's slot, which starts now if that second had
            // no frame before; unless the ring has reused the slot for a later second (the
            // frame is then older than the ring: the totals have it, the rates cannot).
            int slot = (int) (second & (RING_SECONDS - 1)) * SLOT_LONGS;
            if (ring[slot + SLOT_SECOND] < second) {
                startSlot(slot, second);
            }
            if (ring[slot + SLOT_SECOND] == second) {
                lateSecond = Math.min(lateSecond, second);
            }
            return;
        }
        currentSecond = second;
        startSlot((int) (second & (RING_SECONDS - 1)) * SLOT_LONGS, second);
    }

    private void startSlot(int slot, long second) {
        for (int i = 1; i < SLOT_LONGS; i++) {
            LONGS.setOpaque(ring, slot + i, 0L);
        }
        LONGS.setOpaque(ring, slot + SLOT_SECOND, second);
    }

    /**
     * The Activity peak can only be reached by a window whose newest second had traffic, so
     * evaluating the window that ends right after each active second, when the writer leaves
     * it, finds the exact maximum without any per-packet work; with the windows a late frame
     * changed after they were taken. The second the writer has not left yet is the readers'
     * part ({@link Snapshots}).
     */
    private void updatePeaks(long endSecondExclusive) {
        double bytes = Rates.average(ring, SLOT_BYTES, endSecondExclusive, firstSecond, window);
        double packets = Rates.average(ring, SLOT_PACKETS, endSecondExclusive, firstSecond, window);
        long late = lateSecond;
        lateSecond = Long.MAX_VALUE;
        if (late != Long.MAX_VALUE && late >= endSecondExclusive - RING_SECONDS) {
            // the windows that hold the late frame's second (at most N of them; a frame older
            // than the ring is in the totals only, and a damaged file's clock may jump back years)
            long lastEnd = Math.min(late + window, endSecondExclusive - 1);
            bytes = Math.max(bytes, Rates.highestAverage(ring, SLOT_BYTES, late + 1, lastEnd, firstSecond, window));
            packets = Math.max(packets, Rates.highestAverage(ring, SLOT_PACKETS, late + 1, lastEnd, firstSecond, window));
        }
        if (bytes > Double.longBitsToDouble(counters[PAD + PEAK_BYTES_PER_SECOND])) {
            LONGS.setOpaque(counters, PAD + PEAK_BYTES_PER_SECOND, Double.doubleToRawLongBits(bytes));
        }
        if (packets > Double.longBitsToDouble(counters[PAD + PEAK_PACKETS_PER_SECOND])) {
            LONGS.setOpaque(counters, PAD + PEAK_PACKETS_PER_SECOND, Double.doubleToRawLongBits(packets));
        }
    }

    private void add(int category, int dir, long len) {
        int base = PAD + category * 6;
        LONGS.setOpaque(counters, base, counters[base] + 1);
        LONGS.setOpaque(counters, base + 1, counters[base + 1] + len);
        if (dir != 0) {
            int d = base + dir * 2;
            LONGS.setOpaque(counters, d, counters[d] + 1);
            LONGS.setOpaque(counters, d + 1, counters[d + 1] + len);
        }
    }

    private void bump(int index, long n) {
        LONGS.setOpaque(counters, PAD + index, counters[PAD + index] + n);
    }

    private void bumpRing(int index, long n) {
        LONGS.setOpaque(ring, index, ring[index] + n);
    }

    /**
     * Copies a consistent view of the counters ({@link #COUNTERS} longs) and, if
     * {@code history} is non-null, the ring ({@link #RING_LONGS} longs). Any thread.
     *
     * <p>The counters copy is exact: the identities of the class comment hold in it. First a
     * seqlock read; if the writer is so busy that no attempt finds it between two frames, the
     * reader asks the writer to publish a copy at its next frame boundary and takes that (the
     * writer pays one copy per request, never a wait). The history copy is not seqlocked: only
     * the slot of the second being written can be mid-update, and rates never read that one.
     *
     * @return the first second (see {@link #firstSecond()}) consistent with the copy
     */
    public long readInto(long[] out, long[] history) {
        for (int attempt = 0; ; attempt++) {
            if (tryReadCounters(out) || (attempt >= SPIN_ATTEMPTS && takePublishedCopy(out))) {
                break;
            }
            Thread.onSpinWait();
        }
        // after the counters, so every second before the newest one they saw is complete here
        if (history != null) {
            for (int i = 0; i < RING_LONGS; i++) {
                history[i] = (long) LONGS.getOpaque(ring, i);
            }
        }
        return firstSecond;
    }

    private boolean tryReadCounters(long[] out) {
        long before = (long) SEQ.getAcquire(this);
        if ((before & 1) != 0) {
            return false;
        }
        for (int i = 0; i < COUNTERS; i++) {
            out[i] = (long) LONGS.getOpaque(counters, PAD + i);
        }
        VarHandle.loadLoadFence();
        return (long) SEQ.getOpaque(this) == before;
    }

    /** Requests a writer-made copy and takes it once published; false to try the seqlock again. */
    private boolean takePublishedCopy(long[] out) {
        long version = publishedVersion;
        copyRequested = true;
        for (int wait = 0; wait < 10_000; wait++) {
            long now = publishedVersion;
            if (now != version && (now & 1) == 0) {
                for (int i = 0; i < COUNTERS; i++) {
                    out[i] = (long) LONGS.getOpaque(published, i);
                }
                VarHandle.loadLoadFence();
                if (publishedVersion == now) {
                    return true;
                }
            }
            if ((wait & 63) == 63 && tryReadCounters(out)) {
                return true; // the writer went idle (end of input, quiet link): no copy will come
            }
            Thread.onSpinWait();
        }
        return false;
    }

    /** Writer: publishes a consistent copy for a waiting reader, between two frames. */
    private void publishCopy() {
        long v = publishedVersion;
        publishedVersion = v + 1;
        VarHandle.storeStoreFence();
        for (int i = 0; i < COUNTERS; i++) {
            LONGS.setOpaque(published, i, counters[PAD + i]);
        }
        copyRequested = false;
        publishedVersion = v + 2;
    }

    /** Index of a (category, direction, metric) counter in the array {@link #readInto} fills. */
    public static int index(int category, int direction, int metric) {
        return (category * 3 + direction) * 2 + metric;
    }
}
