package dev.jtraf.capture;

import dev.jtraf.decode.Frame;
import dev.jtraf.decode.FrameDecoder;
import dev.jtraf.decode.LinkType;
import dev.jtraf.source.FrameSink;
import dev.jtraf.source.SourceException;
import dev.jtraf.stats.IfaceCounters;
import dev.jtraf.stats.InterfaceStats;
import dev.jtraf.stats.InterfaceTable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The packet path: decode a frame into one reused {@link Frame}, find its interface, count it.
 *
 * <p>Runs on the source's thread, which is thereby the single writer of every counter it
 * touches. After the source hands over the bytes nothing here allocates, except on the first
 * frame of an interface not seen before ({@link InterfaceResolver}, rare).
 *
 * <p>The clock of the dump's blocks is the frames' time: when a frame crosses an interval
 * boundary the {@link IntervalListener} is called on this thread before the frame is counted,
 * so a block can hold exactly the frames stamped before its boundary (live, a frame that
 * another CPU delivers late is in the next block). In replay idle gaps longer than one interval
 * produce one block, not one per empty interval.
 */
public final class FrameCounter implements FrameSink {
    /** Receives interval boundaries, on the writer thread. */
    public interface IntervalListener {
        /**
         * All frames stamped before {@code boundaryNanos} have been counted, none after; the
         * next frame, stamped {@code frameNanos}, may have crossed later boundaries too.
         */
        void intervalEnded(long boundaryNanos, long frameNanos);
    }

    private static final VarHandle FRAMES;
    private static final VarHandle LAST_TS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            FRAMES = l.findVarHandle(FrameCounter.class, "frames", long.class);
            LAST_TS = l.findVarHandle(FrameCounter.class, "lastTimestampNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Frame frame = new Frame();
    private final InterfaceTable table;
    private final InterfaceResolver resolver;
    private final long intervalNanos;
    private final IntervalListener listener;
    private final long frameLimit;
    private final Runnable onLimit;
    private long nextBoundary = Long.MIN_VALUE;
    /** A capture file declared an interface: live sources declare none ({@link FrameSink}). */
    private boolean fromFile;
    @SuppressWarnings("unused") // through FRAMES
    private long frames;
    @SuppressWarnings("unused") // through LAST_TS
    private long lastTimestampNanos = Long.MIN_VALUE;

    /**
     * @param table         where interfaces are looked up
     * @param resolver      names interfaces not in the table yet
     * @param intervalNanos replay interval for {@code listener}; ignored when it is null
     * @param listener      interval listener of a dump, or null (the dashboard and --daemon have none)
     * @param frameLimit    stop after this many counted frames (0 = no limit)
     * @param onLimit       called once, on the writer thread, when the limit is reached
     */
    public FrameCounter(InterfaceTable table, InterfaceResolver resolver, long intervalNanos,
            IntervalListener listener, long frameLimit, Runnable onLimit) {
        this.table = table;
        this.resolver = resolver;
        this.intervalNanos = intervalNanos;
        this.listener = listener;
        this.frameLimit = frameLimit;
        this.onLimit = onLimit;
    }

    @Override
    public void interfaceDeclared(int interfaceId, String name, int linkType) {
        fromFile = true;
        resolver.declared(interfaceId, name, linkType);
    }

    @Override
    public void frame(int interfaceId, int linkType, byte[] buf, int off, int capturedLength, int originalLength,
            long timestampNanos) {
        if (frameLimit != 0 && (long) FRAMES.get(this) >= frameLimit) {
            return; // --count was reached: a live batch still delivers the frames read with the last one
        }
        if (listener != null) {
            crossBoundaries(timestampNanos);
        }
        FrameDecoder.decode(linkType, buf, off, capturedLength, originalLength, frame);
        // Live, every frame is keyed by its ifindex, as discovery and Docker labels look rows up.
        // A capture file keys its own interfaces by id (from 0), and may also hold SLL2 frames
        // that name ifindexes (dumpcap -i any -i docker0): ifindex 2 is not the file's
        // interface 2, so there an ifindex is keyed ~ifindex, below zero. An SLL2 frame of a
        // file cut off before its ifindex (-1), or naming a negative one (damage), has no key in
        // that space: it counts on the interface that recorded it.
        int key = linkType != LinkType.LINUX_SLL2 ? interfaceId
                : !fromFile ? frame.ifindex
                : frame.ifindex >= 0 ? ~frame.ifindex : interfaceId;
        InterfaceStats stats = table.lookup(key);
        if (stats == null) {
            stats = resolver.resolve(key, linkType, timestampNanos);
        }
        LAST_TS.setOpaque(this, timestampNanos);
        if (stats == InterfaceTable.IGNORED) {
            return;
        }
        stats.counters().record(frame, timestampNanos);
        IfaceCounters own = stats.ownOut();
        if (own != null && frame.direction == Frame.DIR_OUT && frame.linkSource == stats.ownMac()) {
            own.record(frame, timestampNanos); // a bridge port's own transmission (host total)
        }
        long n = (long) FRAMES.get(this) + 1;
        FRAMES.setOpaque(this, n);
        if (n == frameLimit && onLimit != null) {
            onLimit.run();
        }
    }

    /**
     * Makes the first interval boundary the first one after {@code nanos} rather than after the
     * first frame's time: live, where blocks follow the wall clock from the start of the run, so
     * that a first frame that comes after a boundary is seen crossing it. Before the source runs.
     */
    public void startIntervalsAt(long nanos) {
        nextBoundary = (Math.floorDiv(nanos, intervalNanos) + 1) * intervalNanos;
    }

    private void crossBoundaries(long ts) {
        if (nextBoundary == Long.MIN_VALUE) {
            nextBoundary = (Math.floorDiv(ts, intervalNanos) + 1) * intervalNanos;
        } else if (ts >= nextBoundary) {
            listener.intervalEnded(nextBoundary, ts);
            nextBoundary = ts >= nextBoundary + intervalNanos
                    ? (Math.floorDiv(ts, intervalNanos) + 1) * intervalNanos
                    : nextBoundary + intervalNanos;
        }
    }

    /**
     * After a capture file was read to its end (not stopped): why the interface selection
     * missed, or null; null too once {@code frameLimit} frames were counted, which may have
     * ended the file early. Writer thread, after the source returned.
     */
    public SourceException afterEnd() {
        return frameLimit > 0 && (long) FRAMES.get(this) >= frameLimit ? null : resolver.afterEnd();
    }

    /**
     * Ends the input: closes every interface's current second so its peak counts. Writer
     * thread, after the source returned.
     */
    public void finish() {
        for (InterfaceStats s : table.all()) {
            s.counters().closeCurrentSecond();
            if (s.ownOut() != null) {
                s.ownOut().closeCurrentSecond();
            }
        }
    }

    /** Frames counted so far. Any thread. */
    public long frames() {
        return (long) FRAMES.getOpaque(this);
    }

    /** Timestamp of the newest frame seen, or {@code Long.MIN_VALUE}. Any thread. */
    public long lastTimestampNanos() {
        return (long) LAST_TS.getOpaque(this);
    }
}
