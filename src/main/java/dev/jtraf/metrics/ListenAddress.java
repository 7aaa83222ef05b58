package dev.jtraf.metrics;

import dev.jtraf.capture.SysfsInterfaces;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where the metrics endpoint listens, parsed from {@code --metrics [ADDR:]PORT}: the port
 * alone means 127.0.0.1, so that nothing is exposed beyond this host unless the user names an
 * address ({@code 0.0.0.0:9180}, {@code [::]:9180}, {@code 192.0.2.7:9180}). Port 0 asks for
 * any free port (the daemon prints the one it got).
 *
 * @param address the local address to bind
 * @param port    0-65535
 */
public record ListenAddress(InetAddress address, int port) {
    /** The address used when only a port is given. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /**
     * Parses {@code PORT}, {@code HOST:PORT} or {@code [IPV6]:PORT}.
     *
     * @throws IllegalArgumentException with a message fit for the user
     */
    public static ListenAddress parse(String text) {
        String s = text == null ? "" : text.trim();
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw usage(text);
            }
            host = s.substring(1, close);
            port = s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon >= 0 && s.indexOf(':') != colon) {
                throw new IllegalArgumentException("--metrics: put an IPv6 address in brackets, e.g. [::1]:9180; got '"
                        + text + "'");
            }
            host = colon < 0 ? DEFAULT_HOST : s.substring(0, colon);
            port = colon < 0 ? s : s.substring(colon + 1);
        }
        if (host.isEmpty() || port.isEmpty() || !port.chars().allMatch(c -> c >= '0' && c <= '9') || port.length() > 5) {
            throw usage(text);
        }
        int p = Integer.parseInt(port);
        if (p > 65535) {
            throw new IllegalArgumentException("--metrics: port " + p + " is out of range (0-65535)");
        }
        InetAddress a;
        try {
            a = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            a = zoned(host);
        }
        if (a.isMulticastAddress() || a.getHostAddress().equals("255.255.255.255")) {
            throw new IllegalArgumentException("--metrics: " + HostText.of(a) + " is a " + (a.isMulticastAddress()
                    ? "multicast" : "broadcast") + " address, not one of this host's; give 127.0.0.1, 0.0.0.0 or one of its own");
        }
        return new ListenAddress(a, p);
    }

    /**
     * An IPv6 literal with a zone the JDK would not take ({@code fe80::1%lo}: it accepts an
     * interface's name only where the interface has an address of that scope), as the address on
     * that interface, which binding then refuses as not this host's (exit code 7, as for any
     * other address the host does not have); a zone naming no interface is a mistake in the
     * command line. Interfaces are looked up in /sys/class/net, which lists every one, as
     * {@code -i} does: the JDK's list leaves out interfaces without addresses.
     */
    private static InetAddress zoned(String host) {
        int at = host.indexOf('%');
        if (at > 0 && host.indexOf(':') >= 0 && host.indexOf(':') < at) {
            String zone = host.substring(at + 1);
            InetAddress literal;
            try {
                literal = InetAddress.getByName(host.substring(0, at)); // a literal: no name lookup
            } catch (UnknownHostException e) {
                literal = null;
            }
            if (literal instanceof Inet6Address) {
                int index = ifindex(zone);
                if (index > 0) {
                    try {
                        return Inet6Address.getByAddress(null, literal.getAddress(), index);
                    } catch (UnknownHostException e) {
                        // cannot happen for 16 bytes: unknown, as below
                    }
                } else {
                    String hint = zone.startsWith("25") && ifindex(zone.substring(2)) > 0
                            ? " (write the zone as %" + zone.substring(2) + " here: %25 is how a URL writes the %)"
                            : " (ip -brief link lists them)";
                    throw new IllegalArgumentException("--metrics: " + host + ": there is no interface '" + zone + "'"
                            + hint);
                }
            }
        }
        throw new IllegalArgumentException("--metrics: unknown host '" + host + "'");
    }

    /** The ifindex of interface {@code name} as /sys/class/net gives it, or -1 if there is none. */
    private static int ifindex(String name) {
        SysfsInterfaces.Entry e = SysfsInterfaces.host().byName(name);
        return e == null ? -1 : e.ifindex();
    }

    private static IllegalArgumentException usage(String text) {
        return new IllegalArgumentException("--metrics takes [ADDR:]PORT, e.g. 9180, 127.0.0.1:9180, 0.0.0.0:9180 or"
                + " [::1]:9180; got '" + text + "'");
    }

    /** Whether only this host can connect (127.0.0.0/8 or ::1). */
    public boolean isLoopback() {
        return address.isLoopbackAddress();
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    /** {@code 127.0.0.1:9180} or {@code [::1]:9180}. */
    @Override
    public String toString() {
        return HostText.withPort(address, port);
    }
}
