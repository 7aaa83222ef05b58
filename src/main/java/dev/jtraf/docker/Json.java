package dev.jtraf.docker;

import java.util.List;
import java.util.Map;

/**
 * Typed reads from the maps and lists jackson-jr makes of Engine API answers. Every getter
 * tolerates a missing key or a value of another type (the API adds and deprecates fields
 * between versions) by returning null, "" or an empty container.
 */
final class Json {
    private Json() {
    }

    /** The value at a path of keys, or null. */
    static Object at(Object root, String... keys) {
        Object o = root;
        for (String k : keys) {
            if (!(o instanceof Map)) {
                return null;
            }
            o = ((Map<?, ?>) o).get(k);
        }
        return o;
    }

    /** A string, or null if absent or empty. */
    static String str(Object root, String... keys) {
        Object o = at(root, keys);
        if (o == null) {
            return null;
        }
        String s = o.toString();
        return s.isEmpty() ? null : s;
    }

    /** A number, or {@code dflt}. */
    static long num(Object root, long dflt, String... keys) {
        Object o = at(root, keys);
        return o instanceof Number ? ((Number) o).longValue() : dflt;
    }

    static boolean bool(Object root, String... keys) {
        return Boolean.TRUE.equals(at(root, keys));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object root, String... keys) {
        Object o = at(root, keys);
        return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object root, String... keys) {
        Object o = at(root, keys);
        return o instanceof List ? (List<Object>) o : List.of();
    }
}
