package dev.jtraf.live;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.lab.KernelCounters;
import dev.jtraf.lab.Lab;
import dev.jtraf.lab.NetnsLab;
import dev.jtraf.lab.UdpTool;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The namespace-only live variant (no Docker): interfaces come and go under a running jtraf.
 *
 * <p>jtraf runs as the real program with {@code -i 'jtl<lab id>*'} (only this lab's links). A
 * veth pair is created with one end in the lab's namespace and the other in the host
 * namespace; the namespace sends a known number of UDP datagrams to the host end's address
 * (the host side sinks them, so nothing answers). The host end is then deleted while jtraf
 * runs, and a new pair is created and used the same way. IPv6 is off on every link of the lab,
 * so the only frames are the test's own (ARP and the datagrams).
 *
 * <p>Checks: the new interface appears within 2 s of its creation with counts equal to its
 * kernel counters; the deleted one stays in every later block as {@code "state":"gone"} with
 * its last kernel counters (in = rx, out = tx); no count ever goes down; jtraf stops on SIGINT
 * with the final block and nothing on stderr.
 */
@Tag(Lab.TAG)
class NamespaceInterfaceChurnTest {
    private static final Duration QUIET = Duration.ofMillis(700);
    private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration APPEAR_WITHIN = Duration.ofSeconds(2);
    private static final String PAYLOAD = "jtraf-churn-0123456789abcdef0123456789abcdef"; // 44 B

    /** One veth of the test as jtraf should have counted it. */
    record Link(String hostIf, Instant created, DumpBlock firstBlock, KernelCounters kernel, DumpBlock.Row row) {}

    @Test
    void deletedInterfaceKeepsItsCountsAndANewOneAppearsWithin2s() throws Exception {
        long started = System.nanoTime();
        Lab.assumeCommand("ip");
        try (NetnsLab lab = NetnsLab.open()) {
            Path work = Files.createDirectories(Lab.dir("live").resolve("churn-" + lab.id()));
            String ns = lab.namespace("c");
            String glob = "jtl" + lab.id() + "*";
            try (JtrafProcess jtraf = JtrafProcess.start("jtraf-churn", work.resolve("jtraf.log"),
                    "--dump", "json", "--interval", "1", "-i", glob)) {
                jtraf.awaitBlock("first block", Duration.ofSeconds(30), b -> true);
                Lab.log("jtraf %s dumping after %d ms", jtraf, ms(started));

                Link first = linkWithTraffic(lab, ns, jtraf, 40);
                KernelCounters beforeDelete = KernelCounters.read(first.hostIf());
                assertEquals(first.kernel(), beforeDelete, "the link stayed quiet until its deletion");
                Instant deleted = Instant.now();
                Lab.shOk(Duration.ofSeconds(30), "ip", "link", "del", first.hostIf());
                DumpBlock gone = jtraf.awaitBlock(first.hostIf() + " marked gone", Duration.ofSeconds(10),
                        b -> b.row(first.hostIf()).map(DumpBlock.Row::gone).orElse(false));
                Lab.log("%s deleted at %s, first block with state gone: %s", first.hostIf(), deleted, gone.time());

                Link second = linkWithTraffic(lab, ns, jtraf, 25);
                KernelCounters secondAtStop = KernelCounters.read(second.hostIf());

                Lab.Result exit = jtraf.interrupt(Duration.ofSeconds(20));
                List<DumpBlock> blocks = DumpBlock.parseAll(exit.stdout());
                DumpBlock last = blocks.get(blocks.size() - 1);
                String log = jtraf.log();
                printTable(first, beforeDelete, second, secondAtStop, last, gone, deleted);

                List<Executable> checks = new ArrayList<>();
                checks.add(() -> assertEquals(130, exit.exitCode(),
                        "exit status after SIGINT (README: the signal's usual status, 130): " + exit.describe()));
                // whether a dockerd runs depends on which lab tests ran before in this JVM; its
                // one-line notice is the only stderr line a dump may print here
                checks.add(() -> assertEquals(List.of(), exit.stderr().lines()
                        .filter(l -> !l.startsWith("jtraf: no container names: ")).toList(),
                        "stderr: no error storm, no stack trace"));
                checks.add(() -> assertTrue(last.isFinal(), "the last block is final"));
                checks.add(() -> assertTrue(log.lines().noneMatch(l -> l.contains("ERROR") || l.contains("Exception")),
                        "no errors in jtraf's log:\n" + log));
                for (Link l : List.of(first, second)) {
                    Duration appeared = Duration.between(l.created(), l.firstBlock().time());
                    checks.add(() -> assertTrue(appeared.compareTo(APPEAR_WITHIN) <= 0, l.hostIf()
                            + " created at " + l.created() + " first in the block of " + l.firstBlock().time()));
                    checks.add(() -> assertCountsEqualKernel(l.hostIf() + " while up", l.row(), l.kernel()));
                }
                Duration goneAfter = Duration.between(deleted, gone.time());
                checks.add(() -> assertTrue(goneAfter.compareTo(APPEAR_WITHIN) <= 0,
                        first.hostIf() + " deleted at " + deleted + ", marked gone in the block of " + gone.time()));
                DumpBlock.Row goneFinal = last.rowOrFail(first.hostIf());
                checks.add(() -> assertEquals("gone", goneFinal.state(), "deleted interface in the final block"));
                checks.add(() -> assertCountsEqualKernel(first.hostIf() + " final (gone)", goneFinal, beforeDelete));
                DumpBlock.Row secondFinal = last.rowOrFail(second.hostIf());
                checks.add(() -> assertEquals("up", secondFinal.state(), "new interface in the final block"));
                checks.add(() -> assertCountsEqualKernel(second.hostIf() + " final", secondFinal, secondAtStop));
                // Every block after the deletion keeps the gone row; no count ever goes down.
                boolean afterGone = false;
                for (DumpBlock b : blocks) {
                    afterGone |= b.time().equals(gone.time());
                    if (afterGone) {
                        checks.add(() -> assertTrue(b.row(first.hostIf()).map(DumpBlock.Row::gone).orElse(false),
                                first.hostIf() + " missing or not gone in the block of " + b.time()));
                    }
                }
                checks.add(() -> assertMonotonic(blocks));
                assertAll("interface churn", checks.stream());
            }
        }
        Lab.log("churn test done in %d ms", ms(started));
    }

    /**
     * Creates a veth pair (namespace end and host end), addresses it, waits for jtraf to list
     * the host end, sends {@code datagrams} UDP datagrams from the namespace to the host end,
     * and returns the host end's kernel counters with jtraf's row for them, both taken while the
     * link was quiet (the counters are re-read after the block arrived and must not have moved).
     */
    private static Link linkWithTraffic(NetnsLab lab, String ns, JtrafProcess jtraf, int datagrams) throws IOException {
        int net = freeSubnet();
        String hostAddr = "10.199." + net + ".1";
        Instant created = Instant.now();
        NetnsLab.Veth v = lab.veth(ns, null);
        String hostIf = v.ifB();
        lab.address(null, hostIf, hostAddr + "/24");
        lab.address(ns, v.ifA(), "10.199." + net + ".2/24");
        lab.awaitUp(null, hostIf, Duration.ofSeconds(10));
        DumpBlock firstBlock = jtraf.awaitBlock(hostIf + " listed", Duration.ofSeconds(10),
                b -> b.row(hostIf).isPresent());
        Lab.log("%s created at %s, first listed in the block of %s", hostIf, created, firstBlock.time());

        try (DatagramSocket sink = new DatagramSocket(new InetSocketAddress(hostAddr, 0))) {
            Lab.Result sent = lab.exec(ns, Duration.ofSeconds(60), Lab.javaCommand(UdpTool.class, "send", hostAddr,
                    Integer.toString(sink.getLocalPort()), Integer.toString(datagrams), PAYLOAD).toArray(String[]::new));
            assertTrue(sent.ok() && sent.out().contains("sent " + datagrams), sent.describe());
            int got = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            byte[] buf = new byte[2048];
            while (got < datagrams && System.nanoTime() < deadline) {
                sink.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    sink.receive(p);
                    assertEquals(PAYLOAD, new String(p.getData(), 0, p.getLength(), UTF_8));
                    got++;
                } catch (SocketTimeoutException e) {
                    break;
                }
            }
            assertEquals(datagrams, got, "datagrams received on the host end " + hostIf);
        }

        for (int attempt = 1; attempt <= 5; attempt++) {
            KernelCounters.awaitQuiet(QUIET, QUIET_TIMEOUT, hostIf);
            KernelCounters k = KernelCounters.read(hostIf);
            Instant due = Instant.now().plusSeconds(1);
            DumpBlock b = jtraf.awaitBlock("block at or after " + due + " with " + hostIf, Duration.ofSeconds(15),
                    blk -> !blk.isFinal() && !blk.time().isBefore(due) && blk.row(hostIf).isPresent());
            if (KernelCounters.read(hostIf).equals(k)) {
                assertTrue(k.rxPackets() >= datagrams, hostIf + " received the datagrams: " + k);
                return new Link(hostIf, created, firstBlock, k, b.rowOrFail(hostIf));
            }
            Lab.log("%s moved while waiting for block %s; again", hostIf, b.time());
        }
        throw new AssertionError(hostIf + " never stayed quiet");
    }

    private static void assertCountsEqualKernel(String what, DumpBlock.Row row, KernelCounters k) {
        assertAll(what,
                () -> assertEquals(k.rxPackets(), row.n("in_packets"), what + ": in_packets vs rx_packets"),
                () -> assertEquals(k.rxBytes(), row.n("in_bytes"), what + ": in_bytes vs rx_bytes"),
                () -> assertEquals(k.txPackets(), row.n("out_packets"), what + ": out_packets vs tx_packets"),
                () -> assertEquals(k.txBytes(), row.n("out_bytes"), what + ": out_bytes vs tx_bytes"),
                () -> assertEquals(k.packets(), row.n("packets"), what + ": packets vs rx+tx"),
                () -> assertEquals(row.n("packets"), row.n("ipv4") + row.n("ipv6") + row.n("nonip"),
                        what + ": total = ipv4 + ipv6 + nonip"),
                () -> assertEquals(0, row.n("badip"), what + ": badip"));
    }

    /** No counter of any interface (or the total) ever decreases from one block to the next. */
    private static void assertMonotonic(List<DumpBlock> blocks) {
        Map<String, DumpBlock.Row> prev = new HashMap<>();
        for (DumpBlock b : blocks) {
            Map<String, DumpBlock.Row> rows = new HashMap<>(b.interfaces());
            rows.put("(total)", b.total());
            for (Map.Entry<String, DumpBlock.Row> e : prev.entrySet()) {
                DumpBlock.Row now = rows.get(e.getKey());
                assertTrue(now != null, e.getKey() + " disappeared from the block of " + b.time());
                for (Map.Entry<String, Long> d : now.minus(e.getValue()).entrySet()) {
                    assertTrue(d.getValue() == null || d.getValue() >= 0, e.getKey() + " " + d.getKey()
                            + " went down in the block of " + b.time());
                }
            }
            prev.putAll(rows);
        }
    }

    /** A 10.199.N.0/24 that no host interface uses (other labs pick theirs at random too). */
    static int freeSubnet() {
        String used = Lab.shOk(Duration.ofSeconds(10), "ip", "-o", "-4", "addr", "show").stdout()
                + Lab.shOk(Duration.ofSeconds(10), "ip", "-4", "route", "show").stdout();
        for (int i = 0; i < 50; i++) {
            int n = ThreadLocalRandom.current().nextInt(1, 255);
            if (!used.contains("10.199." + n + ".")) {
                return n;
            }
        }
        throw new IllegalStateException("no free 10.199.N.0/24 for the lab");
    }

    private static void printTable(Link first, KernelCounters firstAtDelete, Link second, KernelCounters secondAtStop,
            DumpBlock last, DumpBlock gone, Instant deleted) {
        System.out.println();
        System.out.println("== namespace churn: jtraf vs kernel (sysfs) ==");
        System.out.printf(Locale.ROOT, "%-14s %-6s %-26s %9s %9s %9s %9s %9s%n", "iface", "state", "when", "in_pkts",
                "in_bytes", "out_pkts", "out_bytes", "packets");
        row(first.hostIf(), "up", "jtraf, quiet", first.row());
        kernel(first.hostIf(), "kernel, before deletion", firstAtDelete);
        row(first.hostIf(), last.rowOrFail(first.hostIf()).state(), "jtraf, final block", last.rowOrFail(first.hostIf()));
        row(second.hostIf(), "up", "jtraf, quiet", second.row());
        kernel(second.hostIf(), "kernel, at SIGINT", secondAtStop);
        row(second.hostIf(), last.rowOrFail(second.hostIf()).state(), "jtraf, final block", last.rowOrFail(second.hostIf()));
        System.out.printf(Locale.ROOT, "%s: created %s, first listed in block %s (%d ms)%n", first.hostIf(),
                first.created(), first.firstBlock().time(), Duration.between(first.created(), first.firstBlock().time()).toMillis());
        System.out.printf(Locale.ROOT, "%s: deleted %s, first block with state gone %s (%d ms)%n", first.hostIf(),
                deleted, gone.time(), Duration.between(deleted, gone.time()).toMillis());
        System.out.printf(Locale.ROOT, "%s: created %s, first listed in block %s (%d ms)%n", second.hostIf(),
                second.created(), second.firstBlock().time(),
                Duration.between(second.created(), second.firstBlock().time()).toMillis());
        System.out.flush();
    }

    private static void row(String iface, String state, String when, DumpBlock.Row r) {
        System.out.printf(Locale.ROOT, "%-14s %-6s %-26s %9d %9d %9d %9d %9d%n", iface, state, when, r.n("in_packets"),
                r.n("in_bytes"), r.n("out_packets"), r.n("out_bytes"), r.n("packets"));
    }

    private static void kernel(String iface, String when, KernelCounters k) {
        System.out.printf(Locale.ROOT, "%-14s %-6s %-26s %9d %9d %9d %9d %9d%n", iface, "", when, k.rxPackets(),
                k.rxBytes(), k.txPackets(), k.txBytes(), k.packets());
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
