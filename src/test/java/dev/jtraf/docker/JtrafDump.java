package dev.jtraf.docker;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.jtraf.cli.Main;
import dev.jtraf.lab.Lab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A running {@code jtraf --dump json} in its own JVM (the test classpath, as DaemonModeTest
 * runs it; {@link Lab#javaCommand} would give it the classes without their libraries), with its
 * output parsed into blocks of rows as they come.
 */
final class JtrafDump implements AutoCloseable {
    /** One dump block: its time and its rows by interface name ("total" and "host" included). */
    record Block(Instant time, Map<String, Map<String, Object>> rows) {
        Map<String, Object> row(String iface) {
            return rows.get(iface);
        }

        long num(String iface, String field) {
            Object v = rows.get(iface).get(field);
            return ((Number) v).longValue();
        }
    }

    private final Lab.Background process;
    private final Path log;

    private JtrafDump(Lab.Background process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code jtraf --dump json --log-file ... args}.
     *
     * @param env extra environment ({@code DOCKER_HOST=...}), may be empty
     */
    static JtrafDump start(Map<String, String> env, String... args) {
        Path log = Lab.dir("jtraf").resolve("jtraf-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".log");
        List<String> argv = new ArrayList<>(List.of("--dump", "json", "--log-file", log.toString()));
        argv.addAll(List.of(args));
        return new JtrafDump(spawn(env, argv), log);
    }

    /** Starts {@code jtraf args} as {@link #start} does, in any mode (--daemon). */
    static Lab.Background spawn(Map<String, String> env, List<String> args) {
        List<String> argv = new ArrayList<>();
        if (!env.isEmpty()) {
            argv.add("env");
            env.forEach((k, v) -> argv.add(k + "=" + v));
        }
        argv.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        argv.addAll(args);
        return Lab.spawn("jtraf", argv);
    }

    /** The blocks written so far (complete lines only), oldest first. */
    List<Block> blocks() {
        Map<String, Map<String, Map<String, Object>>> byTime = new LinkedHashMap<>();
        String out = process.stdout();
        int end = out.lastIndexOf('\n');
        for (String line : (end < 0 ? "" : out.substring(0, end)).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> row;
            try {
                row = JSON.std.mapFrom(line);
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON line: " + line, e);
            }
            byTime.computeIfAbsent((String) row.get("time"), t -> new LinkedHashMap<>()).put((String) row.get("iface"), row);
        }
        List<Block> blocks = new ArrayList<>();
        byTime.forEach((t, rows) -> blocks.add(new Block(Instant.parse(t), rows)));
        return blocks;
    }

    /** Waits for the first block stamped after {@code t} (its frames include all frames before {@code t}). */
    Block awaitBlockAfter(Instant t, Duration timeout) {
        return Lab.awaitValue("a jtraf block after " + t, timeout, () -> {
            if (!process.isAlive() && blocks().stream().noneMatch(b -> b.time().isAfter(t))) {
                throw new IllegalStateException("jtraf exited: " + process.stderr());
            }
            return blocks().stream().filter(b -> b.time().isAfter(t)).findFirst();
        });
    }

    /** The first block for which {@code cond} holds, once one does. */
    Block awaitBlock(String what, Duration timeout, java.util.function.Predicate<Block> cond) {
        return Lab.awaitValue(what, timeout, () -> {
            Optional<Block> b = blocks().stream().filter(cond).findFirst();
            if (b.isEmpty() && !process.isAlive()) {
                throw new IllegalStateException("jtraf exited before " + what + ": " + process.stderr());
            }
            return b;
        });
    }

    String stderr() {
        return process.stderr();
    }

    String stdout() {
        return process.stdout();
    }

    Path log() {
        return log;
    }

    /** Waits for jtraf to end by itself (--duration). */
    Lab.Result waitFor(Duration timeout) {
        return process.waitFor(timeout);
    }

    /** SIGINT: jtraf prints its final block and exits 0. */
    Lab.Result stop() {
        process.signal("INT");
        return process.waitFor(Duration.ofSeconds(15));
    }

    @Override
    public void close() {
        process.close();
    }
}
