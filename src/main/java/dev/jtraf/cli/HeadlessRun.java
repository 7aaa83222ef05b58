package dev.jtraf.cli;

import dev.jtraf.capture.CaptureRun;
import dev.jtraf.source.SourceException;
import dev.jtraf.stats.Snapshot;
import dev.jtraf.view.Printable;
import dev.jtraf.view.dump.DumpOutput;
import dev.jtraf.view.dump.DumpWriter;
import java.time.Duration;
import java.util.TreeMap;

/**
 * The headless dump: blocks at interval boundaries (wall clock live, packet time in replay),
 * then the cumulative totals as the last block, whatever ends the run: end of file,
 * --duration, --count, a damaged file, SIGINT/SIGTERM, or a closed output pipe.
 */
final class HeadlessRun {
    private static final long NANOS = 1_000_000_000L;

    private final long intervalNanos;
    private final Long durationSeconds;
    private volatile boolean stopRequested;
    private CaptureRun run;
    private DumpWriter writer;

    // live cuts (see liveIntervalEnded), all under cutLock
    private static final int MAX_PENDING_CUTS = 8;
    private final Object cutLock = new Object();
    /** The latest boundary cut, by either thread. */
    private long cutUpTo = Long.MIN_VALUE;
    /** Cuts the capture thread took, until the main thread writes them. */
    private final TreeMap<Long, Snapshot> cuts = new TreeMap<>();

    HeadlessRun(int intervalSeconds, Long durationSeconds) {
        this.intervalNanos = intervalSeconds * NANOS;
        this.durationSeconds = durationSeconds;
    }

    /** Replay: called on the capture thread when packet time crosses a boundary. */
    void replayIntervalEnded(long boundaryNanos, long frameNanos) {
        writer.block(cutAt(boundaryNanos), false);
        if (writer.failed()) {
            run.stop();
        }
    }

    /**
     * Live: called on the capture thread before it counts the first frame stamped at or after
     * a boundary. A live block's counts are cut here, at that moment, as a replay's are: the
     * main thread writes the block {@link CaptureRun#LIVE_GRACE_MILLIS} after the boundary
     * (frames another CPU delivers late are in the rates by then), and it used to read the
     * counts then too, which held up to that grace's worth of later frames. Where no frame came
     * after a boundary by then, the main thread cuts it itself ({@link #liveCut}). Cuts are taken
     * under {@link #cutLock}, so the capture thread cannot count a frame past a boundary while
     * the main thread is cutting it (it waits microseconds, at most once per interval).
     */
    void liveIntervalEnded(long boundaryNanos, long frameNanos) {
        // a frame stamped ahead of the wall clock (a clock step) cuts no boundary that has not come yet
        long wallBoundary = Math.floorDiv(System.currentTimeMillis() * 1_000_000L, intervalNanos) * intervalNanos;
        long latest = Math.min(Math.floorDiv(frameNanos, intervalNanos) * intervalNanos, wallBoundary);
        if (latest < boundaryNanos) {
            return;
        }
        synchronized (cutLock) {
            // every boundary this frame crossed that nobody has cut yet (one, or a few after a stall)
            long oldest = (latest - boundaryNanos) / intervalNanos > MAX_PENDING_CUTS
                    ? latest - MAX_PENDING_CUTS * intervalNanos : boundaryNanos; // no overflow for long intervals
            long from = Math.max(oldest, cutUpTo + intervalNanos);
            for (long b = from; b <= latest; b += intervalNanos) {
                cuts.put(b, cutAt(b));
            }
            cutUpTo = Math.max(cutUpTo, latest);
            while (cuts.size() > MAX_PENDING_CUTS) {
                cuts.pollFirstEntry(); // the main thread is held up (a reader that stopped reading): keep the newest
            }
        }
    }

    /**
     * Live, main thread: the block of {@code boundary}, cut by the capture thread or now (see
     * {@link #liveIntervalEnded}); null to skip it, where only a later boundary's cut is waiting
     * (the main thread was held up for longer than the cuts kept): counts taken now would be
     * higher than that later block's.
     */
    Snapshot liveCut(long boundary) {
        synchronized (cutLock) {
            Snapshot s = cuts.remove(boundary);
            cuts.headMap(boundary).clear(); // boundaries the main thread skipped (it was held up)
            if (s == null && !cuts.isEmpty()) {
                return null;
            }
            if (s == null) {
                // no frame since the boundary: the counts now are its counts (else: a cut that
                // a stall skipped, counted now, which is the best left)
                s = cutAt(boundary);
                cutUpTo = Math.max(cutUpTo, boundary);
            }
            return s;
        }
    }

