package dev.jtraf.view.tui;

/**
 * The full-screen Lanterna dashboard (placeholder until the dashboard lands).
 */
public final class Dashboard {
    private Dashboard() {
    }

    /**
     * Runs the dashboard until the user quits.
     *
     * @return an exit code
     */
    public static int run(DashboardModel model) {
        System.err.println("jtraf: the dashboard is not available yet; use --dump text|csv|json");
        return 3;
    }
}
