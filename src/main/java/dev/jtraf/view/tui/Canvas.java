package dev.jtraf.view.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.graphics.BasicTextImage;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.graphics.TextImage;
import dev.jtraf.view.Printable;
import java.time.ZoneId;

/**
 * A {@link TextGraphics} with the theme's roles and the clock's time zone: every screen draws through this, so styles
 * live in one place. Text is clipped to the given width and to the terminal. Drawing only;
 * one frame, on the UI thread.
 */
final class Canvas {
    private final TextGraphics g;
    private final Theme theme;
    private final int columns;
    private final int rows;
    private final ZoneId zone;

    Canvas(TextGraphics g, Theme theme, TerminalSize size, ZoneId zone) {
        this.g = g;
        this.theme = theme;
        this.zone = zone;
        this.columns = size.getColumns();
        this.rows = size.getRows();
    }

    Theme theme() {
        return theme;
    }

    /** The time zone clocks are shown in. */
    ZoneId zone() {
        return zone;
    }

    int columns() {
        return columns;
    }

    int rows() {
        return rows;
    }

    /**
     * Blanks the whole area in the normal style with {@code blank} (see {@link #blankImage});
     * unlike {@code Screen.clear()} this keeps the delta refresh.
     */
    void clear(TextImage blank) {
        g.drawImage(TerminalPosition.TOP_LEFT_CORNER, blank);
    }

    /**
     * A blank image of a terminal size. A screen copies it into its back buffer row by row
     * ({@code System.arraycopy}), where filling cell by cell would check every cell for wide
     * characters: a measurable part of a frame at 1 Hz.
     */
    static TextImage blankImage(TerminalSize size, Theme theme) {
        Theme.Style st = theme.style(Theme.Role.NORMAL);
        TextCharacter blank = TextCharacter.fromCharacter(' ', st.foreground(), st.background())[0];
        return new BasicTextImage(size, blank);
    }

    /** Paints a whole row in a role's background. */
    void band(int row, Theme.Role role) {
        use(role);
        g.putString(0, row, " ".repeat(columns));
    }

    /** Text at (column, row), cut at the right edge. */
    void text(int column, int row, String s, Theme.Role role) {
        if (row < 0 || row >= rows || column >= columns || s.isEmpty()) {
            return;
        }
        use(role);
        String p = Printable.of(s);
        g.putString(column, row, p.length() > columns - column ? p.substring(0, columns - column) : p);
    }

    /** Text left-aligned in a cell of {@code width}, shortened with an ellipsis if longer. */
    void left(int column, int row, int width, String s, Theme.Role role) {
        text(column, row, fitLeft(s, width), role);
    }

    /** Text right-aligned in a cell of {@code width}. */
    void right(int column, int row, int width, String s, Theme.Role role) {
        text(column, row, fitRight(s, width), role);
    }

    /** Text centred on a row. */
    void centre(int row, String s, Theme.Role role) {
        String t = s.length() > columns ? s.substring(0, columns) : s;
        text((columns - t.length()) / 2, row, t, role);
    }

    String fitLeft(String s, int width) {
        if (width <= 0) {
            return "";
        }
        if (s.length() > width) {
            return s.substring(0, width - 1) + theme.ellipsis();
        }
        return s + " ".repeat(width - s.length());
    }

    static String fitRight(String s, int width) {
        if (width <= 0) {
            return "";
        }
        if (s.length() > width) {
            return s.substring(s.length() - width);
        }
        return " ".repeat(width - s.length()) + s;
    }

    private void use(Theme.Role role) {
        Theme.Style st = theme.style(role);
        g.setForegroundColor(st.foreground());
        g.setBackgroundColor(st.background());
        g.setModifiers(st.modifiers());
    }
}
