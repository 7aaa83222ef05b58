package dev.jtraf.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.lab.Lab;
import dev.jtraf.metrics.Exposition;
import dev.jtraf.metrics.ReplayFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** --metrics and --daemon from the command line: validation, a busy port, and a daemon replay. */
class DaemonModeTest {
    private static final Pattern SERVING = Pattern.compile("jtraf: serving metrics on (http://127\\.0\\.0\\.1:\\d+/metrics)");

    @TempDir
    Path dir;

    private record Outcome(int code, String stderr) {
    }

    private Outcome main(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of("--log-file", dir.resolve("jtraf.log").toString()));
        try (PrintStream p = new PrintStream(err, true, UTF_8)) {
            System.setErr(p);
            int code = Main.run(argv.toArray(String[]::new));
            return new Outcome(code, err.toString(UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    private Path recording() throws IOException {
        return ReplayFixture.standard().writeTo(dir.resolve("fixture.pcapng"));
    }

    @Test
    void daemonWithoutMetricsIsAUsageError() throws Exception {
        Outcome o = main("--daemon", "-r", recording().toString());
        assertEquals(ExitCodes.USAGE, o.code());
        assertEquals("jtraf: --daemon only serves metrics: add --metrics [ADDR:]PORT (see jtraf --help)\n", o.stderr());
    }

    @Test
    void daemonAndDumpExcludeEachOther() throws Exception {
        Outcome o = main("--daemon", "--dump", "text", "--metrics", "0", "-r", recording().toString());
        assertEquals(ExitCodes.USAGE, o.code());
        assertTrue(o.stderr().contains("--daemon and --dump exclude each other"), o.stderr());
    }

    @Test
    @Timeout(30) // before the fix it served until signalled: this would hang
    void aDaemonReplayOfAFileThatCannotBeReadEndsAtOnce() throws Exception {
        // it used to serve empty metrics until signalled: a bad path looked like a healthy service
        Path missing = dir.resolve("missing.pcap");
        Outcome o = main("--daemon", "--metrics", "127.0.0.1:0", "-r", missing.toString());
        assertEquals(ExitCodes.UNREADABLE_INPUT, o.code(), o.stderr());
        // its line alone: no "serving metrics on ..." before it (a service that looked up for a moment)
        assertEquals(List.of("jtraf: cannot open capture file " + missing + ": no such file (check the path)"),
                jtrafLines(o.stderr()), o.stderr());
        Path text = Files.writeString(dir.resolve("notes.pcap"), "not a capture\n");
        Outcome notCapture = main("--daemon", "--metrics", "127.0.0.1:0", "-r", text.toString());
        assertEquals(ExitCodes.UNREADABLE_INPUT, notCapture.code(), notCapture.stderr());
        List<String> said = jtrafLines(notCapture.stderr());
        assertTrue(said.size() == 1 && said.get(0).startsWith("jtraf: notes.pcap: not a pcap or pcapng capture"),
                notCapture.stderr());
    }

    @Test
    void aMalformedMetricsAddressIsAUsageError() throws Exception {
        Outcome o = main("--metrics", "localhost", "--dump", "text", "-r", recording().toString());
        assertEquals(ExitCodes.USAGE, o.code());
        assertTrue(o.stderr().startsWith("jtraf: --metrics takes [ADDR:]PORT"), o.stderr());
    }

    @Test
    void aMetricsPortInUseEndsWithOneLineAndExitCode7BeforeAnythingRuns() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Outcome o = main("--metrics", "127.0.0.1:" + busy.getLocalPort(), "--dump", "text", "-r",
                    recording().toString());
            assertEquals(ExitCodes.METRICS_UNAVAILABLE, o.code());
            assertEquals(1, o.stderr().lines().count(), o.stderr());
            assertTrue(o.stderr().startsWith("jtraf: cannot serve metrics on 127.0.0.1:" + busy.getLocalPort() + ": "),
                    o.stderr());
            assertTrue(o.stderr().contains("in use"), o.stderr());
        }
    }

    /**
     * A link-local address this host does not hold, without an interface: the kernel's "Invalid
     * argument", and where the host's own are listed (the JDK finds the interface of one it holds).
     */
    @Test
    void anUnscopedLinkLocalMetricsAddressNotOfThisHostSaysWhereTheyAreListed() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/net/if_inet6")), "IPv6 is off on this machine");
        Outcome o = main("--metrics", "[fe80::1]:0", "--dump", "text", "-r", recording().toString());
        assertEquals(ExitCodes.METRICS_UNAVAILABLE, o.code());
        assertEquals(List.of("jtraf: cannot serve metrics on [fe80::1]:0: Invalid argument (not a link-local address of"
                + " this host: ip -6 address lists them; one may also be named with its interface, [fe80::...%eth0]:PORT)"),
                jtrafLines(o.stderr()), o.stderr());
    }

