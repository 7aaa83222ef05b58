package dev.jtraf.metrics;

import dev.jtraf.capture.SysfsInterfaces;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * An address as people write it: IPv4 dotted, IPv6 in the recommended form of RFC 5952
 * ({@code ::1}, {@code fe80::1%eth0}, {@code ::}), where the JDK writes every group
 * ({@code 0:0:0:0:0:0:0:1}).
 */
final class HostText {
    private HostText() {
    }

    /** {@code 127.0.0.1}, {@code ::1}, {@code 2001:db8::7}, {@code fe80::1%eth0}. */
    static String of(InetAddress address) {
        String jdk = address.getHostAddress();
        if (!(address instanceof Inet6Address)) {
            return jdk;
        }
        byte[] b = address.getAddress();
        int[] group = new int[8];
        for (int i = 0; i < 8; i++) {
            group[i] = (b[2 * i] & 0xff) << 8 | b[2 * i + 1] & 0xff;
        }
        // the longest run of two or more zero groups becomes "::" (the first of equal runs)
        int runStart = -1;
        int runLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && group[j] == 0) {
                j++;
            }
            if (j - i > runLength) {
                runStart = i;
                runLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder s = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == runStart) {
                s.append("::");
                i += runLength - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(group[i]));
        }
        return s + zone((Inet6Address) address, jdk);
    }

    /** {@code %eth0}: the interface's name where the address names it by index only (a bound socket's does), else as the JDK writes it. */
    private static String zone(Inet6Address address, String jdk) {
        int at = jdk.indexOf('%');
        if (at < 0) {
            return "";
        }
        if (address.getScopedInterface() == null && address.getScopeId() > 0) {
            String name = nameOfIndex(address.getScopeId());
            if (name != null) {
                return "%" + name;
            }
        }
        return jdk.substring(at);
    }

    /**
     * The interface of ifindex {@code index} in /sys/class/net, which has every one (the JDK's
     * list leaves out those without addresses), or null.
     */
    private static String nameOfIndex(int index) {
        SysfsInterfaces.Entry e = SysfsInterfaces.host().byIndex(index);
        return e == null ? null : e.name();
    }

    /** {@link #of} in brackets for an IPv6 address, to put a port after it. */
    static String withPort(InetAddress address, int port) {
        String host = of(address);
        return (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
    }
}
