package dev.jtraf.docker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.jtraf.lab.DockerLab;
import dev.jtraf.lab.KernelCounters;
import dev.jtraf.lab.Lab;
import dev.jtraf.stats.InterfaceLabel;
import dev.jtraf.stats.LinkRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * jtraf's veth-to-container mapping against a real engine, checked against an oracle computed
 * here independently of jtraf's code: {@code docker inspect} (CLI) for each container's PID and
 * per-network MAC and address, the container's own {@code /sys/class/net/X/{iflink,address}}
 * through {@code /proc/PID/root}, and the host's {@code /sys/class/net/*}/ifindex. No traffic
 * leaves the containers except single pings to the default bridge's own address.
 */
@Tag(Lab.TAG)
class DockerMappingLabTest {
    /** What the oracle says about one host veth. */
    record Expected(String veth, int ifindex, String container, String containerId, String network, String ip) {
    }

    @Test
    void everyVethIsNamedExactlyAsDockerInspectAndSysfsSay() {
        long t0 = System.nanoTime();
        try (DockerLab docker = DockerLab.open()) {
            DockerLab.Network net = docker.createNetwork("user");
            DockerLab.Container def = docker.run("default");
            DockerLab.Container usr = docker.run("user", "--network", net.name());
            DockerLab.Container two = docker.run("two");
            Lab.shOk(Duration.ofSeconds(30), "docker", "network", "connect", net.name(), two.id());
            DockerLab.Container host = docker.run("host", "--network", "host");
            DockerLab.Container none = docker.run("none", "--network", "none");
            DockerLab.Container side = docker.run("side", "--network", "container:" + def.id());
            Lab.log("containers up in %d ms", ms(t0));

            Map<String, Expected> expected = new TreeMap<>();
            for (DockerLab.Container c : List.of(def, usr, two, host, none, side)) {
                for (Expected e : oracle(c.id())) {
                    expected.put(e.veth(), e);
                }
            }
            assertEquals(4, expected.size(), "veths: default 1, user 1, two 2 (host, none and side have none): " + expected);

            long t1 = System.nanoTime();
            try (DockerWatcher w = DockerWatcher.start(DockerHost.fromEnvironment())) {
                Lab.log("watcher started in %d ms: %s", ms(t1), w.view());
                assertEquals(null, w.problem());
                for (Expected e : expected.values()) {
                    assertEquals(new InterfaceLabel(e.container(), e.containerId(), e.network(), DockerLab.IMAGE, e.ip(),
                            LinkRole.BRIDGE_PORT), w.labelOf(e.veth(), e.ifindex()), e.veth());
                }
                // no other interface is said to belong to a container of this lab
                for (HostLink h : w.view().links()) {
                    InterfaceLabel l = w.labelOf(h.name(), h.ifindex());
                    if (l.container() != null && l.container().startsWith(docker.prefix())) {
                        assertTrue(expected.containsKey(h.name()), h + " labelled " + l);
                    }
                }
                DockerView v = w.view();
                assertEquals("bridge", w.labelOf("docker0", ifindex("docker0")).network());
                assertEquals(LinkRole.BRIDGE, w.labelOf("docker0", ifindex("docker0")).role());
                assertEquals(new InterfaceLabel(null, null, net.name(), null, null, LinkRole.BRIDGE),
                        w.labelOf(net.bridge(), ifindex(net.bridge())));
                assertEquals(net.bridge(), v.networkOfBridge(net.bridge()).bridge());
                assertEquals(Lab.shOk(Duration.ofSeconds(30), "docker", "network", "inspect", "-f",
                        "{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}", net.id()).out(),
                        v.networkOfBridge(net.bridge()).subnet() + " " + v.networkOfBridge(net.bridge()).gateway());
                assertEquals("host network", v.container(host.name()).networkDescription());
                assertEquals("no network", v.container(none.name()).networkDescription());
                assertEquals("shares " + def.name() + "'s network", v.container(side.name()).networkDescription());
                assertEquals(List.of("bridge", net.name()).stream().sorted().toList(),
                        v.container(two.name()).endpoints().stream().map(Endpoint::network).toList());
                assertEquals(List.of(), v.container(host.name()).endpoints().stream()
                        .filter(e -> e.hostVeth() != null).toList());
            }
        }
        Lab.log("mapping test done in %d ms", ms(t0));
    }

