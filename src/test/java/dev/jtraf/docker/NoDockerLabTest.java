package dev.jtraf.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.lab.Lab;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Without a Docker socket a live dump runs as before and says once, on stderr, why there are
 * no container names (stdout is data); the log file says it once too. An engine that stops
 * answering mid-run is said once on stderr too, and once when it answers again. Needs root for
 * the live capture, not Docker.
 */
@Tag(Lab.TAG)
class NoDockerLabTest {
    @Test
    void withoutTheSocketJtrafRunsAndSaysWhyInOneLine() throws IOException {
        Lab.assumeRoot();
        try (JtrafDump jtraf = JtrafDump.start(Map.of("DOCKER_HOST", "unix:///nonexistent.sock"), "--duration", "2",
                "-i", "lo")) {
            Lab.Result r = jtraf.waitFor(Duration.ofSeconds(30));
            assertEquals(0, r.exitCode(), r.describe());
            assertEquals("jtraf: no container names: cannot reach Docker at /nonexistent.sock (no such socket; is Docker"
                    + " installed and running?)\n", r.stderr());
            assertTrue(r.stdout().contains("{\"time\":"), r.describe());
            for (JtrafDump.Block b : jtraf.blocks()) {
                assertEquals(null, b.row("lo").get("container"));
                assertEquals(null, b.row("lo").get("network"));
                assertEquals("host", b.row("host").get("scope"), "the host total needs no Docker");
            }
            String log = Files.readString(jtraf.log());
            assertEquals(1, log.split("no container names", -1).length - 1, log);
            assertTrue(!log.contains("Exception"), log);
        }
    }

