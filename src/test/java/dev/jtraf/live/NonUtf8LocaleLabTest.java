package dev.jtraf.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.lab.Lab;
import dev.jtraf.lab.NetnsLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * jtraf under the C locale (a systemd service, {@code env -i}) on a host with an interface whose
 * name is not ASCII. Was: "internal error: java.nio.file.InvalidPathException" at start (exit 1)
 * when such an interface existed, and when one appeared later, a log line every 0.5 s and no
 * interface discovery for the rest of the run. Now such a name is left out of discovery (said
 * once in the log), and everything else goes on: an ASCII interface created after it is listed.
 */
@Tag(Lab.TAG)
class NonUtf8LocaleLabTest {
    private static final Duration T = Duration.ofSeconds(30);

    @Test
    void aNonAsciiInterfaceNameUnderTheCLocaleStopsNeitherJtrafNorItsDiscovery() throws Exception {
        Lab.assumeCommand("ip");
        try (NetnsLab lab = NetnsLab.open()) {
            Path work = Files.createDirectories(Lab.dir("live").resolve("c-locale-" + lab.id()));
            Path log = work.resolve("jtraf.log");
            String ns = lab.namespace("u");
            String ascii = "jtl" + lab.id() + "p";
            vethWithNonAsciiEnd(ns, lab.id() + "a", ascii + "a");
            List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns, "env", "-i",
                    "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C"));
            argv.addAll(JtrafProcess.command("--dump", "json", "--interval", "1", "--log-file", log.toString()));
            try (Lab.Background jtraf = Lab.spawn("jtraf-c-locale", argv)) {
                jtraf.awaitOutput("a first block listing " + ascii + "a", T,
                        s -> s.contains("\"iface\":\"" + ascii + "a\""));
                vethWithNonAsciiEnd(ns, lab.id() + "b", ascii + "b");
                jtraf.awaitOutput(ascii + "b, created later, listed", T, s -> s.contains("\"iface\":\"" + ascii + "b\""));
                jtraf.signal("INT");
                Lab.Result r = jtraf.waitFor(T);
                assertEquals(130, r.exitCode(), r.describe());
                assertEquals(List.of(), r.stderr().lines().filter(l -> !l.startsWith("jtraf: no container names: "))
                        .toList(), "stderr");
                String logText = Files.readString(log);
                assertFalse(logText.contains("interface scan failed"), logText);
                assertFalse(logText.contains("Exception"), logText);
                assertEquals(1, logText.lines().filter(l -> l.contains("cannot be read in this locale")).count(), logText);
            }
        }
    }

    /**
     * Frames on such an interface are counted under {@code if<ifindex>}, in one row for as long as
     * it exists. Was (review): each scan retired the row, whose name sysfs did not list, and the
     * next frame made a new one: a gone {@code if<ifindex>} row every half second.
     */
    @Test
    void framesOnAnInterfaceWhoseNameTheLocaleCannotReadStayInOneRow() throws Exception {
        Lab.assumeCommand("ip");
        Lab.assumeCommand("ping");
        try (NetnsLab lab = NetnsLab.open()) {
            Path work = Files.createDirectories(Lab.dir("live").resolve("c-locale-traffic-" + lab.id()));
            String jtrafNs = lab.namespace("u");
            String peerNs = lab.namespace("v");
            int net = NamespaceInterfaceChurnTest.freeSubnet();
            String peer = "jtl" + lab.id() + "q";
            // jtü<id>t in jtraf's namespace (UTF-8 bytes from printf), its peer in the other one
            Lab.shOk(T, "sh", "-c", "n=$(printf 'jt\\303\\274%s' " + lab.id() + "t);"
                    + " ip link add \"$n\" netns " + jtrafNs + " type veth peer name " + peer + " netns " + peerNs
                    + " && ip -n " + jtrafNs + " addr add 10.199." + net + ".1/24 dev \"$n\""
                    + " && ip -n " + jtrafNs + " link set \"$n\" up"
                    + " && ip -n " + peerNs + " addr add 10.199." + net + ".2/24 dev " + peer
                    + " && ip -n " + peerNs + " link set " + peer + " up");
            String ifindex = Lab.shOk(T, "sh", "-c", "cat /sys/class/net/" + peer + "/iflink 2>/dev/null || ip netns exec "
                    + peerNs + " cat /sys/class/net/" + peer + "/iflink").stdout().strip();
            Path log = work.resolve("jtraf.log");
            List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", jtrafNs, "env", "-i",
                    "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C"));
            argv.addAll(JtrafProcess.command("--dump", "json", "--interval", "1", "--log-file", log.toString()));
            try (Lab.Background jtraf = Lab.spawn("jtraf-c-locale-traffic", argv)) {
                jtraf.awaitOutput("a first block", T, s -> s.contains("\"final\":false"));
                Lab.Result ping = lab.exec(peerNs, T, "ping", "-q", "-n", "-c", "30", "-i", "0.1", "10.199." + net + ".1");
                assertTrue(ping.ok(), ping.describe());
                jtraf.signal("INT");
                Lab.Result r = jtraf.waitFor(T);
                assertEquals(130, r.exitCode(), r.describe());
                List<DumpBlock> blocks = DumpBlock.parseAll(r.stdout());
                DumpBlock last = blocks.get(blocks.size() - 1);
                List<String> unnamed = last.interfaces().keySet().stream().filter(n -> n.matches("if\\d+")).toList();
                assertEquals(List.of("if" + ifindex), unnamed, "one row for the interface, by its ifindex");
                DumpBlock.Row row = last.rowOrFail("if" + ifindex);
                assertEquals("up", row.state());
                assertTrue(row.n("packets") >= 60, "the pings and their answers: " + row.fields());
            }
        }
    }

    /** A veth pair in {@code ns}, both ends up: {@code jtü<suffix>} (as UTF-8 bytes) and {@code other}. */
    private static void vethWithNonAsciiEnd(String ns, String suffix, String other) {
        // printf writes the UTF-8 bytes of ü: this JVM's own locale may not be able to encode it
        Lab.shOk(T, "ip", "netns", "exec", ns, "sh", "-c", "n=$(printf 'jt\\303\\274%s' " + suffix + ");"
                + " ip link add \"$n\" type veth peer name " + other + " && ip link set \"$n\" up && ip link set " + other + " up");
    }
}