    /**
     * A container that mounts the host's {@code /sys} over its own, as cAdvisor's documented
     * {@code -v /sys:/sys:ro} does: its veth is named too. Was: never named, and nothing said.
     * Oracle: {@code ip -o link} run in the container's network namespace ({@code eth0@ifN}: N
     * is the host veth's ifindex) and {@code docker inspect}.
     */
    @Test
    void aContainerThatMountsTheHostsSysHasItsVethNamed() {
        try (DockerLab docker = DockerLab.open()) {
            DockerLab.Container c = docker.run("sysmount", "-v", "/sys:/sys:ro");
            String links = docker.nsenter(c, Duration.ofSeconds(30), "ip", "-o", "link", "show").out();
            Matcher m = Pattern.compile("\\d+: eth0@if(\\d+):").matcher(links);
            assertTrue(m.find(), links);
            int hostIfindex = Integer.parseInt(m.group(1));
            String veth = hostName(hostIfindex);
            String ip = Lab.shOk(Duration.ofSeconds(30), "docker", "inspect", "-f",
                    "{{.NetworkSettings.Networks.bridge.IPAddress}}", c.id()).out();
            try (DockerWatcher w = DockerWatcher.start(DockerHost.fromEnvironment())) {
                assertEquals(null, w.problem());
                assertEquals(new InterfaceLabel(c.name(), c.id().substring(0, 12), "bridge", DockerLab.IMAGE, ip,
                        LinkRole.BRIDGE_PORT), w.labelOf(veth, hostIfindex), veth);
            }
        }
    }

    /**
     * A running {@code jtraf --dump json}: one container is stopped and another started; within
     * 2 s the new veth's row names its container, and the stopped one's row says gone and
     * keeps its container's name.
     */
    @Test
    void dumpRowsFollowAStopAndAStartWithinTwoSeconds() {
        long t0 = System.nanoTime();
        try (DockerLab docker = DockerLab.open()) {
            DockerLab.Container a = docker.run("stopped");
            String gateway = Lab.shOk(Duration.ofSeconds(30), "docker", "inspect", "-f",
                    "{{.NetworkSettings.Networks.bridge.Gateway}}", a.id()).out();
            try (JtrafDump jtraf = JtrafDump.start(Map.of(), "--interval", "1", "-i", "veth*")) {
                jtraf.awaitBlock(a.hostVeth() + " named", Duration.ofSeconds(20),
                        b -> b.row(a.hostVeth()) != null && a.name().equals(b.row(a.hostVeth()).get("container")));
                // a frame on A's veth, so its row outlives the veth (rows of never-used veths are left out)
                Lab.Result ping = docker.exec(a, Duration.ofSeconds(20), "ping", "-c", "1", "-W", "2", gateway);
                assertTrue(ping.ok(), ping.describe());
                jtraf.awaitBlock("a frame on " + a.hostVeth(), Duration.ofSeconds(10),
                        b -> b.row(a.hostVeth()) != null && b.num(a.hostVeth(), "packets") > 0);

                Lab.shOk(Duration.ofSeconds(30), "docker", "stop", "-t", "0", a.id());
                Instant stopped = Instant.now();
                DockerLab.Container b = docker.run("started");
                Instant started = Instant.now();
                Lab.log("stopped %s (%s) at %s, started %s (%s) at %s", a.name(), a.hostVeth(), stopped, b.name(),
                        b.hostVeth(), started);

                JtrafDump.Block gone = jtraf.awaitBlock(a.hostVeth() + " gone with its name", Duration.ofSeconds(10),
                        blk -> blk.row(a.hostVeth()) != null && "gone".equals(blk.row(a.hostVeth()).get("state"))
                                && a.name().equals(blk.row(a.hostVeth()).get("container")));
                JtrafDump.Block named = jtraf.awaitBlock(b.hostVeth() + " named", Duration.ofSeconds(10),
                        blk -> blk.row(b.hostVeth()) != null && b.name().equals(blk.row(b.hostVeth()).get("container")));
                // a block stamped T is written 250 ms after T (CaptureRun.LIVE_GRACE_MILLIS)
                Lab.log("stop -> first block with the row gone and named: %s, written %d ms after the stop; start ->"
                        + " first block naming the new veth: %s, written %d ms after the start", gone.time(),
                        Duration.between(stopped, gone.time().plusMillis(250)).toMillis(), named.time(),
                        Duration.between(started, named.time().plusMillis(250)).toMillis());
                jtraf.awaitBlockAfter(started.plusSeconds(3), Duration.ofSeconds(10));
                for (JtrafDump.Block blk : jtraf.blocks()) {
                    if (!blk.time().isBefore(stopped.plusSeconds(2))) {
                        Map<String, Object> row = blk.row(a.hostVeth());
                        assertTrue(row != null && "gone".equals(row.get("state")) && a.name().equals(row.get("container"))
                                && "bridge".equals(row.get("network")), "block " + blk.time() + ": " + row);
                    }
                    if (!blk.time().isBefore(started.plusSeconds(2))) {
                        Map<String, Object> row = blk.row(b.hostVeth());
                        assertTrue(row != null && "up".equals(row.get("state")) && b.name().equals(row.get("container"))
                                && b.id().substring(0, 12).equals(row.get("container_id"))
                                && "bridge".equals(row.get("network")), "block " + blk.time() + ": " + row);
                    }
                }
                Lab.Result end = jtraf.stop(); // SIGINT: the final block, and the shell's 130
                assertTrue(end.stdout().contains("\"final\":true"), end.describe());
                assertEquals("", end.stderr(), "Docker answered: nothing to explain");
            }
        }
        Lab.log("follow test done in %d ms", ms(t0));
    }

