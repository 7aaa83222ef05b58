package dev.jtraf.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A parsed Prometheus text-format (0.0.4) exposition, for tests: samples by metric name and
 * labels, HELP and TYPE lines. Written from the format's specification, independently of the
 * client library that produced the text.
 */
public final class Exposition {
    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public String label(String key) {
            return labels.get(key);
        }
    }

    private final List<Sample> samples;
    private final Map<String, String> types;

    private Exposition(List<Sample> samples, Map<String, String> types) {
        this.samples = samples;
        this.types = types;
    }

    public static Exposition parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] f = line.substring(7).split(" ");
                types.put(f[0], f[1]);
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            samples.add(sample(line));
        }
        return new Exposition(List.copyOf(samples), Collections.unmodifiableMap(types));
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space;
        Map<String, String> labels = new TreeMap<>();
        String name;
        if (brace >= 0 && brace < line.indexOf(' ')) {
            name = line.substring(0, brace);
            int i = brace + 1;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String key = line.substring(i, eq).trim();
                if (line.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException("label value not quoted: " + line);
                }
                StringBuilder v = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char n = line.charAt(++j);
                        v.append(n == 'n' ? '\n' : n);
                    } else {
                        v.append(c);
                    }
                }
                labels.put(key, v.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            space = i + 1;
        } else {
            space = line.indexOf(' ');
            name = line.substring(0, space);
        }
        String[] rest = line.substring(space).trim().split(" ");
        return new Sample(name, Collections.unmodifiableMap(labels), Double.parseDouble(rest[0]));
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The TYPE declared for a metric family ("counter", "gauge", ...), or null. */
    public String type(String family) {
        return types.get(family);
    }

    /** Sample names starting with {@code prefix}, sorted. */
    public Set<String> names(String prefix) {
        Set<String> s = new TreeSet<>();
        for (Sample x : samples) {
            if (x.name().startsWith(prefix)) {
                s.add(x.name());
            }
        }
        return s;
    }

    /** Samples of {@code name} whose labels include all the {@code key, value} pairs given. */
    public List<Sample> select(String name, String... keyValues) {
        Predicate<Sample> p = s -> s.name().equals(name);
        for (int i = 0; i < keyValues.length; i += 2) {
            String k = keyValues[i];
            String v = keyValues[i + 1];
            p = p.and(s -> v.equals(s.labels().get(k)));
        }
        return samples.stream().filter(p).toList();
    }

    /** The one sample of {@code name} with these labels; fails if there is not exactly one. */
    public double value(String name, String... keyValues) {
        List<Sample> s = select(name, keyValues);
        if (s.size() != 1) {
            throw new AssertionError("expected one sample of " + name + " " + String.join(",", keyValues) + ", got "
                    + s);
        }
        return s.get(0).value();
    }

    /** The sum over the samples {@link #select} finds (0 if none). */
    public double sum(String name, String... keyValues) {
        return select(name, keyValues).stream().mapToDouble(Sample::value).sum();
    }
}
