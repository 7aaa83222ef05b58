package dev.jtraf.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** --metrics [ADDR:]PORT. */
class ListenAddressTest {
    @Test
    void aPortAloneBindsLoopbackOnly() {
        ListenAddress a = ListenAddress.parse("9180");
        assertEquals("127.0.0.1:9180", a.toString());
        assertTrue(a.isLoopback());
    }

    @Test
    void anExplicitAddressIsTakenAsGiven() {
        assertEquals("0.0.0.0:9180", ListenAddress.parse("0.0.0.0:9180").toString());
        assertFalse(ListenAddress.parse("0.0.0.0:9180").isLoopback());
        assertEquals("127.0.0.2:80", ListenAddress.parse("127.0.0.2:80").toString());
        assertEquals("[::1]:9180", ListenAddress.parse("[::1]:9180").toString());
        assertEquals("[::]:9180", ListenAddress.parse("[::]:9180").toString());
        assertTrue(ListenAddress.parse("[::1]:9180").isLoopback());
        assertEquals(0, ListenAddress.parse("127.0.0.1:0").port(), "0: any free port");
    }

    @Test
    void malformedValuesAreRejectedWithAnExample() {
        for (String bad : new String[] {"", "x", ":9180", "9180:", "127.0.0.1:", "65536", "-1", "::1:9180", "[::1]",
            "[::1]9180", "1.2.3.4:12x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse(bad),
                    bad);
            assertTrue(e.getMessage().startsWith("--metrics"), e.getMessage());
        }
    }

    @Test
    void multicastAndBroadcastAddressesAreNotThisHostsOwn() {
        assertEquals("--metrics: 224.0.0.1 is a multicast address, not one of this host's; give 127.0.0.1, 0.0.0.0 or one"
                + " of its own", assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("224.0.0.1:9180"))
                .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("[ff02::1]:9180")).getMessage()
                .contains("ff02::1 is a multicast address"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("255.255.255.255:9180"))
                .getMessage().contains("is a broadcast address"));
    }
}