    // ------------------------------------------------------------------------------------------
    // The oracle

    /** The host veths of one container, from `docker inspect` and sysfs, without jtraf's code. */
    private static List<Expected> oracle(String id) {
        String json = Lab.shOk(Duration.ofSeconds(30), "docker", "inspect", "-f",
                "{{json .State.Pid}} {{json .Name}} {{json .NetworkSettings.Networks}}", id).out();
        String[] f = json.split(" ", 3);
        long pid = Long.parseLong(f[0]);
        String name = f[1].replace("\"", "").replaceFirst("^/", "");
        Map<String, Object> networks;
        try {
            networks = JSON.std.mapFrom(f[2]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String mode = Lab.shOk(Duration.ofSeconds(30), "docker", "inspect", "-f", "{{.HostConfig.NetworkMode}}", id).out();
        if (mode.equals("host") || mode.equals("none") || mode.startsWith("container:")) {
            return List.of(); // no veth of its own
        }
        Path net = DockerLab.containerSysClassNet(pid);
        try (Stream<Path> s = Files.list(net)) {
            return s.filter(p -> !p.getFileName().toString().equals("lo")).map(p -> {
                int hostIfindex = Integer.parseInt(read(p.resolve("iflink")));
                String mac = read(p.resolve("address"));
                String veth = hostName(hostIfindex);
                String network = null;
                String ip = null;
                for (Map.Entry<String, Object> e : networks.entrySet()) {
                    Map<?, ?> ep = (Map<?, ?>) e.getValue();
                    if (mac.equalsIgnoreCase(String.valueOf(ep.get("MacAddress")))) {
                        network = e.getKey();
                        ip = String.valueOf(ep.get("IPAddress"));
                    }
                }
                return new Expected(veth, hostIfindex, name, id.substring(0, 12), Objects.requireNonNull(network, mac), ip);
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hostName(int ifindex) {
        try (Stream<Path> s = Files.list(KernelCounters.SYS_CLASS_NET)) {
            return s.filter(d -> read(d.resolve("ifindex")).equals(Integer.toString(ifindex)))
                    .map(d -> d.getFileName().toString()).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int ifindex(String iface) {
        return Integer.parseInt(read(KernelCounters.SYS_CLASS_NET.resolve(iface).resolve("ifindex")));
    }

    static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
