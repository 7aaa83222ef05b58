package dev.jtraf.cli;

import dev.jtraf.docker.DockerWatcher;

/**
 * What a dump (and a daemon, into its journal) says on stderr about Docker: at start why there
 * are no container names, if so; then, checked at its periodic wake-ups, one line when the
 * names may go out of date mid-run (a hung or vanished engine) and one when they are current
 * again, never more while nothing changes. {@link DockerWatcher#problem()} does not wait on the
 * engine, so a check never holds up the dump.
 */
final class DockerNotice {
    private final DockerWatcher docker;
    /** Whether the watcher had a problem at the last check. */
    private boolean troubled;
    /** Whether the last line on stderr said there is a problem: only then does a clear get its line. */
    private boolean told;

    private DockerNotice(DockerWatcher docker, boolean troubled, boolean told) {
        this.docker = docker;
        this.troubled = troubled;
        this.told = told;
    }

    /**
     * Starts watching {@code docker}'s problem from now; {@code tellNow}: say at once why
     * there are no container names, if so (a dump; a daemon's stderr is only where it serves).
     */
    static DockerNotice atStart(DockerWatcher docker, boolean tellNow) {
        String why = docker.problem();
        if (why != null && tellNow) {
            System.err.println("jtraf: no container names: " + why);
        }
        return new DockerNotice(docker, why != null, why != null && tellNow);
    }

    /** Says so if the watcher's problem came or went since the last check. Cheap: call it often. */
    void check() {
        String why = docker.problem();
        if (why != null && !troubled) {
            System.err.println("jtraf: container names may be out of date: " + why);
            told = true;
        } else if (why == null && troubled && told) {
            System.err.println("jtraf: Docker answers again; container names are current");
            told = false;
        }
        troubled = why != null;
    }
}
