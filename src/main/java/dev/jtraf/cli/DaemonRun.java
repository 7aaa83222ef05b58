package dev.jtraf.cli;

import dev.jtraf.capture.CaptureRun;
import dev.jtraf.metrics.MetricsServer;
import dev.jtraf.source.SourceException;
import dev.jtraf.view.Printable;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --daemon}: no terminal, only the metrics endpoint, until SIGTERM or SIGINT. Live it
 * also ends with --duration, --count or a failed capture; a replay keeps serving its totals
 * after the end of the file (a damaged file: what was readable) until signalled, except a file
 * that could not be read at all, which ends it at once with its line and exit code. One line on
 * stderr says where it serves, and one each time container names go out of date mid-run or are
 * current again ({@link DockerNotice}); everything else goes to the log file. Stopped by SIGTERM or
 * SIGINT, its normal end, it exits 0, or with the code of a failure it met (a damaged file: 5),
 * not with 128 + signal: a service manager ({@code systemctl stop}) then sees a clean stop.
 */
final class DaemonRun {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonRun.class);
    private static final long NANOS = 1_000_000_000L;

    private final CountDownLatch stop = new CountDownLatch(1);

    private DaemonRun() {
    }

    /** @param docker checked for a change every 200 ms; null without Docker (a replay) */
    static int run(CaptureRun run, MetricsServer server, Long durationSeconds, DockerNotice docker) {
        return new DaemonRun().serve(run, server, durationSeconds, docker);
    }

    private int serve(CaptureRun run, MetricsServer server, Long durationSeconds, DockerNotice docker) {
        SignalStop signals = new SignalStop(stop::countDown);
        try {
            run.start();
            if (!run.isLive()) {
                // a replay's file is opened and its header read first (milliseconds; at most 1 s, for a
                // pipe that is slow to start): one that cannot be read at all gets its line, not the
                // serving line before it
                long until = System.nanoTime() + NANOS;
                while (!run.awaitEnd(Duration.ofMillis(5)) && run.table().all().isEmpty()
                        && System.nanoTime() - until < 0) {
                    // the first interface, or the end
                }
            }
            if (!(run.hasEnded() && run.readNothing())) {
                System.err.println("jtraf: serving metrics on " + server.url());
            }
            LOG.info("daemon started: {} capture, metrics on {}", run.isLive() ? "live" : "replay", server.url());
            boolean reported = false;
            long deadline = System.nanoTime() + (durationSeconds == null ? 0 : durationSeconds * NANOS);
            while (!stop.await(200, TimeUnit.MILLISECONDS)) {
                if (docker != null) {
                    docker.check();
                }
                boolean timeUp = durationSeconds != null && System.nanoTime() - deadline >= 0;
                if (run.isLive() && (run.hasEnded() || timeUp)) {
                    break;
                }
                if (run.hasEnded() && run.readNothing()) {
                    break; // a file that could not be read at all: nothing to serve, say so and end
                }
                if (!reported && run.hasEnded()) {
                    reported = true;
                    LOG.info("replay ended after {} frames; serving its totals until SIGTERM", run.counter().frames());
                    if (run.failure() != null) {
                        System.err.println("jtraf: " + Printable.of(run.failure().getMessage()));
                    }
                }
            }
            run.close();
            SourceException failure = run.failure();
            LOG.info("daemon stopping");
            if (failure != null && (run.isLive() || !reported)) {
                System.err.println("jtraf: " + Printable.of(failure.getMessage()));
            }
            int code = failure == null ? ExitCodes.OK : ExitCodes.of(failure);
            signals.keepExitCode(code); // SIGTERM is how a daemon is meant to end: not 128 + 15
            return code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.INTERNAL;
        } finally {
            signals.close();
        }
    }
}
