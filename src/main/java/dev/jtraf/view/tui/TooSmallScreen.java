package dev.jtraf.view.tui;

/**
 * Shown instead of the layout when the terminal is smaller than the dashboard needs. Meanwhile
 * only the keys that need nothing seen act (quit, Ctrl-L); see {@link KeyHandler}.
 */
final class TooSmallScreen {
    private TooSmallScreen() {
    }

    static void draw(Canvas c, int minColumns, int minRows) {
        String[] lines = c.columns() >= 40 ? new String[] {
            "Terminal too small: " + c.columns() + "x" + c.rows(),
            "jtraf needs at least " + minColumns + "x" + minRows + ".",
            "Enlarge the window, or press q to quit.",
        } : new String[] { // what matters first, in as few columns as possible
            "Needs " + minColumns + "x" + minRows,
            "q quits",
            "now " + c.columns() + "x" + c.rows(),
        };
        int first = Math.max(0, (c.rows() - lines.length) / 2);
        for (int i = 0; i < lines.length; i++) {
            c.centre(first + i, lines[i], i == 0 ? Theme.Role.HEADER : Theme.Role.NORMAL);
        }
    }
}
