package dev.jtraf.view.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;

/**
 * How the dashboard looks on one terminal: colours (or monochrome attributes only) and the
 * glyphs it may use (Unicode block characters and arrows, or ASCII). Immutable.
 *
 * <p>{@link #detect} follows the environment: {@code NO_COLOR} (no-color.org) or a terminal
 * type without colours ({@code TERM} unset, {@code dumb}, {@code vt100}-like) gives
 * monochrome; a locale that names a charset other than UTF-8 ({@code LANG=C},
 * {@code en_US.ISO-8859-1}) gives ASCII glyphs. With no locale variable at all we assume a
 * UTF-8 terminal, as nearly every terminal emulator is.
 */
public final class Theme {
    /** What a piece of text is; each role maps to one style. */
    public enum Role {
        NORMAL, TITLE, HEADER, SELECTED, GONE, RATE, SPARK, WARN, NOTICE, ERROR, KEY, PROMPT, CONTAINER
    }

    /** One resolved style. */
    record Style(TextColor foreground, TextColor background, EnumSet<SGR> modifiers) {
    }

    private static final String SPARK_UNICODE = " \u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";
    private static final String SPARK_ASCII = " .:-=+*#@";

    private final boolean colour;
    private final boolean unicode;
    private final Style[] styles = new Style[Role.values().length];

    private Theme(boolean colour, boolean unicode) {
        this.colour = colour;
        this.unicode = unicode;
        for (Role r : Role.values()) {
            styles[r.ordinal()] = colour ? colourStyle(r) : monoStyle(r);
        }
    }

    /** A theme with explicit choices (tests, screenshots). */
    public static Theme of(boolean colour, boolean unicode) {
        return new Theme(colour, unicode);
    }

    /** The theme the environment asks for (see the class comment). */
    public static Theme detect(Map<String, String> env) {
        return new Theme(!monochromeWanted(env), unicodeLocale(env));
    }

    static boolean monochromeWanted(Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) {
            return true;
        }
        String term = env.getOrDefault("TERM", "").toLowerCase(Locale.ROOT);
        return term.isEmpty() || term.equals("dumb") || term.startsWith("vt") && !term.startsWith("vte");
    }

    static boolean unicodeLocale(Map<String, String> env) {
        for (String key : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String v = env.get(key);
            if (v != null && !v.isEmpty()) {
                String l = v.toLowerCase(Locale.ROOT);
                return l.contains("utf-8") || l.contains("utf8");
            }
        }
        return true;
    }

    public boolean colour() {
        return colour;
    }

    public boolean unicode() {
        return unicode;
    }

    Style style(Role role) {
        return styles[role.ordinal()];
    }

    /** Nine sparkline levels, from empty (index 0) to full (index 8). */
    char sparkLevel(int level) {
        return (unicode ? SPARK_UNICODE : SPARK_ASCII).charAt(level);
    }

    String ascending() {
        return unicode ? "\u25b2" : "^";
    }

    String descending() {
        return unicode ? "\u25bc" : "v";
    }

    String upDown() {
        return unicode ? "\u2191\u2193" : "Up/Dn";
    }

    String ellipsis() {
        return unicode ? "\u2026" : "~";
    }

    String separator() {
        return unicode ? "\u2502" : "|";
    }

    private static Style colourStyle(Role r) {
        switch (r) {
            case TITLE: return style(TextColor.ANSI.BLACK, TextColor.ANSI.CYAN);
            case HEADER: return style(TextColor.ANSI.YELLOW_BRIGHT, TextColor.ANSI.DEFAULT, SGR.BOLD);
            case SELECTED: return style(TextColor.ANSI.BLACK, TextColor.ANSI.WHITE);
            case GONE: return style(TextColor.ANSI.BLACK_BRIGHT, TextColor.ANSI.DEFAULT);
            case RATE: return style(TextColor.ANSI.GREEN_BRIGHT, TextColor.ANSI.DEFAULT);
            case SPARK: return style(TextColor.ANSI.CYAN_BRIGHT, TextColor.ANSI.DEFAULT);
            case WARN: return style(TextColor.ANSI.WHITE_BRIGHT, TextColor.ANSI.RED, SGR.BOLD);
            case NOTICE: return style(TextColor.ANSI.BLACK, TextColor.ANSI.YELLOW);
            case ERROR: return style(TextColor.ANSI.WHITE_BRIGHT, TextColor.ANSI.RED, SGR.BOLD);
            case KEY: return style(TextColor.ANSI.CYAN_BRIGHT, TextColor.ANSI.DEFAULT, SGR.BOLD);
            case PROMPT: return style(TextColor.ANSI.YELLOW_BRIGHT, TextColor.ANSI.DEFAULT, SGR.BOLD);
            case CONTAINER: return style(TextColor.ANSI.MAGENTA_BRIGHT, TextColor.ANSI.DEFAULT);
            default: return style(TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT);
        }
    }

    private static Style monoStyle(Role r) {
        switch (r) {
            case TITLE: case SELECTED: case NOTICE:
                return style(TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT, SGR.REVERSE);
            case WARN: case ERROR:
                return style(TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT, SGR.REVERSE, SGR.BOLD);
            case HEADER: case KEY: case PROMPT:
                return style(TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT, SGR.BOLD);
            default:
                return style(TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT);
        }
    }

    private static Style style(TextColor fg, TextColor bg, SGR... modifiers) {
        EnumSet<SGR> m = EnumSet.noneOf(SGR.class);
        for (SGR s : modifiers) {
            m.add(s);
        }
        return new Style(fg, bg, m);
    }
}