    /** For tests: the run whose counts are cut, when {@link #run} does not set it. */
    void cutsOf(CaptureRun captureRun) {
        this.run = captureRun;
    }

    /** For tests: cuts taken by the capture thread and not yet written. */
    int pendingCuts() {
        synchronized (cutLock) {
            return cuts.size();
        }
    }

    private Snapshot cutAt(long boundary) {
        return run.snapshotAt(boundary, Math.floorDiv(boundary, NANOS), false);
    }

    /** @param docker checked for a change at every wake-up of a live run (at most 200 ms apart); null without Docker */
    int run(CaptureRun captureRun, DumpWriter dumpWriter, DumpOutput output, DockerNotice docker) {
        this.run = captureRun;
        this.writer = dumpWriter;
        SignalStop signals = new SignalStop(this::onSignal);
        try {
            long liveStart = System.currentTimeMillis() * 1_000_000L;
            if (run.isLive()) {
                run.counter().startIntervalsAt(liveStart); // the capture thread's first boundary is the loop's
            }
            run.start();
            if (run.isLive()) {
                liveLoop(liveStart, docker);
            } else {
                while (!run.awaitEnd(Duration.ofMillis(200)) && !stopRequested) {
                    // replay blocks are written by the capture thread itself
                }
            }
            run.close();
            SourceException failure = run.failure();
            if (!run.readNothing()) {
                // a file that could not be read at all (not a capture, unsupported) gets only its
                // line; one damaged before its first frame, or whose -i names matched nothing, gets
                // its zero totals too ("everything readable was counted and printed"), without a
                // time if it had no frame to take one from
                boolean timeKnown = run.isLive() || run.counter().lastTimestampNanos() != Long.MIN_VALUE;
                writer.block(run.snapshot(false), true, timeKnown);
            }
            if (failure != null) {
                System.err.println("jtraf: " + Printable.of(failure.getMessage()));
            }
            String unwritten = output.problem();
            if (unwritten != null) {
                System.err.println("jtraf: cannot write the dump to standard output: " + unwritten + "; the dump is incomplete"
                        + DumpOutput.hint(unwritten));
                signals.keepExitCode(ExitCodes.OUTPUT_FAILED);
                return ExitCodes.OUTPUT_FAILED;
            }
            return failure != null ? ExitCodes.of(failure) : ExitCodes.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.INTERNAL;
        } finally {
            signals.close();
        }
    }

    private void liveLoop(long start, DockerNotice docker) throws InterruptedException {
        long deadline = durationSeconds == null ? Long.MAX_VALUE : start + durationSeconds * NANOS;
        long boundary = (Math.floorDiv(start, intervalNanos) + 1) * intervalNanos;
        long grace = CaptureRun.LIVE_GRACE_MILLIS * 1_000_000L;
        while (!stopRequested) {
            long now = System.currentTimeMillis() * 1_000_000L;
            if (now >= deadline) {
                return;
            }
            long wake = Math.min(boundary + grace, deadline);
            if (wake > now && run.awaitEnd(Duration.ofNanos(Math.min(wake - now, 200_000_000L)))) {
                return;
            }
            if (docker != null) {
                docker.check(); // between blocks: its line never splits one
            }
            now = System.currentTimeMillis() * 1_000_000L;
            if (now >= boundary + grace && boundary <= deadline) {
                Snapshot cut = liveCut(boundary);
                if (cut != null) {
                    writer.block(cut, false);
                }
                if (writer.failed()) {
                    return;
                }
                boundary = Math.max(boundary + intervalNanos, (Math.floorDiv(now - grace, intervalNanos) + 1) * intervalNanos);
            }
        }
    }

    /** SIGINT/SIGTERM: stop capturing and let the main thread print the final totals. */
    private void onSignal() {
        stopRequested = true;
        CaptureRun r = run;
        if (r != null) {
            r.stop();
        }
    }
}
