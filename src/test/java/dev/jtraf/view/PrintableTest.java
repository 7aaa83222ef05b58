package dev.jtraf.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class PrintableTest {
    @Test
    void controlCharactersBecomeQuestionMarks() {
        // a pcapng if_name that would split a text dump's row and turn the terminal red
        assertEquals("a,b\"c??[31mred?", Printable.of("a,b\"c\n\u001b[31mred\u009b"));
        assertEquals("tab?del?", Printable.of("tab\tdel\u007f"));
        // found by driving the dashboard: a right-to-left override reordered the cells after the
        // name, a combining accent put the columns one place out of line
        assertEquals("?vvth29", Printable.of("\u202evvth29"));
        assertEquals("cafe?", Printable.of("cafe\u0301"));
        assertEquals("a?b?c?d", Printable.of("a\u200bb\u00adc\u2028d")); // zero-width space, soft hyphen, line separator
    }

    @Test
    void printableNamesAreLeftAlone() {
        String s = "veth8936142 é ü 日本";
        assertSame(s, Printable.of(s));
        assertNull(Printable.of(null));
    }
}
