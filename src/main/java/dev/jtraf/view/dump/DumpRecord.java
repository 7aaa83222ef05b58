package dev.jtraf.view.dump;

import dev.jtraf.stats.IfaceCounters;
import dev.jtraf.stats.IfaceSnapshot;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The columns every dump format shares, in order, and their values for one interface row.
 * Keeping them in one place is what keeps CSV, JSON and text saying the same thing.
 */
final class DumpRecord {
    /** Column names: CSV header and JSON keys. */
    static final String[] COLUMNS = {
        "time", "iface", "scope", "state", "packets", "bytes", "ipv4", "ipv6", "nonip", "badip", "truncated",
        "tcp", "udp", "icmp", "other_ip", "in_packets", "in_bytes", "out_packets", "out_bytes",
        "broadcast", "multicast", "drops", "pps", "bps", "final",
    };

    /** Which columns are strings (quoted in JSON). */
    static boolean isText(int column) {
        return column <= 3;
    }

    private DumpRecord() {
    }

    /**
     * Values for one row; {@code null} where a value is unknown (direction of a one-interface
     * capture file, drops that cannot be attributed to one interface).
     */
    static String[] values(String time, IfaceSnapshot s, boolean total, Long drops, boolean isFinal) {
        boolean dir = s.directionKnown();
        return new String[] {
            time, s.name(), total ? "total" : "iface", total ? "" : s.gone() ? "gone" : "up",
            num(s.packets(IfaceCounters.TOTAL)), num(s.get(IfaceCounters.TOTAL, IfaceCounters.ALL, IfaceCounters.BYTES)),
            num(s.packets(IfaceCounters.IPV4)), num(s.packets(IfaceCounters.IPV6)), num(s.packets(IfaceCounters.NONIP)),
            num(s.badIp()), num(s.truncated()),
            num(s.packets(IfaceCounters.TCP)), num(s.packets(IfaceCounters.UDP)), num(s.packets(IfaceCounters.ICMP)),
            num(s.packets(IfaceCounters.OTHER_IP)),
            dir ? num(s.get(IfaceCounters.TOTAL, IfaceCounters.IN, IfaceCounters.PACKETS)) : null,
            dir ? num(s.get(IfaceCounters.TOTAL, IfaceCounters.IN, IfaceCounters.BYTES)) : null,
            dir ? num(s.get(IfaceCounters.TOTAL, IfaceCounters.OUT, IfaceCounters.PACKETS)) : null,
            dir ? num(s.get(IfaceCounters.TOTAL, IfaceCounters.OUT, IfaceCounters.BYTES)) : null,
            num(s.packets(IfaceCounters.BROADCAST)), num(s.packets(IfaceCounters.MULTICAST)),
            drops == null ? null : num(drops),
            rate(s.packetsPerSecond()), rate(s.bytesPerSecond() * 8),
            isFinal ? "true" : "false",
        };
    }

    static String time(long epochNanos) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L)));
    }

    private static String num(long v) {
        return Long.toString(v);
    }

    private static String rate(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
