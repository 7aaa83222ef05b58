package dev.jtraf.view.dump;

import dev.jtraf.stats.IfaceCounters;
import dev.jtraf.stats.IfaceSnapshot;
import dev.jtraf.stats.InterfaceLabel;
import dev.jtraf.view.Decimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Arrays;
import java.util.Locale;

/**
 * The columns every dump format shares, in order, and their values for one row. Keeping them in
 * one place is what keeps CSV, JSON and text saying the same thing.
 */
final class DumpRecord {
    /** Column names: CSV header and JSON keys. */
    static final String[] COLUMNS = {
        "time", "iface", "container", "container_id", "network", "scope", "state", "packets", "bytes", "ipv4", "ipv6",
        "nonip", "badip", "truncated", "tcp", "udp", "icmp", "other_ip", "in_packets", "in_bytes", "out_packets",
        "out_bytes", "broadcast", "multicast", "drops", "pps", "bps", "final",
    };

    static final int IFACE = column("iface");
    static final int CONTAINER = column("container");
    static final int NETWORK = column("network");
    static final int SCOPE = column("scope");
    static final int STATE = column("state");
    static final int PACKETS = column("packets");
    static final int IN_PACKETS = column("in_packets");
    static final int OUT_PACKETS = column("out_packets");
    static final int PPS = column("pps");
    static final int BPS = column("bps");

    /** Values of {@code scope}: an interface, the sum of all rows, the host total counted once. */
    static final String SCOPE_IFACE = "iface";
    static final String SCOPE_TOTAL = "total";
    static final String SCOPE_HOST = "host";

    /** Which columns are strings (quoted in JSON). */
    static boolean isText(int column) {
        return column <= STATE;
    }

    private DumpRecord() {
    }

    private static int column(String name) {
        int i = Arrays.asList(COLUMNS).indexOf(name);
        if (i < 0) {
            throw new IllegalStateException(name);
        }
        return i;
    }

    /**
     * Values for one row; {@code null} where a value is unknown or does not apply (direction of
     * a one-interface capture file, drops that cannot be attributed to one interface, the
     * container of a host NIC, bad-IP and truncated counts of the host total, the state of
     * the total and host records).
     *
     * @param scope one of {@link #SCOPE_IFACE}, {@link #SCOPE_TOTAL}, {@link #SCOPE_HOST}
     * @param label what the interface is, or null (totals, replay)
     */
    static String[] values(String time, IfaceSnapshot s, String scope, InterfaceLabel label, Long drops,
            boolean isFinal) {
        boolean dir = s.directionKnown();
        boolean iface = scope.equals(SCOPE_IFACE);
        return new String[] {
            time, s.name(),
            label == null ? null : label.container(), label == null ? null : label.containerId(),
            label == null ? null : label.network(),
            scope, !iface ? null : s.gone() ? "gone" : "up",
            num(s.packets(IfaceCounters.TOTAL)), num(s.get(IfaceCounters.TOTAL, IfaceCounters.ALL, IfaceCounters.BYTES)),
            num(s.packets(IfaceCounters.IPV4)), num(s.packets(IfaceCounters.IPV6)), num(s.packets(IfaceCounters.NONIP)),
            unknownIfNegative(s.badIp()), unknownIfNegative(s.truncated()),
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

    /** ISO-8601 UTC with exactly three fraction digits, whatever the time ({@link #time}). */
    private static final DateTimeFormatter MILLIS = new DateTimeFormatterBuilder().appendInstant(3)
            .toFormatter(Locale.ROOT);

    /**
     * A block's time, always to the millisecond ({@code 2023-11-14T22:13:21.000Z}): one format
     * in a whole column, which a reader that infers the format from the first value (pandas)
     * needs, and which ISO_INSTANT's 0, 3, 6 or 9 digits were not (blocks at whole seconds, the
     * final one at a frame's microsecond). A time between two milliseconds is rounded up, so
     * that no frame a block holds is stamped after the block's time.
     */
    static String time(long epochNanos) {
        long millis = Math.floorDiv(epochNanos, 1_000_000L) + (Math.floorMod(epochNanos, 1_000_000L) == 0 ? 0 : 1);
        return MILLIS.format(Instant.ofEpochMilli(millis));
    }

    private static String num(long v) {
        return Long.toString(v);
    }

    private static String unknownIfNegative(long v) {
        return v < 0 ? null : Long.toString(v);
    }

    private static String rate(double v) {
        return Decimal.fixed(v, 2);
    }
}
