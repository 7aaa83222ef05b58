package dev.jtraf.capture;

import dev.jtraf.source.PacketSource;
import dev.jtraf.source.PcapLiveSource;
import dev.jtraf.source.SourceException;
import dev.jtraf.stats.InterfaceLabels;
import dev.jtraf.stats.InterfaceTable;
import dev.jtraf.stats.Snapshot;
import dev.jtraf.stats.Snapshots;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads and lifecycle of one capture: the capture thread (the source's {@code run}, single
 * writer of all counters), and for live sources the discovery thread that follows interfaces
 * coming and going. Views read {@link #snapshot}s; nothing here draws.
 *
 * <p>Time: live, the wall clock, and a second is complete {@value #LIVE_GRACE_MILLIS} ms after
 * it ended (libpcap hands frames over up to one buffer timeout, 100 ms, late). Replay, the
 * newest frame's timestamp; at end of input the last second counts as complete.
 */
public final class CaptureRun implements AutoCloseable {
    /**
     * How long a gone interface keeps its row, live (the dashboard and the metrics drop it after
     * one minute, the dump then): after that only the totals keep its counts
     * ({@link Snapshots#forgetGone}).
     */
    public static final long GONE_KEPT_NANOS = 300_000_000_000L;

    /** How long after a second ends, live, before it counts as complete. */
    public static final long LIVE_GRACE_MILLIS = 250;

    private static final Logger LOG = LoggerFactory.getLogger(CaptureRun.class);
    private static final long DISCOVERY_PERIOD_NANOS = 500_000_000L;

    private final PacketSource source;
    private final FrameCounter counter;
    private final InterfaceTable table;
    private final LiveInterfaces live;
    private final Snapshots snapshots;
    private final InterfaceLabels labels;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread captureThread;
    private Thread discoveryThread;
    private volatile SourceException failure;
    private volatile boolean inputEnded;
    private volatile boolean closing;
    /** {@link #stop} or {@link #close} was called: a replay that returns did not reach its end. */
    private volatile boolean stopRequested;

    /**
     * @param live the live interface follower, or null for replay
     */
    public CaptureRun(PacketSource source, FrameCounter counter, InterfaceTable table, LiveInterfaces live,
            int windowSeconds) {
        this(source, counter, table, live, windowSeconds, null);
    }

    /**
     * @param live   the live interface follower, or null for replay
     * @param labels what each interface is (container, network, role), or null if unknown; with
     *               it, snapshots carry the host total counted once
     */
    public CaptureRun(PacketSource source, FrameCounter counter, InterfaceTable table, LiveInterfaces live,
            int windowSeconds, InterfaceLabels labels) {
        this.source = source;
        this.counter = counter;
        this.table = table;
        this.live = live;
        this.labels = labels == null ? InterfaceLabels.NONE : labels;
        this.snapshots = new Snapshots(table, windowSeconds, labels);
        this.captureThread = new Thread(this::captureLoop, "jtraf-capture");
        this.captureThread.setDaemon(true);
    }

    /** Starts capturing (and, live, following interfaces). */
    public void start() {
        if (live != null) {
            live.scan(wallNanos());
            discoveryThread = new Thread(this::discoveryLoop, "jtraf-discovery");
            discoveryThread.setDaemon(true);
            discoveryThread.start();
        }
        captureThread.start();
    }

    private void captureLoop() {
        try {
            source.run(counter);
            if (!stopRequested && !source.isLive()) {
                failure = counter.afterEnd();
            }
        } catch (SourceException e) {
            failure = e;
        } catch (RuntimeException | Error e) {
            LOG.error("capture thread failed", e);
            failure = new SourceException(SourceException.Kind.INTERNAL, "internal error in the capture thread: "
                    + e + " (details in the log file)", e);
        } finally {
            try {
                counter.finish();
            } finally {
                inputEnded = true;
                ended.countDown();
            }
        }
    }

    private void discoveryLoop() {
        while (!closing && ended.getCount() > 0) {
            LockSupport.parkNanos(DISCOVERY_PERIOD_NANOS);
            try {
                long now = wallNanos();
                live.scan(now);
                snapshots.forgetGone(now - GONE_KEPT_NANOS);
                if (source instanceof PcapLiveSource) {
                    ((PcapLiveSource) source).sampleStatistics();
                }
            } catch (RuntimeException e) {
                LOG.warn("interface scan failed", e);
            }
        }
    }

    /** Asks the source to stop; {@link #awaitEnd} tells when it has. Any thread. */
    public void stop() {
        stopRequested = true;
        source.stop();
    }

    /** Waits for the capture thread to finish; true if it did within {@code timeout}. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** True once the source ended (end of file, stop, or failure). */
    public boolean hasEnded() {
        return inputEnded;
    }

    /** Why the source ended early, or null. */
    public SourceException failure() {
        return failure;
    }

    /**
     * A replay that ended without a row to show because its file could not be read at all (not
     * a capture, or no interface of a link type jtraf decodes): it has only its error line to
     * give. Not one damaged before its first frame, nor one whose {@code -i} names matched none of
     * its interfaces: those were read, and their (zero) totals are what they hold; nor one with a
     * decodable interface beside undecodable ones, even a silent one (its row of zeros).
     */
    public boolean readNothing() {
        SourceException f = failure;
        return !isLive() && f != null && f.kind() != SourceException.Kind.DAMAGED_FILE
                && f.kind() != SourceException.Kind.NO_SUCH_INTERFACE && table.all().isEmpty();
    }

    public PacketSource source() {
        return source;
    }

    public FrameCounter counter() {
        return counter;
    }

    public InterfaceTable table() {
        return table;
    }

    /** What each interface is (container, network, role); {@link InterfaceLabels#NONE} if unknown. */
    public InterfaceLabels labels() {
        return labels;
    }

    public boolean isLive() {
        return source.isLive();
    }

    /**
     * The current moment of the source's clock, epoch ns: live the wall clock; in replay the
     * last frame's time, or a paced replay's clock where it ran on into a gap, until the file
     * has ended: then the last frame's time, whatever the pace (the final block's time).
     */
    public long nowNanos() {
        if (source.isLive()) {
            return wallNanos();
        }
        long last = counter.lastTimestampNanos();
        if (inputEnded && last != Long.MIN_VALUE) {
            return last;
        }
        long position = source.positionNanos(); // a paced replay's clock runs on through a gap
        return Math.max(last == Long.MIN_VALUE ? 0 : last, position);
    }

    /** Seconds before this one are complete (see the class comment). */
    public long completeBeforeSecond() {
        if (source.isLive()) {
            return Math.floorDiv(wallNanos() - LIVE_GRACE_MILLIS * 1_000_000L, 1_000_000_000L);
        }
        long last = counter.lastTimestampNanos();
        if (last == Long.MIN_VALUE) {
            return 0;
        }
        long second = Math.floorDiv(last, 1_000_000_000L);
        if (inputEnded) {
            // the last frame's second is complete, and no recorded time passes after the end of
            // the file, however long a paced replay's clock runs on: the Activity stays as it ended
            return second + 1;
        }
        long position = source.positionNanos();
        // seconds a paced replay's clock has passed are complete too: their Activity falls in a gap
        long passed = position == Long.MIN_VALUE ? second : Math.floorDiv(position, 1_000_000_000L);
        return Math.max(second, passed);
    }

    /** A snapshot now (source clock). Any thread. */
    public Snapshot snapshot(boolean withHistory) {
        return snapshots.take(nowNanos(), completeBeforeSecond(), source.captureDrops(), counter.frames(),
                withHistory);
    }

    /** A snapshot stamped with an explicit time and completeness (replay interval blocks). */
    public Snapshot snapshotAt(long timeNanos, long completeBeforeSecond, boolean withHistory) {
        return snapshots.take(timeNanos, completeBeforeSecond, source.captureDrops(), counter.frames(), withHistory);
    }

    /** Stops everything in the safe order: breakLoop, join, close. Idempotent. */
    @Override
    public void close() {
        closing = true;
        stopRequested = true;
        source.stop();
        try {
            if (!ended.await(5, TimeUnit.SECONDS)) {
                LOG.warn("capture thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (discoveryThread != null) {
            LockSupport.unpark(discoveryThread);
            try {
                discoveryThread.join(2000); // it may be reading pcap statistics: never close under it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ended.getCount() == 0) {
            source.close();
        }
    }

    static long wallNanos() {
        return System.currentTimeMillis() * 1_000_000L;
    }
}
