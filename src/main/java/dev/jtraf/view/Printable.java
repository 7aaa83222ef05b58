package dev.jtraf.view;

/**
 * Names from outside (a pcapng file's interface names, a Linux interface name, which may hold
 * any byte but '/', ':' and white space) made safe for a terminal: control characters (C0, DEL,
 * C1) become '?', so that no name can move the cursor, change colours or split a line.
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
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }
}
