package dev.jtraf.cli;

import dev.jtraf.capture.CaptureRun;
import dev.jtraf.source.SourceException;
import dev.jtraf.view.Printable;
import dev.jtraf.view.dump.DumpOutput;
import dev.jtraf.view.dump.DumpWriter;
import java.time.Duration;

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

    HeadlessRun(int intervalSeconds, Long durationSeconds) {
        this.intervalNanos = intervalSeconds * NANOS;
        this.durationSeconds = durationSeconds;
    }

    /** Replay: called on the capture thread when packet time crosses a boundary. */
    void replayIntervalEnded(long boundaryNanos) {
        writer.block(run.snapshotAt(boundaryNanos, Math.floorDiv(boundaryNanos, NANOS), false), false);
        if (writer.failed()) {
            run.stop();
        }
    }

    int run(CaptureRun captureRun, DumpWriter dumpWriter, DumpOutput output) {
        this.run = captureRun;
        this.writer = dumpWriter;
        SignalStop signals = new SignalStop(this::onSignal);
        try {
            run.start();
            if (run.isLive()) {
                liveLoop();
            } else {
                while (!run.awaitEnd(Duration.ofMillis(200)) && !stopRequested) {
                    // replay blocks are written by the capture thread itself
                }
            }
            run.close();
            SourceException failure = run.failure();
            if (failure == null || !run.table().all().isEmpty()) {
                // a file that could not be read at all has no interfaces: no zero block, just the line
                writer.block(run.snapshot(false), true);
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

    private void liveLoop() throws InterruptedException {
        long start = System.currentTimeMillis() * 1_000_000L;
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
            now = System.currentTimeMillis() * 1_000_000L;
            if (now >= boundary + grace && boundary <= deadline) {
                writer.block(run.snapshotAt(boundary, Math.floorDiv(boundary, NANOS), false), false);
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
