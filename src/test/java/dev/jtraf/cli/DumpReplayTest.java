package dev.jtraf.cli;

import static dev.jtraf.decode.Frames.ARP;
import static dev.jtraf.decode.Frames.ICMP;
import static dev.jtraf.decode.Frames.IPV4;
import static dev.jtraf.decode.Frames.IPV6;
import static dev.jtraf.decode.Frames.TCP;
import static dev.jtraf.decode.Frames.UDP;
import static dev.jtraf.decode.Frames.ethernet;
import static dev.jtraf.decode.Frames.ipv4;
import static dev.jtraf.decode.Frames.sll;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.googlecode.lanterna.TerminalTextUtils;

import dev.jtraf.bench.CaptureGen;
import dev.jtraf.decode.Frames;
import dev.jtraf.lab.Lab;
import dev.jtraf.source.CaptureFiles.Pcap;
import dev.jtraf.source.CaptureFiles.Pcapng;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headless dump of a replay, run in-process through {@link Main#run}, compared whole with
 * goldens worked out by hand; and the exit codes of runs that fail.
 *
 * <p>The recording: eth0 (Ethernet, direction unknown) and wg0 (Linux cooked, ARPHRD_NONE: no
 * link header, direction known), from 2023-11-14T22:13:20Z (T):
 * <pre>
 *   T+0.10  eth0  IPv4 TCP            54 B
 *   T+0.20  eth0  ARP broadcast       42 B
 *   T+0.30  wg0   IPv4 UDP in        100 B  (116 captured with the 16-byte cooked header)
 *   T+1.50  eth0  IPv6 UDP multicast 100 B
 *   T+1.60  wg0   IPv4 ICMP out       84 B
 *   T+2.25  eth0  IPv4, bad checksum  60 B
 *   T+2.75  wg0   IPv4 TCP in         40 B
 * </pre>
 * Blocks at T+1 and T+2 (the first frame after each boundary ends the interval), then the
 * totals at the last frame's time. Activity, window 5, over the complete seconds since each
 * interface's first: at T+1 eth0 96 B / 1 s = 768 bit/s, wg0 800; at T+2 eth0 196 B / 2 s =
 * 784, wg0 184 / 2 = 736; at the end (T+3 complete) eth0 256 / 3 = 682.67, wg0 224 / 3 = 597.33.
 * The total's in/out are unknown (null, empty, "-"): eth0's direction is unknown, and a sum of
 * wg0's alone would pass for the whole recording's.
 */
class DumpReplayTest {
    private static final long T = 1_700_000_000L;

    @TempDir
    Path dir;

    private record Result(int exitCode, String out, String err) {
    }

    private static Result jtraf(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--log-file";
        all[args.length + 1] = "/tmp/jtraf-test.log";
        try {
            System.setOut(new PrintStream(out, true, UTF_8));
            System.setErr(new PrintStream(err, true, UTF_8));
            int code = Main.run(all);
            return new Result(code, out.toString(UTF_8), err.toString(UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    private static long nanos(long second, int millis) {
        return second * 1_000_000_000L + millis * 1_000_000L;
    }

    private Path recording() throws IOException {
        int arphrdNone = 65534;
        byte[] tcp = ethernet(Frames.UNICAST_MAC, ipv4(TCP, Frames.tcp()).build(), IPV4);
        byte[] arp = ethernet(Frames.BROADCAST_MAC, Frames.arp(), ARP);
        byte[] udpIn = sll(0, arphrdNone, IPV4, ipv4(UDP, Frames.udp(72)).build());
        byte[] multicast = ethernet(Frames.IPV6_ALL_NODES_MAC, Frames.ipv6(UDP, Frames.V6_ALL_NODES, Frames.udp(38)),
                IPV6);
        byte[] icmpOut = sll(4, arphrdNone, IPV4, ipv4(ICMP, Frames.icmpEcho(56)).build());
        byte[] badIp = ethernet(Frames.UNICAST_MAC, ipv4(UDP, Frames.udp(18)).wrongChecksum().build(), IPV4);
        byte[] tcpIn = sll(0, arphrdNone, IPV4, ipv4(TCP, Frames.tcp()).build());
        byte[] file = new Pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(1, "eth0", 9)
                .interfaceBlock(113, "wg0", 9)
                .enhancedPacket(0, nanos(T, 100), tcp, tcp.length)
                .enhancedPacket(0, nanos(T, 200), arp, arp.length)
                .enhancedPacket(1, nanos(T, 300), udpIn, udpIn.length)
                .enhancedPacket(0, nanos(T + 1, 500), multicast, multicast.length)
                .enhancedPacket(1, nanos(T + 1, 600), icmpOut, icmpOut.length)
                .enhancedPacket(0, nanos(T + 2, 250), badIp, badIp.length)
                .enhancedPacket(1, nanos(T + 2, 750), tcpIn, tcpIn.length)
                .bytes();
        return Files.write(dir.resolve("two-interfaces.pcapng"), file);
    }

    @Test
    void jsonLinesGiveOneObjectPerInterfacePerIntervalAndATotal() throws IOException {
        Result r = jtraf("-r", recording().toString(), "--dump", "json", "--interval", "1");
        assertEquals(new Result(0, """
                {"time":"2023-11-14T22:13:21.000Z","iface":"eth0","container":null,"container_id":null,"network":null,"scope":"iface","state":"up","packets":2,"bytes":96,"ipv4":1,"ipv6":0,"nonip":1,"badip":0,"truncated":0,"tcp":1,"udp":0,"icmp":0,"other_ip":0,"in_packets":null,"in_bytes":null,"out_packets":null,"out_bytes":null,"broadcast":1,"multicast":0,"drops":0,"pps":2.00,"bps":768.00,"final":false}
                {"time":"2023-11-14T22:13:21.000Z","iface":"wg0","container":null,"container_id":null,"network":null,"scope":"iface","state":"up","packets":1,"bytes":100,"ipv4":1,"ipv6":0,"nonip":0,"badip":0,"truncated":0,"tcp":0,"udp":1,"icmp":0,"other_ip":0,"in_packets":1,"in_bytes":100,"out_packets":0,"out_bytes":0,"broadcast":0,"multicast":0,"drops":0,"pps":1.00,"bps":800.00,"final":false}
                {"time":"2023-11-14T22:13:21.000Z","iface":"total","container":null,"container_id":null,"network":null,"scope":"total","state":null,"packets":3,"bytes":196,"ipv4":2,"ipv6":0,"nonip":1,"badip":0,"truncated":0,"tcp":1,"udp":1,"icmp":0,"other_ip":0,"in_packets":null,"in_bytes":null,"out_packets":null,"out_bytes":null,"broadcast":1,"multicast":0,"drops":0,"pps":3.00,"bps":1568.00,"final":false}
                {"time":"2023-11-14T22:13:22.000Z","iface":"eth0","container":null,"container_id":null,"network":null,"scope":"iface","state":"up","packets":3,"bytes":196,"ipv4":1,"ipv6":1,"nonip":1,"badip":0,"truncated":0,"tcp":1,"udp":1,"icmp":0,"other_ip":0,"in_packets":null,"in_bytes":null,"out_packets":null,"out_bytes":null,"broadcast":1,"multicast":1,"drops":0,"pps":1.50,"bps":784.00,"final":false}
                {"time":"2023-11-14T22:13:22.000Z","iface":"wg0","container":null,"container_id":null,"network":null,"scope":"iface","state":"up","packets":2,"bytes":184,"ipv4":2,"ipv6":0,"nonip":0,"badip":0,"truncated":0,"tcp":0,"udp":1,"icmp":1,"other_ip":0,"in_packets":1,"in_bytes":100,"out_packets":1,"out_bytes":84,"broadcast":0,"multicast":0,"drops":0,"pps":1.00,"bps":736.00,"final":false}
                {"time":"2023-11-14T22:13:22.000Z","iface":"total","container":null,"container_id":null,"network":null,"scope":"total","state":null,"packets":5,"bytes":380,"ipv4":3,"ipv6":1,"nonip":1,"badip":0,"truncated":0,"tcp":1,"udp":2,"icmp":1,"other_ip":0,"in_packets":null,"in_bytes":null,"out_packets":null,"out_bytes":null,"broadcast":1,"multicast":1,"drops":0,"pps":2.50,"bps":1520.00,"final":false}
                {"time":"2023-11-14T22:13:22.750Z","iface":"eth0","container":null,"container_id":null,"network":null,"scope":"iface","state":"up","packets":4,"bytes":256,"ipv4":2,"ipv6":1,"nonip":1,"badip":1,"truncated":0,"tcp":1,"udp":1,"icmp":0,"other_ip":0,"in_packets":null,"in_bytes":null,"out_packets":null,"out_bytes":null,"broadcast":1,"multicast":1,"drops":0,"pps":1.33,"bps":682.67,"final":true}
                {"time":"2023-11-14T22:13:22.750Z","iface":"wg0","container":null,"container_id":null,"network":null,"scope":"iface","state":"up","packets":3,"bytes":224,"ipv4":3,"ipv6":0,"nonip":0,"badip":0,"truncated":0,"tcp":1,"udp":1,"icmp":1,"other_ip":0,"in_packets":2,"in_bytes":140,"out_packets":1,"out_bytes":84,"broadcast":0,"multicast":0,"drops":0,"pps":1.00,"bps":597.33,"final":true}
                {"time":"2023-11-14T22:13:22.750Z","iface":"total","container":null,"container_id":null,"network":null,"scope":"total","state":null,"packets":7,"bytes":480,"ipv4":5,"ipv6":1,"nonip":1,"badip":1,"truncated":0,"tcp":2,"udp":2,"icmp":1,"other_ip":0,"in_packets":null,"in_bytes":null,"out_packets":null,"out_bytes":null,"broadcast":1,"multicast":1,"drops":0,"pps":2.33,"bps":1280.00,"final":true}
                """, ""), r);
    }

    @Test
    void aDumpThatCannotBeWrittenIsReportedButAReaderThatWentAwayIsANormalEnd() throws Exception {
        // a real process, its standard output on /dev/full (every write: ENOSPC), then on a pipe closed at once
        String rec = recording().toString();
        Process full = dumpProcess(rec).redirectOutput(new java.io.File("/dev/full")).start();
        String err = new String(full.getErrorStream().readAllBytes(), UTF_8);
        assertEquals(ExitCodes.OUTPUT_FAILED, full.waitFor(), err);
        assertEquals("jtraf: cannot write the dump to standard output: No space left on device; the dump is incomplete"
                + " (free space, or write it elsewhere)\n", err);
        Process help = new ProcessBuilder(dumpProcess(rec).command().get(0), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--help").redirectOutput(new java.io.File("/dev/full")).start();
        String helpErr = new String(help.getErrorStream().readAllBytes(), UTF_8);
        assertEquals(ExitCodes.OUTPUT_FAILED, help.waitFor(), helpErr); // was exit 0, nothing said
        assertEquals("jtraf: cannot write to standard output: No space left on device (free space, or write it elsewhere)\n",
                helpErr);
        Process gone = dumpProcess(rec).start();
        gone.getInputStream().close();
        String err2 = new String(gone.getErrorStream().readAllBytes(), UTF_8);
        assertEquals(ExitCodes.OK, gone.waitFor(), err2);
        assertEquals("", err2);
    }

    @Test
    void aReaderOfANamedPipeThatWentAwayIsANormalEndToo() throws Exception {
        // `jtraf --dump csv > FIFO` while the reader did `head -1 FIFO`: exit 8 and "Broken pipe"
        // (a named pipe was not told apart from a file). 2000 one-second blocks, about 600 KB of
        // CSV: more than the pipe and jtraf's buffer hold, so writes go on after the reader left.
        byte[] tcp = ethernet(Frames.UNICAST_MAC, ipv4(TCP, Frames.tcp()).build(), IPV4);
        Pcapng file = new Pcapng().section(ByteOrder.LITTLE_ENDIAN).interfaceBlock(1, "eth0", 9);
        for (int i = 0; i < 2000; i++) {
            file.enhancedPacket(0, nanos(T + i, 0), tcp, tcp.length);
        }
        Path rec = Files.write(dir.resolve("long.pcapng"), file.bytes());
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor(), "mkfifo");
        java.util.concurrent.CompletableFuture<String> firstLine = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (java.io.BufferedReader r = Files.newBufferedReader(fifo, UTF_8)) { // blocks until jtraf opens it
                return r.readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Process p = dumpProcess(rec.toString()).redirectOutput(fifo.toFile()).start();
        assertTrue(firstLine.get(30, java.util.concurrent.TimeUnit.SECONDS).startsWith("time,iface,"));
        String err = new String(p.getErrorStream().readAllBytes(), UTF_8);
        assertEquals(ExitCodes.OK, p.waitFor(), err);
        assertEquals("", err);
    }

    @Test
    void aSignalWhileTheInputStallsEndsTheRunAtOnceWithTheTotals() throws Exception {
        // standard input delivers the start of a capture, then nothing, and stays open (a stalled
        // writer): SIGTERM must end the run within the shutdown hook's 5 s, with the final block
        // and without a "cut off" complaint about the record the parser was waiting for
        Path f = dir.resolve("slow.pcap");
        CaptureGen.write(false, 3000, f, 1000, 3); // 3 s of packet time
        byte[] bytes = Files.readAllBytes(f);
        Process p = dumpProcess("-").start();
        try {
            p.getOutputStream().write(bytes, 0, bytes.length * 3 / 4); // stops inside a record, most likely
            p.getOutputStream().flush();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), UTF_8));
            String header = out.readLine(); // the first interval block has come: the replay is under way
            long start = System.nanoTime();
            p.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its pipes)
            StringBuilder rest = new StringBuilder();
            for (String line; (line = out.readLine()) != null; ) {
                rest.append(line).append('\n');
            }
            int code = p.waitFor();
            long millis = (System.nanoTime() - start) / 1_000_000;
            String err = new String(p.getErrorStream().readAllBytes(), UTF_8);
            assertEquals("", err);
            assertEquals(128 + 15, code);
            assertTrue(header.startsWith("time,iface,"), header);
            assertTrue(rest.toString().contains(",true\n"), "final block in:\n" + rest);
            assertTrue(millis < 4000, "ended " + millis + " ms after the signal");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aFinalBlockThatCannotBeWrittenAfterASignalExitsWith8() throws Exception {
        // SIGTERM's shutdown ends the JVM with 143 whatever main returns: a final block that
        // could not be written must still give exit 8. Standard input holds the file header
        // and part of a record, then stalls, so no block is written before the signal.
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prlimit")), "needs prlimit (util-linux) to limit the dump's file size");
        Path f = dir.resolve("slow.pcap");
        CaptureGen.write(false, 10, f, 1000, 1);
        byte[] bytes = Files.readAllBytes(f);
        Path out = dir.resolve("out.csv");
        Process p = dumpProcess("-").redirectOutput(out.toFile()).start();
        try {
            p.getOutputStream().write(bytes, 0, 24 + 10);
            p.getOutputStream().flush();
            Path log = dir.resolve("jtraf.log");
            // logged when the input is opened, after the signal handling is in place
            Lab.await("the replay to open its input", Duration.ofSeconds(20),
                    () -> Files.exists(log) && readQuietly(log).contains("replay: read-ahead by"));
            long size = Files.size(out);
            // from here on every write to the dump fails with EFBIG ("File too large")
            Process limit = new ProcessBuilder("prlimit", "--pid", Long.toString(p.pid()), "--fsize=" + size + ":" + size)
                    .redirectErrorStream(true).start();
            String said = new String(limit.getInputStream().readAllBytes(), UTF_8);
            assertEquals(0, limit.waitFor(), said);
            assertTrue(p.isAlive(), "still waiting for input before the signal");
            p.toHandle().destroy(); // SIGTERM
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "ended after SIGTERM");
            String err = new String(p.getErrorStream().readAllBytes(), UTF_8);
            assertEquals("jtraf: cannot write the dump to standard output: File too large; the dump is incomplete\n", err);
            assertEquals(ExitCodes.OUTPUT_FAILED, p.exitValue(), err);
            assertEquals(size, Files.size(out));
        } finally {
            p.destroyForcibly();
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void controlCharactersInInterfaceNamesDoNotReachTheTerminal() throws IOException {
        // a pcapng if_name with a newline and an escape sequence split the row and recoloured the terminal
        byte[] tcp = ethernet(Frames.UNICAST_MAC, ipv4(TCP, Frames.tcp()).build(), IPV4);
        Path f = Files.write(dir.resolve("esc.pcapng"), new Pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(1, "a\n\u001b[31mb", 9).enhancedPacket(0, nanos(T, 100), tcp, tcp.length).bytes());
        Result r = jtraf("-r", f.toString(), "--dump", "text");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("\na??[31mb "), r.out());
        assertTrue(r.out().chars().noneMatch(c -> c < 0x20 && c != '\n'), r.out());
    }

    @Test
    void durationAndSpeedHaveBounds() throws IOException {
        // 9,300,000,000 s overflowed the nanosecond deadline: the live run ended at once with exit 0
        Result r = jtraf("--dump", "csv", "-i", "lo", "--duration", "9300000000");
        assertEquals(new Result(ExitCodes.USAGE, "", "jtraf: --duration must be between 1 and 3153600000 seconds"
                + " (100 years) (see jtraf --help)\n"), r);
        // Double.parseDouble's other forms were taken too: 2d, 2f, 0x1p3 (8x), NaN
        for (String speed : List.of("0.0001x", "2d", "2f", "0x1p3", "2 x", "NaN", "1e3", "-1x", "x")) {
            Result s = jtraf("-r", recording().toString(), "--dump", "csv", "--speed", speed);
            assertEquals(ExitCodes.USAGE, s.exitCode(), speed + ": " + s.err());
            assertTrue(s.err().startsWith("jtraf: --speed takes 'max' or a multiple from 0.001x to 10000x"), s.err());
        }
        for (String speed : List.of("MAX", "2", "2x", "0.5x", ".5x", "10000x", "0.001")) {
            Result s = jtraf("-r", recording().toString(), "--dump", "csv", "--speed", speed, "--count", "1");
            assertEquals(0, s.exitCode(), speed + ": " + s.err());
        }
    }

    /** Live-only options are refused in replay, as --duration is (error audit: --snaplen and --buffer were ignored). */
    @Test
    void liveOnlyOptionsAreRefusedInReplay() throws IOException {
        String file = recording().toString();
        assertEquals(new Result(ExitCodes.USAGE, "", "jtraf: --snaplen applies to live capture; a replay reads what the"
                + " file holds (see jtraf --help)\n"), jtraf("-r", file, "--dump", "csv", "--snaplen", "100"));
        assertEquals(new Result(ExitCodes.USAGE, "", "jtraf: --buffer applies to live capture; a replay reads what the"
                + " file holds (see jtraf --help)\n"), jtraf("-r", file, "--dump", "csv", "--buffer", "4"));
        assertEquals(new Result(ExitCodes.USAGE, "", "jtraf: --snaplen must be between 64 and 262144 bytes (see jtraf"
                + " --help)\n"), jtraf("-r", file, "--dump", "csv", "--snaplen", "63"));
    }

    @Test
    void aClosedStandardInputIsSaidSo() throws Exception {
        // with descriptor 0 closed, the JVM's first open file (its class archive) becomes descriptor 0
        List<String> argv = new ArrayList<>(List.of("sh", "-c", "exec \"$0\" \"$@\" <&-"));
        argv.addAll(dumpProcess("-").command());
        Process p = new ProcessBuilder(argv).start();
        String err = new String(p.getErrorStream().readAllBytes(), UTF_8);
        assertEquals(ExitCodes.UNREADABLE_INPUT, p.waitFor(), err);
        assertEquals("jtraf: -: standard input is closed; give -r a file, or pipe a capture into jtraf -r -\n", err);
    }

    /** {@code -r -} with a terminal on standard input: one line, exit 4 (error audit: it waited for keyboard input). */
    @Test
    void aTerminalOnStandardInputIsSaidSo() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "no script(1) (util-linux) to give jtraf a terminal");
        String command = String.join(" ", dumpProcess("-").command()) + " 2>&1; echo EXIT=$?";
        Process p = new ProcessBuilder("/usr/bin/script", "-qec", command, "/dev/null")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "script did not end");
        assertTrue(out.contains("jtraf: -: standard input is a terminal, not a capture; give -r a file, or pipe a capture"
                + " into jtraf -r - (tcpdump -w - | jtraf -r - --dump text)"), out);
        assertTrue(out.contains("EXIT=" + ExitCodes.UNREADABLE_INPUT), out);
    }

    private ProcessBuilder dumpProcess(String recording) {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "-r", recording, "--dump", "csv",
                "--log-file", dir.resolve("jtraf.log").toString());
    }

    @Test
    void csvHasOneHeaderLineThenTheSameRows() throws IOException {
        Result r = jtraf("-r", recording().toString(), "--dump", "csv", "--interval", "1");
        assertEquals(new Result(0, """
                time,iface,container,container_id,network,scope,state,packets,bytes,ipv4,ipv6,nonip,badip,truncated,tcp,udp,icmp,other_ip,in_packets,in_bytes,out_packets,out_bytes,broadcast,multicast,drops,pps,bps,final
                2023-11-14T22:13:21.000Z,eth0,,,,iface,up,2,96,1,0,1,0,0,1,0,0,0,,,,,1,0,0,2.00,768.00,false
                2023-11-14T22:13:21.000Z,wg0,,,,iface,up,1,100,1,0,0,0,0,0,1,0,0,1,100,0,0,0,0,0,1.00,800.00,false
                2023-11-14T22:13:21.000Z,total,,,,total,,3,196,2,0,1,0,0,1,1,0,0,,,,,1,0,0,3.00,1568.00,false
                2023-11-14T22:13:22.000Z,eth0,,,,iface,up,3,196,1,1,1,0,0,1,1,0,0,,,,,1,1,0,1.50,784.00,false
                2023-11-14T22:13:22.000Z,wg0,,,,iface,up,2,184,2,0,0,0,0,0,1,1,0,1,100,1,84,0,0,0,1.00,736.00,false
                2023-11-14T22:13:22.000Z,total,,,,total,,5,380,3,1,1,0,0,1,2,1,0,,,,,1,1,0,2.50,1520.00,false
                2023-11-14T22:13:22.750Z,eth0,,,,iface,up,4,256,2,1,1,1,0,1,1,0,0,,,,,1,1,0,1.33,682.67,true
                2023-11-14T22:13:22.750Z,wg0,,,,iface,up,3,224,3,0,0,0,0,1,1,1,0,2,140,1,84,0,0,0,1.00,597.33,true
                2023-11-14T22:13:22.750Z,total,,,,total,,7,480,5,1,1,1,0,2,2,1,0,,,,,1,1,0,2.33,1280.00,true
                """, ""), r);
    }

    @Test
    void textShowsTheMainCountsAndActivity() throws IOException {
        Result r = jtraf("-r", recording().toString(), "--dump", "text", "--interval", "1");
        assertEquals(new Result(0, """
                == 2023-11-14T22:13:21.000Z  (interval 1 s) ==
                IFACE            STATE      PACKETS          BYTES       IPV4       IPV6      NONIP  BADIP  TRUNC    IN_PKTS   OUT_PKTS        PPS       ACTIVITY
                eth0             up               2             96          1          0          1      0      0          -          -       2.00      768 bit/s
                wg0              up               1            100          1          0          0      0      0          1          0       1.00      800 bit/s
                total                             3            196          2          0          1      0      0          -          -       3.00     1.6 kbit/s

                == 2023-11-14T22:13:22.000Z  (interval 1 s) ==
                IFACE            STATE      PACKETS          BYTES       IPV4       IPV6      NONIP  BADIP  TRUNC    IN_PKTS   OUT_PKTS        PPS       ACTIVITY
                eth0             up               3            196          1          1          1      0      0          -          -       1.50      784 bit/s
                wg0              up               2            184          2          0          0      0      0          1          1       1.00      736 bit/s
                total                             5            380          3          1          1      0      0          -          -       2.50     1.5 kbit/s

                == 2023-11-14T22:13:22.750Z  totals at end ==
                IFACE            STATE      PACKETS          BYTES       IPV4       IPV6      NONIP  BADIP  TRUNC    IN_PKTS   OUT_PKTS        PPS       ACTIVITY
                eth0             up               4            256          2          1          1      1      0          -          -       1.33      683 bit/s
                wg0              up               3            224          3          0          0      0      0          2          1       1.00      597 bit/s
                total                             7            480          5          1          1      1      0          -          -       2.33     1.3 kbit/s

                """, ""), r);
    }

    /**
     * The name column is as wide as the block's longest name, counted in terminal columns (a
     * CJK character takes two): every line of a block then has the same width, as the rows of
     * the block above (user audit: a long name pushed its row out, a CJK one was 4 columns off).
     */
    @Test
    void textWidensTheNameColumnToTheLongestNameInTerminalColumns() throws IOException {
        byte[] tcp = ethernet(Frames.UNICAST_MAC, ipv4(TCP, Frames.tcp()).build(), IPV4);
        String longName = "veth-with-a-rather-long-name";
        Path f = Files.write(dir.resolve("names.pcapng"), new Pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(1, "eth0", 9).interfaceBlock(1, longName, 9).interfaceBlock(1, "\u4e2d\u6587\u7f51\u5361", 9)
                .enhancedPacket(0, nanos(T, 100), tcp, tcp.length).enhancedPacket(1, nanos(T, 200), tcp, tcp.length)
                .enhancedPacket(2, nanos(T, 300), tcp, tcp.length).bytes());
        Result r = jtraf("-r", f.toString(), "--dump", "text");
        assertEquals(0, r.exitCode(), r.err());
        String[] block = r.out().split("\n\n")[0].split("\n");
        assertEquals(6, block.length, r.out()); // title, header, three interfaces, total
        assertEquals(longName.length() + 1, block[1].indexOf("STATE"), block[1]);
        for (int i = 2; i < block.length; i++) {
            assertEquals(TerminalTextUtils.getColumnWidth(block[1]), TerminalTextUtils.getColumnWidth(block[i]),
                    block[1] + "\n" + block[i]);
        }
    }

    /**
     * Two good records, 54 and 42 bytes, then one cut off: the file header is 24 bytes, so the
     * third record starts at 24 + (16 + 54) + (16 + 42) = 152.
     */
    @Test
    void damagedFileExitsWith5AfterPrintingTheFramesBeforeTheDamage() throws IOException {
        byte[] tcp = ethernet(Frames.UNICAST_MAC, ipv4(TCP, Frames.tcp()).build(), IPV4);
        byte[] arp = ethernet(Frames.BROADCAST_MAC, Frames.arp(), ARP);
        Path file = Files.write(dir.resolve("damaged.pcap"), new Pcap(ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, 1)
                .record(T, 100_000, tcp, tcp.length)
                .record(T, 200_000, arp, arp.length)
                .recordHeader(T, 300_000, 60, 60).raw(new byte[10]).bytes());
        Result r = jtraf("-r", file.toString(), "--dump", "csv", "--interval", "1");
        assertEquals(new Result(5, """
                time,iface,container,container_id,network,scope,state,packets,bytes,ipv4,ipv6,nonip,badip,truncated,tcp,udp,icmp,other_ip,\
                in_packets,in_bytes,out_packets,out_bytes,broadcast,multicast,drops,pps,bps,final
                2023-11-14T22:13:20.200Z,damaged,,,,iface,up,2,96,1,0,1,0,0,1,0,0,0,,,,,1,0,0,2.00,768.00,true
                2023-11-14T22:13:20.200Z,total,,,,total,,2,96,1,0,1,0,0,1,0,0,0,,,,,1,0,0,2.00,768.00,true
                """, """
                jtraf: damaged.pcap: damaged capture file at record 3 (byte offset 152): frame data cut off \
                (10 of 60 bytes); the frames before it were counted
                """), r);
    }

    @Test
    void aFileDamagedBeforeItsFirstFrameStillEndsWithItsZeroTotalsWithoutATime() throws IOException {
        // was: nothing at all on stdout (not even CSV's header), while a file of no frames had a
        // block stamped 1970-01-01T00:00:00Z, a time no frame gave
        String header = "time,iface,container,container_id,network,scope,state,packets,bytes,ipv4,ipv6,nonip,badip,"
                + "truncated,tcp,udp,icmp,other_ip,in_packets,in_bytes,out_packets,out_bytes,broadcast,multicast,drops,"
                + "pps,bps,final\n";
        String zeroTotal = ",total,,,,total,,0,0,0,0,0,0,0,0,0,0,0,,,,,0,0,0,0.00,0.00,true\n";
        // the file's one interface, declared by its header, with no frame counted
        String zeroRow = ",%s,,,,iface,up,0,0,0,0,0,0,0,0,0,0,0,,,,,0,0,0,0.00,0.00,true\n";
        Path cut = Files.write(dir.resolve("cut.pcap"), new Pcap(ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, 1)
                .recordHeader(T, 100_000, 60, 60).bytes());
        byte[] cutBytes = Arrays.copyOf(Files.readAllBytes(cut), 24 + 6); // 6 bytes of the first record header
        Files.write(cut, cutBytes);
        assertEquals(new Result(5, header + zeroRow.formatted("cut") + zeroTotal, "jtraf: cut.pcap: damaged capture file at record 1 (byte offset 24):"
                + " record header cut off (6 of 16 bytes); the frames before it were counted\n"),
                jtraf("-r", cut.toString(), "--dump", "csv"));
        Path empty = Files.write(dir.resolve("empty.pcap"), Arrays.copyOf(cutBytes, 24));
        assertEquals(new Result(0, header + zeroRow.formatted("empty") + zeroTotal, ""),
                jtraf("-r", empty.toString(), "--dump", "csv"));
        Result json = jtraf("-r", empty.toString(), "--dump", "json");
        assertTrue(json.out().startsWith("{\"time\":null,\"iface\":\"empty\","), json.out());
        assertTrue(jtraf("-r", empty.toString(), "--dump", "text").out().startsWith("== -  totals at end =="));
    }

    @Test
    void everyTimeHasThreeFractionDigitsAndOneBetweenMillisecondsIsRoundedUp() throws IOException {
        // was ISO_INSTANT: "22:13:21Z" for a block at a whole second and "22:13:21.002720500Z" for
        // the final one, two formats in one column (pandas infers one from the first row)
        byte[] tcp = ethernet(Frames.UNICAST_MAC, ipv4(TCP, Frames.tcp()).build(), IPV4);
        // nanoseconds after T + 1 s, and the millisecond shown: 2.0005 ms is shown as 3 (rounded up, not to the nearest)
        for (long[] last : new long[][] {{2_000_500, 3}, {2_720_500, 3}, {2_000_000, 2}}) {
            Path f = Files.write(dir.resolve("ns-" + last[0] + ".pcap"), new Pcap(ByteOrder.LITTLE_ENDIAN, 0xA1B23C4D, 1)
                    .record(T, 500_000_000, tcp, tcp.length).record(T + 1, last[0], tcp, tcp.length).bytes());
            Result r = jtraf("-r", f.toString(), "--dump", "csv");
            assertEquals(0, r.exitCode(), r.err());
            assertEquals(List.of("2023-11-14T22:13:21.000Z", "2023-11-14T22:13:21.000Z",
                    "2023-11-14T22:13:21.00" + last[1] + "Z", "2023-11-14T22:13:21.00" + last[1] + "Z"),
                    r.out().lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList(), r.out());
        }
    }

    @Test
    void aLiteralInterfaceTheRecordingDoesNotHaveIsAUsageErrorAfterTheReplay() throws IOException {
        String rec = recording().toString();
        Result r = jtraf("-r", rec, "--dump", "csv", "-i", "eth0", "-i", "eth9");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
        assertEquals("jtraf: -i eth9: the capture file has no interface of that name; it has: eth0, wg0\n", r.err());
        assertTrue(r.out().contains(",eth0,") && !r.out().contains(",wg0,") && r.out().contains(",true\n"), r.out());
        // no name matched: the file was still read, and its final block (nothing counted) comes before the line
        Result none = jtraf("-r", rec, "--dump", "csv", "-i", "eth9");
        assertEquals(ExitCodes.USAGE, none.exitCode(), none.err());
        assertEquals("jtraf: -i eth9: the capture file has no interface of that name; it has: eth0, wg0\n", none.err());
        assertTrue(none.out().endsWith(",total,,,,total,,0,0,0,0,0,0,0,0,0,0,0,,,,,0,0,0,0.00,0.00,true\n"), none.out());
        Result globs = jtraf("-r", rec, "--dump", "csv", "-i", "eth*", "-i", "ppp*");
        assertEquals(0, globs.exitCode(), globs.err()); // a glob may match nothing, as live
        Result limited = jtraf("-r", rec, "--dump", "csv", "-i", "eth0", "-i", "eth9", "--count", "2");
        assertEquals(0, limited.exitCode(), limited.err()); // --count ended the file early: eth9 might have come later
    }

    @Test
    void interfacesAreSelectedByTheNamesTheDumpShows() throws IOException {
        // a pcapng if_name may hold '/', which -i must match as written; an 'any' (LINUX_SLL2)
        // recording's frames are named if<ifindex>, so 'any' itself is not a name to select
        byte[] tcp = ethernet(Frames.UNICAST_MAC, ipv4(TCP, Frames.tcp()).build(), IPV4);
        Path slash = Files.write(dir.resolve("slash.pcapng"), new Pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(1, "gi0/1", 9).enhancedPacket(0, nanos(T, 100), tcp, tcp.length).bytes());
        Result r = jtraf("-r", slash.toString(), "--dump", "csv", "-i", "gi0/1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains(",gi0/1,,,,iface,up,1,"), r.out());
        byte[] udp = Frames.sll2(IPV4, 7, 1, 0, ipv4(UDP, Frames.udp(20)).build());
        Path any = Files.write(dir.resolve("any.pcapng"), new Pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(276, "any", 9).enhancedPacket(0, nanos(T, 100), udp, udp.length).bytes());
        Result a = jtraf("-r", any.toString(), "--dump", "csv", "-i", "any");
        assertEquals(ExitCodes.USAGE, a.exitCode(), a.err());
        assertEquals("jtraf: -i any: the capture file has no interface of that name; it has: if7\n", a.err());
        Result seven = jtraf("-r", any.toString(), "--dump", "csv", "-i", "if7");
        assertEquals(0, seven.exitCode(), seven.err());
        assertTrue(seven.out().contains(",if7,,,,iface,up,1,"), seven.out());
        // an interface the file declares but that recorded nothing is selected as any other
        Path silent = Files.write(dir.resolve("silent.pcapng"), new Pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(1, "eth0", 9).interfaceBlock(1, "eth1", 9)
                .enhancedPacket(0, nanos(T, 100), tcp, tcp.length).bytes());
        Result quiet = jtraf("-r", silent.toString(), "--dump", "csv", "-i", "eth1");
        assertEquals(0, quiet.exitCode(), quiet.err());
        assertTrue(quiet.out().contains(",eth1,,,,iface,up,0,0,") && !quiet.out().contains(",eth0,"), quiet.out());
    }

    @Test
    void aNonAsciiInterfaceNameReplaysUnderTheCLocale() throws Exception {
        // under LANG=C a path must be ASCII: matching a pcapng if_name "café0" against -i/-x
        // stopped the capture thread (InvalidPathException), exit 6 after the rows before it
        byte[] tcp = ethernet(Frames.UNICAST_MAC, ipv4(TCP, Frames.tcp()).build(), IPV4);
        Path f = Files.write(dir.resolve("cafe.pcapng"), new Pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(1, "eth0", 9).interfaceBlock(1, "caf\u00e90", 9)
                .enhancedPacket(0, nanos(T, 100), tcp, tcp.length).enhancedPacket(1, nanos(T, 200), tcp, tcp.length)
                .bytes());
        for (String[] select : new String[][] {{}, {"-i", "caf*"}}) {
            ProcessBuilder pb = dumpProcess(f.toString());
            pb.command().addAll(List.of(select));
            pb.environment().put("LANG", "C");
            pb.environment().remove("LC_ALL");
            pb.environment().remove("LC_CTYPE");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), UTF_8);
            assertEquals(0, p.waitFor(), err);
            assertEquals("", err);
            // CSV and JSON are UTF-8 whatever the locale (was: the locale's ASCII, "caf?0")
            assertTrue(out.contains(",caf\u00e90,,,,iface,up,1,"), out);
        }
        ProcessBuilder json = dumpProcess(f.toString());
        json.command().set(json.command().indexOf("csv"), "json");
        json.environment().put("LANG", "C");
        json.environment().remove("LC_ALL");
        json.environment().remove("LC_CTYPE");
        Process p = json.start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        assertEquals(0, p.waitFor());
        assertTrue(out.contains("\"iface\":\"caf\u00e90\""), out);
    }

    @Test
    void aPacedReplaysFinalBlockHasTheLastFramesTime() throws IOException {
        // was a moment of the paced clock after the last frame, different for every --speed
        for (String speed : List.of("max", "8x")) {
            Result r = jtraf("-r", recording().toString(), "--dump", "csv", "--speed", speed);
            assertEquals(0, r.exitCode(), r.err());
            List<String> finals = r.out().lines().filter(l -> l.endsWith(",true")).toList();
            assertEquals(3, finals.size(), r.out());
            for (String row : finals) {
                assertTrue(row.startsWith("2023-11-14T22:13:22.750Z,"), speed + ": " + row); // T + 2.750 s
            }
        }
    }

    @Test
    void csvQuotesNamesWithLineBreaksCommasAndQuotes() throws IOException {
        // a pcapng if_name with a newline or a carriage return was written unquoted: the row split in two
        byte[] tcp = ethernet(Frames.UNICAST_MAC, ipv4(TCP, Frames.tcp()).build(), IPV4);
        Path f = Files.write(dir.resolve("names.pcapng"), new Pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(1, "new\nline", 9).interfaceBlock(1, "cr\rx", 9).interfaceBlock(1, "a,\"b\"", 9)
                .enhancedPacket(0, nanos(T, 100), tcp, tcp.length).enhancedPacket(1, nanos(T, 200), tcp, tcp.length)
                .enhancedPacket(2, nanos(T, 300), tcp, tcp.length).bytes());
        Result r = jtraf("-r", f.toString(), "--dump", "csv");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains(",\"new\nline\",,,,iface,up,1,"), r.out());
        assertTrue(r.out().contains(",\"cr\rx\",,,,iface,up,1,"), r.out());
        assertTrue(r.out().contains(",\"a,\"\"b\"\"\",,,,iface,up,1,"), r.out());
    }

    @Test
    void aPatternThatIsNotAGlobIsAUsageError() {
        // was: exit 1 and Java's three-line PatternSyntaxException message
        assertEquals(new Result(ExitCodes.USAGE, "", "jtraf: -x '[' is not a valid glob (missing ']'); globs use * ? [abc]"
                + " {a,b}, and \\ before a character takes it literally (see jtraf --help)\n"),
                jtraf("-r", "any.pcap", "--dump", "csv", "-x", "["));
        assertEquals(ExitCodes.USAGE, jtraf("--dump", "csv", "-i", "{a,{b}}").exitCode());
    }

    @Test
    void unknownOptionExitsWith3() {
        Result r = jtraf("--bogus");
        assertEquals(new Result(3, "", "jtraf: Unknown option: '--bogus' (see jtraf --help)\n"), r);
    }

    @Test
    void intervalZeroExitsWith3() throws IOException {
        Result r = jtraf("-r", recording().toString(), "--dump", "json", "--interval", "0");
        assertEquals(new Result(3, "", "jtraf: --interval must be at least 1 second (see jtraf --help)\n"), r);
    }

    /** --interval paces dump blocks only: without --dump it was ignored (user audit), now refused as --speed is live. */
    @Test
    void intervalWithoutADumpExitsWith3() throws IOException {
        String file = recording().toString();
        Result expected = new Result(3, "", "jtraf: --interval is the time between dump blocks: add --dump"
                + " text|csv|json (see jtraf --help)\n");
        assertEquals(expected, jtraf("-r", file, "--interval", "7"));
        assertEquals(expected, jtraf("-r", file, "--daemon", "--metrics", "0", "--interval", "5"));
    }

    /** An empty name was "cannot open capture file : it is a directory" (user audit). */
    @Test
    void anEmptyFileNameExitsWith3() {
        assertEquals(new Result(3, "", "jtraf: -r needs a file name ('-' reads standard input) (see jtraf --help)\n"),
                jtraf("-r", "", "--dump", "json"));
    }

    @Test
    void notACaptureFileExitsWith4() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "hello, world\n");
        Result r = jtraf("-r", notes.toString(), "--dump", "json", "--interval", "1");
        assertEquals(4, r.exitCode());
        assertEquals("jtraf: notes.txt: not a pcap or pcapng capture (magic number 0x68656c6c);"
                + " convert it with editcap or tshark -F pcapng\n", r.err());
    }
}
