package dev.jtraf.view.tui;

/** Shown instead of the layout when the terminal is smaller than the dashboard needs. */
final class TooSmallScreen {
    private TooSmallScreen() {
    }

    static void draw(Canvas c, int minColumns, int minRows) {
        String[] lines = {
            "Terminal too small: " + c.columns() + "x" + c.rows(),
            "jtraf needs at least " + minColumns + "x" + minRows + ".",
            "Enlarge the window, or press q to quit.",
        };
        int first = Math.max(0, (c.rows() - lines.length) / 2);
        for (int i = 0; i < lines.length; i++) {
            c.centre(first + i, lines[i], i == 0 ? Theme.Role.HEADER : Theme.Role.NORMAL);
        }
    }
}
