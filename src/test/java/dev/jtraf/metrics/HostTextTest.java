package dev.jtraf.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jtraf.lab.Lab;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Addresses in the serving line and messages: IPv6 as RFC 5952 writes it, not every group as the JDK does. */
class HostTextTest {
    @Test
    void ipv6IsWrittenInItsRecommendedForm() throws Exception {
        // RFC 5952's own examples (sections 4.1-4.2.3), the wildcard, loopback, and IPv4 unchanged
        String[][] cases = {
            {"2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"},
            {"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"}, // the first of two equal runs
            {"2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"}, // a single zero group stays
            {"2001:0:0:1:0:0:0:1", "2001:0:0:1::1"}, // the longest run
            {"2001:DB8::AAAA", "2001:db8::aaaa"},
            {"::", "::"}, {"::1", "::1"}, {"1::", "1::"}, {"fe80::1", "fe80::1"},
            {"127.0.0.1", "127.0.0.1"}, {"0.0.0.0", "0.0.0.0"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], HostText.of(InetAddress.getByName(c[0])), c[0]);
        }
        assertEquals("[::1]:9180", HostText.withPort(InetAddress.getByName("::1"), 9180));
        // a zone given by index is named by its interface where there is one (lo is 1 on Linux)
        java.net.NetworkInterface one = java.net.NetworkInterface.getByIndex(1);
        assertEquals("fe80::1%" + (one == null ? "1" : one.getName()), HostText.of(InetAddress.getByName("fe80::1%1")));
        assertEquals("fe80::1%99999", HostText.of(InetAddress.getByName("fe80::1%99999")), "no such interface: the number");
    }

    @Test
    void ipv6AgreesWithPythonsIpaddressModule() throws Exception {
        // an oracle nobody here wrote: Python's ipaddress writes RFC 5952's form
        Lab.assumeCommand("python3");
        Random random = new Random(5952);
        List<String> full = new ArrayList<>();
        for (int n = 0; n < 2000; n++) {
            StringBuilder a = new StringBuilder();
            for (int g = 0; g < 8; g++) {
                a.append(g == 0 ? "" : ":").append(Integer.toHexString(random.nextInt(3) == 0 ? random.nextInt(65536) : 0));
            }
            full.add(a.toString());
        }
        String script = "import ipaddress, sys\nfor line in sys.stdin.read().split():\n print(ipaddress.ip_address(line))\n";
        List<String> python = Lab.shOk(Duration.ofSeconds(60), "sh", "-c",
                "printf '%s\\n' " + String.join(" ", full) + " | python3 -c '" + script + "'").stdout().lines().toList();
        List<String> ours = new ArrayList<>();
        for (String a : full) {
            ours.add(HostText.of(InetAddress.getByName(a)));
        }
        assertEquals(python, ours);
    }
}
