package dev.jtraf.view.tui;

import dev.jtraf.docker.DockerView;
import dev.jtraf.stats.InterfaceLabels;

/**
 * The facts about the run that a frame shows besides the snapshot, read from the
 * {@link DashboardModel} once per frame so that drawing is a pure function.
 *
 * @param description    title text, e.g. {@code replay: demo.pcapng}
 * @param replay         replaying a file (packet time, speed)
 * @param ended          the source ended (end of file or failure)
 * @param problem        why the source failed (one line), or null
 * @param paused         the user paused
 * @param speed          replay speed (0 = as fast as possible)
 * @param startNanos     start of the run, epoch ns (source clock)
 * @param selectedDrops  kernel drop counters of the interface the detail screen shows, or null
 * @param docker         the Docker view ({@link DashboardModel#docker()}), or null (replay)
 */
record RunStatus(String description, boolean replay, boolean ended, String problem, boolean paused, double speed,
        long startNanos, InterfaceDrops selectedDrops, DockerView docker) {

    /** Run facts without Docker (a replay). */
    RunStatus(String description, boolean replay, boolean ended, String problem, boolean paused, double speed,
            long startNanos, InterfaceDrops selectedDrops) {
        this(description, replay, ended, problem, paused, speed, startNanos, selectedDrops, null);
    }

    /**
     * Reads the model now; {@code selectedName} may be null (no kernel drops then);
     * {@code docker} is the view the frame was prepared with.
     */
    static RunStatus of(DashboardModel model, String selectedName, DockerView docker) {
        InterfaceDrops drops = selectedName == null ? null : model.interfaceDrops(selectedName);
        return new RunStatus(model.description(), model.isReplay(), model.inputEnded(), model.problem(),
                model.isPaused(), model.speed(), model.startNanos(), drops, docker);
    }

    /** What each interface is (container, network), from the Docker view; nothing in replay. */
    InterfaceLabels labels() {
        return labelsOf(docker);
    }

    static InterfaceLabels labelsOf(DockerView docker) {
        return docker == null ? InterfaceLabels.NONE : docker::labelOf;
    }
}
