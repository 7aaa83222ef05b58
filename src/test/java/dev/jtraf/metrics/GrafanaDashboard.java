package dev.jtraf.metrics;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The committed Grafana dashboard, read for tests: a strict JSON syntax check (RFC 8259, written
 * here so the tests need no JSON library) and its PromQL expressions with Grafana's variables
 * replaced by values Prometheus accepts.
 */
final class GrafanaDashboard {
    static final Path FILE = Path.of("src/main/grafana/jtraf-dashboard.json");
    private static final Pattern EXPR = Pattern.compile("\"expr\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private GrafanaDashboard() {
    }

    static String text() throws IOException {
        return Files.readString(FILE, UTF_8);
    }

    /** The panels' PromQL, unescaped, variables replaced ($job etc. by .*, intervals by 1m). */
    static List<String> queries(String json) {
        List<String> out = new ArrayList<>();
        Matcher m = EXPR.matcher(json);
        while (m.find()) {
            String q = m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
            out.add(q.replace("$__rate_interval", "1m").replace("$__range", "1m").replace("$job", ".*")
                    .replace("$instance", ".*").replace("$iface", ".*"));
        }
        return out;
    }

    /** Throws {@link IllegalArgumentException} with the offset unless {@code s} is one JSON value. */
    static void checkJson(String s) {
        int end = skipWs(s, value(s, skipWs(s, 0)));
        if (end != s.length()) {
            throw new IllegalArgumentException("trailing characters at " + end);
        }
    }

    private static int value(String s, int i) {
        if (i >= s.length()) {
            throw new IllegalArgumentException("value expected at end");
        }
        char c = s.charAt(i);
        if (c == '{') {
            return container(s, i, '}', true);
        }
        if (c == '[') {
            return container(s, i, ']', false);
        }
        if (c == '"') {
            return string(s, i);
        }
        for (String lit : new String[] {"true", "false", "null"}) {
            if (s.startsWith(lit, i)) {
                return i + lit.length();
            }
        }
        Matcher n = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?").matcher(s).region(i, s.length());
        if (n.lookingAt()) {
            return n.end();
        }
        throw new IllegalArgumentException("value expected at " + i);
    }

    private static int container(String s, int i, char close, boolean object) {
        i = skipWs(s, i + 1);
        if (s.charAt(i) == close) {
            return i + 1;
        }
        while (true) {
            if (object) {
                if (s.charAt(i) != '"') {
                    throw new IllegalArgumentException("key expected at " + i);
                }
                i = skipWs(s, string(s, i));
                if (s.charAt(i) != ':') {
                    throw new IllegalArgumentException("':' expected at " + i);
                }
                i = skipWs(s, i + 1);
            }
            i = skipWs(s, value(s, i));
            if (s.charAt(i) == close) {
                return i + 1;
            }
            if (s.charAt(i) != ',') {
                throw new IllegalArgumentException("',' or '" + close + "' expected at " + i);
            }
            i = skipWs(s, i + 1);
        }
    }

    private static int string(String s, int i) {
        for (int j = i + 1; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '"') {
                return j + 1;
            }
            if (c < 0x20) {
                throw new IllegalArgumentException("control character in string at " + j);
            }
            if (c == '\\') {
                char e = s.charAt(++j);
                if (e == 'u') {
                    if (!s.substring(j + 1, j + 5).matches("[0-9a-fA-F]{4}")) {
                        throw new IllegalArgumentException("bad \\u escape at " + j);
                    }
                    j += 4;
                } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                    throw new IllegalArgumentException("bad escape at " + j);
                }
            }
        }
        throw new IllegalArgumentException("unterminated string from " + i);
    }

    private static int skipWs(String s, int i) {
        while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }
}
