package dev.jtraf.view;

/**
 * Names from outside (a pcapng file's interface names, a Linux interface name, which may hold
 * any byte but '/', ':' and white space) made safe for a terminal: control characters (C0, DEL,
 * C1) become '?', so that no name can move the cursor, change colours or split a line; so do
 * Unicode format characters (bidirectional overrides such as U+202E, zero-width ones), line and
 * paragraph separators, and combining marks, which would reorder or overlap the cells around
 * them and put the columns out of line.
 */
public final class Printable {
    private Printable() {
    }

    /** {@code s} with each control character replaced by '?' ({@code s} itself if it has none; null stays null). */
    public static String of(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !isControl(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s);
        for (; i < b.length(); i++) {
            if (isControl(b.charAt(i))) {
                b.setCharAt(i, '?');
            }
        }
        return b.toString();
    }

    private static boolean isControl(char c) {
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return true;
        }
        switch (Character.getType(c)) {
            case Character.FORMAT: case Character.LINE_SEPARATOR: case Character.PARAGRAPH_SEPARATOR:
            case Character.NON_SPACING_MARK: case Character.ENCLOSING_MARK:
                return true;
            default:
                return false;
        }
    }
}
