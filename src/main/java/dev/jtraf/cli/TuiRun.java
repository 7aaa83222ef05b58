package dev.jtraf.cli;

import dev.jtraf.capture.CaptureRun;
import dev.jtraf.capture.SysfsInterfaces;
import dev.jtraf.docker.DockerView;
import dev.jtraf.docker.DockerWatcher;
import dev.jtraf.source.PacketSource;
import dev.jtraf.source.PcapFileSource;
import dev.jtraf.source.SourceException;
import dev.jtraf.stats.Snapshot;
import dev.jtraf.view.Printable;
import dev.jtraf.view.tui.Dashboard;
import dev.jtraf.view.tui.DashboardModel;
import dev.jtraf.view.tui.InterfaceDrops;
import java.io.IOException;
import java.nio.file.Path;

/** Runs the dashboard over a capture: adapts {@link CaptureRun} to {@link DashboardModel}. */
final class TuiRun implements DashboardModel {
    private final CaptureRun run;
    private final PcapFileSource replay;
    private final String description;
    private final long startNanos;
    private final SysfsInterfaces sysfs;
    private final DockerWatcher docker;
    private volatile boolean paused;
    private volatile Snapshot frozen;

    private TuiRun(CaptureRun run, Path file, PacketSource source, DockerWatcher docker) {
        this.run = run;
        this.replay = source instanceof PcapFileSource ? (PcapFileSource) source : null;
        this.description = file == null ? "live" : "replay: " + file.getFileName();
        this.startNanos = run.isLive() ? System.currentTimeMillis() * 1_000_000L : Long.MIN_VALUE;
        this.sysfs = run.isLive() ? SysfsInterfaces.host() : null;
        this.docker = docker;
    }

    /** @param docker the Docker watcher (live), or null (replay) */
    static int run(CaptureRun run, Path file, PacketSource source, DockerWatcher docker) {
        TuiRun model = new TuiRun(run, file, source, docker);
        run.start();
        int code;
        try {
            code = Dashboard.run(model);
        } catch (IOException e) {
            System.err.println("jtraf: cannot run the dashboard here: " + e.getMessage()
                    + "; run jtraf in a terminal, or use --dump text|csv|json");
            return ExitCodes.USAGE;
        } finally {
            run.close();
        }
        SourceException failure = run.failure();
        if (failure != null && code == ExitCodes.OK) {
            System.err.println("jtraf: " + Printable.of(failure.getMessage()));
            return ExitCodes.of(failure);
        }
        return code;
    }

    @Override
    public Snapshot snapshot() {
        if (paused && !isReplay() && frozen != null) {
            return frozen;
        }
        Snapshot s = run.snapshot(true);
        frozen = s;
        return s;
    }

    @Override
    public long startNanos() {
        if (startNanos != Long.MIN_VALUE) {
            return startNanos;
        }
        return firstFrameNanos();
    }

    private long firstFrameNanos() {
        long first = Long.MAX_VALUE;
        for (var s : run.table().all()) {
            long sec = s.counters().firstSecond();
            if (sec != Long.MIN_VALUE) {
                first = Math.min(first, sec * 1_000_000_000L);
            }
        }
        return first == Long.MAX_VALUE ? run.nowNanos() : first;
    }

    @Override
    public boolean isReplay() {
        return replay != null;
    }

    @Override
    public boolean inputEnded() {
        return run.hasEnded();
    }

    @Override
    public String problem() {
        SourceException f = run.failure();
        return f == null ? null : f.getMessage();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void setPaused(boolean p) {
        paused = p;
        if (replay != null) {
            replay.setPaused(p);
        }
    }

    @Override
    public boolean isPaused() {
        return paused;
    }

    @Override
    public double speed() {
        return replay == null ? 1 : replay.speed();
    }

    @Override
    public DockerView docker() {
        return docker == null ? null : docker.view();
    }

    @Override
    public InterfaceDrops interfaceDrops(String name) {
        if (sysfs == null) {
            return null;
        }
        long rx = sysfs.statistic(name, "rx_dropped");
        long tx = sysfs.statistic(name, "tx_dropped");
        return rx < 0 && tx < 0 ? null : new InterfaceDrops(rx, tx);
    }

    @Override
    public void setSpeed(double s) {
        if (replay != null) {
            replay.setSpeed(s);
        }
    }
}
