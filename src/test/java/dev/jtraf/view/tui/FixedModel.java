package dev.jtraf.view.tui;

import dev.jtraf.stats.InterfaceTable;
import dev.jtraf.stats.Snapshot;
import dev.jtraf.stats.Snapshots;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link DashboardModel} over a table that nothing writes any more: every call takes a fresh
 * snapshot (copying counters and rings, as the real model does) at a fixed moment. Records
 * pause and speed changes.
 */
final class FixedModel implements DashboardModel {
    private final Snapshots snapshots;
    private final long timeNanos;
    private final long completeBeforeSecond;
    private final long startNanos;
    private final long frames;
    private final boolean replay;
    final AtomicInteger snapshotsTaken = new AtomicInteger();
    private volatile boolean paused;
    private volatile double speed = 1;
    private volatile boolean ended;

    FixedModel(InterfaceTable table, long timeNanos, long startNanos, long frames, boolean replay) {
        this.snapshots = new Snapshots(table, 5);
        this.timeNanos = timeNanos;
        this.completeBeforeSecond = Math.floorDiv(timeNanos, 1_000_000_000L);
        this.startNanos = startNanos;
        this.frames = frames;
        this.replay = replay;
    }

    void end() {
        ended = true;
    }

    @Override
    public Snapshot snapshot() {
        snapshotsTaken.incrementAndGet();
        return snapshots.take(timeNanos, completeBeforeSecond, 0, frames, true);
    }

    @Override
    public long startNanos() {
        return startNanos;
    }

    @Override
    public boolean isReplay() {
        return replay;
    }

    @Override
    public boolean inputEnded() {
        return ended;
    }

    @Override
    public String problem() {
        return null;
    }

    @Override
    public String description() {
        return replay ? "replay: test" : "live";
    }

    @Override
    public void setPaused(boolean p) {
        paused = p;
    }

    @Override
    public boolean isPaused() {
        return paused;
    }

    @Override
    public double speed() {
        return speed;
    }

    @Override
    public void setSpeed(double s) {
        speed = s;
    }
}
