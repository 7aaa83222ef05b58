package dev.jtraf.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One block of jtraf's {@code --dump json} output: the rows of one interval (one per interface
 * and the {@code total} row), parsed from JSON lines without any project code, so the tests read
 * the dump exactly as a user's {@code jq} would.
 */
record DumpBlock(Instant time, boolean isFinal, Map<String, Row> interfaces, Row total) {

    /** The counters compared between jtraf, the kernel, tcpdump and replays. */
    static final List<String> COUNTS = List.of("packets", "bytes", "ipv4", "ipv6", "nonip", "badip", "truncated",
            "tcp", "udp", "icmp", "other_ip", "in_packets", "in_bytes", "out_packets", "out_bytes", "broadcast",
            "multicast");

    /** One JSON object of the dump; values are Long, Double, String, Boolean or null. */
    record Row(Map<String, Object> fields) {
        String iface() {
            return (String) fields.get("iface");
        }

        String state() {
            return (String) fields.get("state");
        }

        boolean gone() {
            return "gone".equals(state());
        }

        /** A count; {@code null} where jtraf says unknown (direction in a one-interface file). */
        Long count(String name) {
            if (!fields.containsKey(name)) {
                throw new IllegalArgumentException("no field " + name + " in " + fields);
            }
            Object v = fields.get(name);
            return v == null ? null : ((Number) v).longValue();
        }

        long n(String name) {
            Long v = count(name);
            if (v == null) {
                throw new IllegalStateException(name + " is null in " + fields);
            }
            return v;
        }

        /** Field-wise difference {@code this - earlier} over {@link #COUNTS} (null stays null). */
        Map<String, Long> minus(Row earlier) {
            Map<String, Long> d = new LinkedHashMap<>();
            for (String c : COUNTS) {
                Long a = count(c);
                Long b = earlier == null ? Long.valueOf(0) : earlier.count(c);
                d.put(c, a == null || b == null ? null : a - b);
            }
            return d;
        }

        /** The {@link #COUNTS} as a map. */
        Map<String, Long> counts() {
            return minus(null);
        }
    }

    Optional<Row> row(String iface) {
        return Optional.ofNullable(interfaces.get(iface));
    }

    Row rowOrFail(String iface) {
        Row r = interfaces.get(iface);
        if (r == null) {
            throw new AssertionError("no row for " + iface + " in the block of " + time + ": " + interfaces.keySet());
        }
        return r;
    }

    /**
     * Parses complete blocks from dump text: a block ends with its {@code total} row. Lines
     * after the last total row (a block still being written) are left for the next call.
     */
    static List<DumpBlock> parseAll(String text) {
        List<DumpBlock> out = new ArrayList<>();
        Map<String, Row> pending = new LinkedHashMap<>();
        int start = 0;
        while (true) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                break;
            }
            String line = text.substring(start, nl).strip();
            start = nl + 1;
            if (line.isEmpty()) {
                continue;
            }
            Row r = new Row(parseObject(line));
            if ("total".equals(r.fields().get("scope"))) {
                Instant t = Instant.parse((String) r.fields().get("time"));
                out.add(new DumpBlock(t, Boolean.TRUE.equals(r.fields().get("final")),
                        Collections.unmodifiableMap(new LinkedHashMap<>(pending)), r));
                pending.clear();
            } else if ("iface".equals(r.fields().get("scope"))) {
                pending.put(r.iface(), r);
            }
            // other scopes (a later "host" row) are not compared here
        }
        return out;
    }

    /** A flat JSON object (string, number, true/false/null values), as jtraf writes them. */
    static Map<String, Object> parseObject(String s) {
        Map<String, Object> m = new LinkedHashMap<>();
        int[] pos = {0};
        skipWs(s, pos);
        expect(s, pos, '{');
        skipWs(s, pos);
        if (s.charAt(pos[0]) == '}') {
            return m;
        }
        while (true) {
            skipWs(s, pos);
            String key = parseString(s, pos);
            skipWs(s, pos);
            expect(s, pos, ':');
            skipWs(s, pos);
            m.put(key, parseValue(s, pos));
            skipWs(s, pos);
            char c = s.charAt(pos[0]++);
            if (c == '}') {
                return m;
            }
            if (c != ',') {
                throw new IllegalArgumentException("bad JSON at " + (pos[0] - 1) + ": " + s);
            }
        }
    }

    private static Object parseValue(String s, int[] pos) {
        char c = s.charAt(pos[0]);
        if (c == '"') {
            return parseString(s, pos);
        }
        for (String lit : new String[] {"null", "true", "false"}) {
            if (s.startsWith(lit, pos[0])) {
                pos[0] += lit.length();
                return lit.equals("null") ? null : Boolean.valueOf(lit.equals("true"));
            }
        }
        int b = pos[0];
        while (pos[0] < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos[0])) >= 0) {
            pos[0]++;
        }
        String num = s.substring(b, pos[0]);
        if (num.isEmpty()) {
            throw new IllegalArgumentException("bad JSON value at " + b + ": " + s);
        }
        return num.matches("-?\\d+") ? (Object) Long.valueOf(num) : (Object) Double.valueOf(num);
    }

    private static String parseString(String s, int[] pos) {
        expect(s, pos, '"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = s.charAt(pos[0]++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                char e = s.charAt(pos[0]++);
                switch (e) {
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(pos[0], pos[0] + 4), 16));
                        pos[0] += 4;
                    }
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    default -> b.append(e);
                }
            } else {
                b.append(c);
            }
        }
    }

    private static void expect(String s, int[] pos, char c) {
        if (pos[0] >= s.length() || s.charAt(pos[0]) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + pos[0] + ": " + s);
        }
        pos[0]++;
    }

    private static void skipWs(String s, int[] pos) {
        while (pos[0] < s.length() && Character.isWhitespace(s.charAt(pos[0]))) {
            pos[0]++;
        }
    }
}
