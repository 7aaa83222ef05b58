package dev.jtraf.view.tui;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real terminal for end-to-end tests: a tmux server of its own (private socket, no user
 * config) with one window running a plain shell. Keys go in with {@code send-keys}, the screen
 * comes back with {@code capture-pane}; conditions are awaited by polling the screen, never by
 * sleeping for a fixed time.
 */
final class Tmux implements AutoCloseable {
    static final String PROMPT = "jtraf-e2e$ ";
    private static final long POLL_MILLIS = 50;

    private final String socket;
    private final String target;
    private final Path socketPath;

    /** Starts a detached session of {@code columns} x {@code rows} running a bash with {@link #PROMPT}. */
    Tmux(String name, int columns, int rows) {
        this.socket = "jtraf-e2e-" + ProcessHandle.current().pid() + "-" + name;
        this.target = name;
        run("new-session", "-d", "-s", name, "-x", String.valueOf(columns), "-y", String.valueOf(rows),
                "env LANG=C.UTF-8 PS1='" + PROMPT + "' HISTFILE=/dev/null bash --norc --noprofile");
        socketPath = Path.of(run("display-message", "-p", "-t", name, "#{socket_path}").strip());
        try {
            run("set-option", "-t", name, "status", "off");
            await("the shell prompt", s -> s.contains(PROMPT.strip()));
        } catch (RuntimeException | AssertionError e) {
            close();
            throw e;
        }
    }

    /** True if a tmux binary answers {@code -V}. */
    static boolean available() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Types {@code text} literally, then Enter. */
    void line(String text) {
        run("send-keys", "-t", target, "-l", text);
        run("send-keys", "-t", target, "Enter");
    }

    /** Sends tmux key names: {@code Enter}, {@code Escape}, {@code Down}, {@code C-c}, or plain letters. */
    void keys(String... keys) {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", target));
        args.addAll(List.of(keys));
        run(args.toArray(new String[0]));
    }

    void resize(int columns, int rows) {
        run("resize-window", "-t", target, "-x", String.valueOf(columns), "-y", String.valueOf(rows));
    }

    /** The visible screen, one line per row (tmux leaves trailing blanks off). */
    String screen() {
        return run("capture-pane", "-p", "-t", target);
    }

    /** Polls the screen until {@code condition} holds; fails with the last screen after {@code seconds}. */
    String await(String what, Predicate<String> condition) {
        return await(what, 20, condition);
    }

    String await(String what, int seconds, Predicate<String> condition) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        String s = screen();
        while (!condition.test(s)) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + seconds + " s waiting for " + what + "; the terminal shows:\n" + s);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
            s = screen();
        }
        return s;
    }

    @Override
    public void close() {
        try {
            command("kill-server");
        } catch (IOException | InterruptedException e) {
            // the server may be gone already
        }
        try {
            Files.deleteIfExists(socketPath); // tmux leaves it behind when killed
        } catch (IOException e) {
            // a stale socket file in tmux's own directory harms nothing
        }
    }

    private String run(String... args) {
        try {
            return command(args);
        } catch (IOException e) {
            throw new IllegalStateException("tmux " + String.join(" ", args) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String command(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-u", "-L", socket, "-f", "/dev/null"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("LANG", "C.UTF-8");
        env.remove("TMUX");
        Process p = pb.start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out");
        }
        if (p.exitValue() != 0) {
            throw new IOException("exit " + p.exitValue() + ": " + out.strip());
        }
        return out;
    }
}