    /**
     * An engine that listens and never answers (a hung dockerd): the dump waits for it until it
     * has been silent for the stall threshold (5 s), says so in one line, and runs its --duration.
     * Was: it waited forever (the error audit: killed after 200 s with nothing written; SIGTERM
     * gave no final block either).
     */
    @Test
    void aSilentEngineDelaysTheDumpOnlyUntilFoundSilentAndIsNamed() throws IOException {
        Lab.assumeRoot();
        Path dir = Files.createTempDirectory("jtraf-silent-engine");
        Path socket = dir.resolve("docker.sock");
        try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.bind(UnixDomainSocketAddress.of(socket)); // listens; accepts nothing, answers nothing
            try (JtrafDump jtraf = JtrafDump.start(Map.of("DOCKER_HOST", "unix://" + socket), "--duration", "2",
                    "-i", "lo")) {
                Lab.Result r = jtraf.waitFor(Duration.ofSeconds(40));
                assertEquals(0, r.exitCode(), r.describe());
                assertEquals("jtraf: no container names: Docker at " + socket
                        + " does not answer (no reply within 5 s; is the engine hung?)\n", r.stderr());
                List<JtrafDump.Block> blocks = jtraf.blocks();
                assertTrue(blocks.size() >= 2, r.describe());
                assertEquals(true, blocks.get(blocks.size() - 1).row("total").get("final"), r.describe());
            }
        } finally {
            Files.deleteIfExists(socket);
            Files.delete(dir);
        }
    }

    /**
     * An engine that answers the first view and then hangs mid-run: one line on stderr says
     * the names may be out of date (after 5 s of silence), and one that they are current again
     * when it answers; stdout stays dump data. Was: the dump said nothing (only the dashboard
     * and its Docker screen did).
     */
    @Test
    void anEngineThatHangsMidRunIsSaidOnceAndSoIsItsReturn() throws IOException {
        dumpSaysTheHangAndItsReturnOnce(false, Duration.ofSeconds(30));
    }

    /**
     * An engine that hangs whole mid-run, as dockerd does under {@code kill -STOP} (no answer,
     * and the event window under way never ends), just after jtraf's full listing: said within
     * an event window and the stall threshold (15 s; 20 allowed), and so is its return. Was:
     * said only once the next full re-listing, 30 s after the last, had waited 5 s on it, about
     * 33 s after the hang.
     */
    @Test
    void anEngineThatHangsWholeBetweenListingsIsSaidWithinAnEventWindowAndTheThreshold() throws IOException {
        dumpSaysTheHangAndItsReturnOnce(true, Duration.ofSeconds(20));
    }

    /**
     * Runs a dump on a {@link HangingEngine}, hangs it after the first block and lets it
     * answer again: the line about each comes ({@code within} that for the hang), once, on
     * stderr; stdout stays dump data, to the final block.
     */
    private static void dumpSaysTheHangAndItsReturnOnce(boolean streamsEvents, Duration within) throws IOException {
        Lab.assumeRoot();
        try (HangingEngine engine = new HangingEngine(streamsEvents);
                JtrafDump jtraf = JtrafDump.start(engine.env(), "-i", "lo")) {
            // the dump starts once the first view (a full listing) is made: its first block is
            // a second or two after, the next full listing 30 s after
            jtraf.awaitBlock("a first block", Duration.ofSeconds(30), b -> true);
            assertEquals("", jtraf.stderr(), "Docker answered: nothing to say");
            String said = engine.hangAndAnswerAgain(jtraf::stderr, within);
            jtraf.awaitBlockAfter(Instant.now().plusSeconds(1), Duration.ofSeconds(30)); // time for a repeated line
            Lab.Result r = jtraf.stop(); // SIGINT: the final block, and the shell's 130
            assertEquals(130, r.exitCode(), r.describe());
            assertEquals(said, r.stderr(), "each said once");
            for (String line : r.stdout().split("\n")) {
                assertTrue(line.startsWith("{\"time\":"), "not a dump line on stdout: " + line);
            }
            assertEquals(true, jtraf.blocks().get(jtraf.blocks().size() - 1).row("total").get("final"), r.describe());
        }
    }

    /** The same for --daemon, whose stderr goes to the journal: after the line where it serves. */
    @Test
    void aDaemonSaysTheHangAndTheReturnOnceToo() throws IOException {
        Lab.assumeRoot();
        Path log = Lab.dir("jtraf").resolve("jtraf-daemon-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".log");
        try (HangingEngine engine = new HangingEngine(false);
                Lab.Background jtraf = JtrafDump.spawn(engine.env(), List.of("--daemon", "--metrics", "127.0.0.1:0",
                        "-i", "lo", "--log-file", log.toString()))) {
            jtraf.awaitOutput("the line where it serves", Duration.ofSeconds(30),
                    o -> jtraf.stderr().contains("serving metrics on") && jtraf.stderr().endsWith("\n"));
            String serving = jtraf.stderr();
            String said = engine.hangAndAnswerAgain(jtraf::stderr, Duration.ofSeconds(30));
            jtraf.signal("TERM");
            Lab.Result r = jtraf.waitFor(Duration.ofSeconds(15));
            assertEquals(0, r.exitCode(), r.describe());
            assertEquals(serving + said, r.stderr(), "each said once");
            // and into the log file, once each (the thread that would log it was waiting on the engine)
            String logged = Files.readString(log);
            assertEquals(1, logged.split("does not answer", -1).length - 1, logged);
            assertEquals(1, logged.split("answers again", -1).length - 1, logged);
            assertTrue(logged.indexOf("does not answer") < logged.indexOf("answers again"), logged);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /**
     * A stub engine with no containers that answers at first, then hangs on request; what jtraf
     * says of it on stderr is checked by {@link #hangAndAnswerAgain}.
     */
    private static final class HangingEngine implements AutoCloseable {
        private final Path dir = Files.createTempDirectory("jtraf-hanging-engine");
        private final StubEngine stub = new StubEngine(dir).version("1.41", "1.12");
        private final boolean streamsEvents;

        /**
         * @param streamsEvents whether it streams event windows as dockerd does; if not, its
         *                      {@code /events} is a 404, and jtraf re-lists every second or so
         */
        HangingEngine(boolean streamsEvents) throws IOException {
            this.streamsEvents = streamsEvents;
            stub.on("/v1.41/networks", 200, "[]").on("/v1.41/containers/json", 200, "[]");
            if (streamsEvents) {
                stub.streamEvents();
            }
        }

        Map<String, String> env() {
            return Map.of("DOCKER_HOST", "unix://" + stub.socket());
        }

        /**
         * Hangs the engine, awaits jtraf's line about it ({@code within} that), lets it answer,
         * awaits the line about that, and returns both lines.
         */
        String hangAndAnswerAgain(Supplier<String> stderr, Duration within) {
            // without an event stream the watcher re-lists every second or so, and its next
            // listing is never answered; with one, nothing is answered, as under kill -STOP,
            // and the event window under way does not end
            stub.hang(streamsEvents ? "/" : "/v1.41/networks");
            String stale = "jtraf: container names may be out of date: Docker at " + stub.socket()
                    + " does not answer (no reply within 5 s; is the engine hung?)\n";
            Duration found = Lab.await("the line that names may be out of date", within, () -> stderr.get().contains(stale));
            stub.answerAgain();
            String again = "jtraf: Docker answers again; container names are current\n";
            Duration back = Lab.await("the line that they are current again", Duration.ofSeconds(30),
                    () -> stderr.get().contains(again));
            Lab.log("hung engine (%s): said %d ms after the hang, its return %d ms after it answered",
                    streamsEvents ? "with an event stream" : "without one", found.toMillis(), back.toMillis());
            return stale + again;
        }

        @Override
        public void close() throws IOException {
            stub.close();
            Files.delete(dir);
        }
    }
}
