package dev.jtraf.view.tui;

import dev.jtraf.docker.DockerView;
import dev.jtraf.stats.Snapshot;

/**
 * What the dashboard needs from a running capture, without knowing live from replay.
 * Implemented by the command line's wiring; every method may be called from the UI thread.
 */
public interface DashboardModel {
    /** A fresh snapshot with per-second history (for sparklines). */
    Snapshot snapshot();

    /** Epoch ns (source clock) when the run started: elapsed time = snapshot time - this. */
    long startNanos();

    /** True when replaying a file (packet time, pause and speed apply). */
    boolean isReplay();

    /** True once the source ended (end of file, or a failure). */
    boolean inputEnded();

    /** The source ended with this problem (one line), or null. */
    String problem();

    /** A short description for the title: "live: all interfaces", "replay: x.pcapng". */
    String description();

    /** Pauses or resumes: replay stops reading; live freezes the displayed snapshot. */
    void setPaused(boolean paused);

    boolean isPaused();

    /** Replay speed (0 = as fast as possible); ignored live. */
    double speed();

    void setSpeed(double speed);

    /**
     * The kernel's own drop counters of an interface, for the detail screen; null where there
     * are none to read (replay, a gone interface). Called at most once per frame, for the one
     * interface the detail screen shows.
     */
    default InterfaceDrops interfaceDrops(String name) {
        return null;
    }

    /**
     * What Docker says about this host now (containers, networks, the bridges and their ports,
     * a label for every interface), or null where Docker does not apply (a replay: a
     * recording's interfaces are not this host's). Without an engine it is a view with no
     * containers whose {@link DockerView#problem()} says why. Cheap: a published immutable view.
     */
    default DockerView docker() {
        return null;
    }
}
