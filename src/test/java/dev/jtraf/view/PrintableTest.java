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
    }

    @Test
    void printableNamesAreLeftAlone() {
        String s = "veth8936142 é ü 日本";
        assertSame(s, Printable.of(s));
        assertNull(Printable.of(null));
    }
}