    /**
     * A zone naming an interface without a link-local address ({@code %lo}) is an address this
     * host does not have, exit 7 as for any other (the JDK's lookup said "unknown host", exit 3);
     * one naming no interface is a mistake in the command line.
     */
    @Test
    void aLinkLocalAddressOnAnInterfaceWithoutOneIsNotOfThisHost() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/net/if_inet6")), "IPv6 is off on this machine");
        Outcome lo = main("--metrics", "[fe80::1%lo]:0", "--dump", "text", "-r", recording().toString());
        assertEquals(ExitCodes.METRICS_UNAVAILABLE, lo.code(), lo.stderr());
        assertTrue(String.join("\n", jtrafLines(lo.stderr())).startsWith("jtraf: cannot serve metrics on [fe80::1%lo]:0:"
                + " Cannot assign requested address (not an address of this host"), lo.stderr());
        Outcome none = main("--metrics", "[fe80::1%nosuch0]:0", "--dump", "text", "-r", recording().toString());
        assertEquals(ExitCodes.USAGE, none.code(), none.stderr());
        assertEquals(List.of("jtraf: --metrics: fe80::1%nosuch0: there is no interface 'nosuch0' (ip -brief link lists"
                + " them) (see jtraf --help)"), jtrafLines(none.stderr()), none.stderr());
        // the serving line's own form, pasted back: the zone as a URL writes it
        Outcome url = main("--metrics", "[fe80::1%25lo]:0", "--dump", "text", "-r", recording().toString());
        assertEquals(ExitCodes.USAGE, url.code(), url.stderr());
        assertEquals(List.of("jtraf: --metrics: fe80::1%25lo: there is no interface '25lo' (write the zone as %lo here:"
                + " %25 is how a URL writes the %) (see jtraf --help)"), jtrafLines(url.stderr()), url.stderr());
    }

    /** An interface with no address at all, which the JDK's own list of interfaces leaves out: not "no interface". */
    @Test
    void aZoneOnAnInterfaceWithoutAnyAddressIsNotOfThisHostEither() throws Exception {
        Lab.assumeRoot();
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/net/if_inet6")), "IPv6 is off on this machine");
        String name = "jtz" + Long.toHexString(System.nanoTime() & 0xffffffL);
        // a veth pair left down: no address at all, not even a link-local one
        Lab.shOk(Duration.ofSeconds(10), "ip", "link", "add", name, "type", "veth", "peer", "name", name + "p");
        try {
            Outcome o = main("--metrics", "[fe80::1%" + name + "]:0", "--dump", "text", "-r", recording().toString());
            assertEquals(ExitCodes.METRICS_UNAVAILABLE, o.code(), o.stderr());
            assertTrue(String.join("\n", jtrafLines(o.stderr())).startsWith("jtraf: cannot serve metrics on [fe80::1%"
                    + name + "]:0: "), o.stderr());
        } finally {
            Lab.sh(Duration.ofSeconds(10), "ip", "link", "del", name);
        }
    }

    /**
     * One of the host's own link-local addresses needs no interface: the serving line names it,
     * as a URL writes a zone. The address is a settled one (permanent, not tentative) of the
     * interface with the lowest index, not a veth that a concurrent test may be creating or removing.
     */
    @Test
    void anOwnLinkLocalAddressServesWithoutItsInterface() throws Exception {
        Path table = Path.of("/proc/net/if_inet6"); // address, ifindex, prefix, scope, flags, name
        Assumptions.assumeTrue(Files.exists(table), "IPv6 is off on this machine");
        String bare = null;
        String ifName = null;
        int lowest = Integer.MAX_VALUE;
        for (String line : Files.readAllLines(table)) {
            String[] f = line.trim().split("\\s+");
            int index = Integer.parseInt(f[1], 16);
            int flags = Integer.parseInt(f[4], 16);
            boolean settled = (flags & 0x80) != 0 && (flags & (0x40 | 0x08)) == 0; // permanent; not tentative, not DAD-failed
            if (f[3].equals("20") && settled && index < lowest) {
                lowest = index;
                bare = f[0].replaceAll("(.{4})(?!$)", "$1:");
                ifName = f[5];
            }
        }
        Assumptions.assumeTrue(bare != null, "no interface of this machine has a settled link-local IPv6 address");
        Outcome o = main("--metrics", "[" + bare + "]:0", "--dump", "text", "-r", recording().toString());
        assertEquals(ExitCodes.OK, o.code(), o.stderr());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("serving metrics on http://\\[([0-9a-f:]+)%25"
                + java.util.regex.Pattern.quote(ifName) + "\\]:[0-9]+/metrics\n").matcher(o.stderr());
        assertTrue(m.find(), o.stderr());
        assertEquals(InetAddress.getByName(bare), InetAddress.getByName(m.group(1)), "the address served");
    }

    @Test
    void dumpWithMetricsRunsToTheEndAndReleasesThePort() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        PrintStream savedOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Outcome o;
        try (PrintStream p = new PrintStream(out, true, UTF_8)) {
            System.setOut(p);
            o = main("--metrics", "127.0.0.1:" + port, "--dump", "json", "-r", recording().toString());
        } finally {
            System.setOut(savedOut);
        }
        assertEquals(ExitCodes.OK, o.code(), o.stderr());
        assertEquals(List.of(), jtrafLines(o.stderr()), "a dump with a given port says nothing about it");
        assertTrue(out.toString(UTF_8).contains("\"if3\""), "the dump still printed");
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(port, again.getLocalPort(), "the metrics port was released");
        }
    }

    @Test
    void aDumpWithMetricsOnAnyFreePortSaysWhichOne() throws Exception {
        // was: the port chosen for --metrics 0 appeared only in the log file
        PrintStream savedOut = System.out;
        Outcome o;
        try (PrintStream p = new PrintStream(new ByteArrayOutputStream(), true, UTF_8)) {
            System.setOut(p);
            o = main("--metrics", "0", "--dump", "json", "-r", recording().toString());
        } finally {
            System.setOut(savedOut);
        }
        assertEquals(ExitCodes.OK, o.code(), o.stderr());
        List<String> lines = jtrafLines(o.stderr());
        assertEquals(1, lines.size(), o.stderr());
        assertTrue(SERVING.matcher(lines.get(0)).matches(), o.stderr());
    }

    /**
     * jtraf's own lines on stderr; in a whole test run another test may have set up the logger
     * of this JVM to write there too ("[main] INFO ...").
     */
    private static List<String> jtrafLines(String stderr) {
        return stderr.lines().filter(l -> l.startsWith("jtraf: ")).toList();
    }

    /**
     * The real program in its own JVM: a daemon replay serves the recording's totals after the
     * end of the file, keeps serving them, and stops on SIGTERM.
     */
    @Test
    void daemonServesTheReplayedTotalsAfterTheEndOfTheFileUntilSigterm() throws Exception {
        Path file = recording();
        ReplayFixture fx = ReplayFixture.standard();
        Path errFile = dir.resolve("daemon.err");
        Path log = dir.resolve("daemon.log");
        Process p = startDaemon(file, errFile, log);
        try {
            String[] url = new String[1];
            await("the serving line on stderr", () -> {
                Matcher m = SERVING.matcher(read(errFile));
                if (m.find()) {
                    url[0] = m.group(1);
                    return true;
                }
                assertTrue(p.isAlive(), "jtraf exited early: " + read(errFile));
                return false;
            });
            await("the end of the replay in the log", () -> read(log).contains("replay ended after " + fx.sent().size()));
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest get = HttpRequest.newBuilder(URI.create(url[0])).build();
            for (int scrape = 0; scrape < 2; scrape++) {
                HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString(UTF_8));
                assertEquals(200, r.statusCode());
                Exposition e = Exposition.parse(r.body());
                assertEquals(fx.sent().size(), e.value("jtraf_frames_decoded_total"));
                for (String iface : List.of("if3", "if7", "eth9")) {
                    assertEquals(fx.bytes(s -> s.iface().equals(iface)), e.sum("jtraf_interface_bytes_total",
                            "iface", iface), iface);
                }
                assertEquals(fx.packets(s -> s.iface().equals("if3") && s.dir().equals("in")),
                        e.value("jtraf_interface_packets_total", "iface", "if3", "direction", "in"));
            }
            assertTrue(p.isAlive(), "still serving after the end of the file");
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "stopped on SIGTERM");
            assertEquals(0, p.exitValue(), "SIGTERM is a daemon's normal end: 0, not 128 + 15 (systemctl stop)");
            assertTrue(read(log).contains("daemon stopping"), read(log));
            try {
                http.send(get, HttpResponse.BodyHandlers.discarding());
                throw new AssertionError("still listening after exit");
            } catch (ConnectException expected) {
                // the port is closed
            }
            assertEquals(1, read(errFile).lines().count(), "one line on stderr: " + read(errFile));
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * A daemon replay of a file cut inside its last block serves what it read, says once what is
     * wrong, and, stopped by SIGINT, exits with the damaged file's code 5, not 130.
     */
    @Test
    void aDaemonReplayOfADamagedFileExitsWithItsCodeWhenSignalled() throws Exception {
        Path whole = recording();
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.pcapng"), java.util.Arrays.copyOf(bytes, bytes.length - 10));
        Path errFile = dir.resolve("daemon.err");
        Path log = dir.resolve("daemon.log");
        Process p = startDaemon(cut, errFile, log);
        try {
            await("the damage named on stderr", () -> {
                assertTrue(p.isAlive(), "jtraf exited early: " + read(errFile));
                return read(errFile).contains("damaged capture file");
            });
            await("the end of the replay in the log", () -> read(log).contains("serving its totals"));
            assertTrue(p.isAlive(), "still serving what was read");
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor(), "kill -INT");
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "stopped on SIGINT");
            assertEquals(5, p.exitValue(), "the damaged file's exit code, not 128 + SIGINT: " + read(errFile));
            List<String> lines = read(errFile).lines().toList();
            assertEquals(2, lines.size(), "the serving line and the damage, once: " + lines);
            assertTrue(lines.get(1).startsWith("jtraf: cut.pcapng: damaged capture file"), lines.get(1));
        } finally {
            p.destroyForcibly();
        }
    }

    private static Process startDaemon(Path file, Path errFile, Path log) throws IOException {
        List<String> argv = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--daemon", "--metrics", "127.0.0.1:0", "-r", file.toString(), "--log-file",
                log.toString());
        return new ProcessBuilder(argv).redirectErrorStream(false)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, UTF_8) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
