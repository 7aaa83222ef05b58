package dev.jtraf.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtraf.lab.Lab;
import dev.jtraf.stats.InterfaceLabel;
import dev.jtraf.stats.LinkRole;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery and veth mapping end to end without Docker: a stub engine on a Unix socket and a
 * fake {@code /sys/class/net} and {@code /proc} laid out in a temporary directory, shaped like
 * what Docker 20.10 makes (values from a real host, see tech-notes 4.3 and 4.4).
 *
 * <pre>
 *   host ifindex/iflink            container side (own namespace)
 *   eth0      2/2                  web1: eth0 8/9   02:42:ac:11:00:02  (bridge)
 *   docker0   3/3  bridge                mv0  5/2   a macvlan child of the host's eth0
 *   br-3f1e.. 4/4  bridge          api:  eth0 8/11  02:42:ac:11:00:03  (bridge)
 *   veth1     9/8  port of docker0       eth1 12/13 02:42:ac:12:00:02  (backend)
 *   veth2    11/8  port of docker0
 *   veth3    13/12 port of br-3f1e..
 * </pre>
 * veth1 and veth2 both have iflink 8 (their peers are both ifindex 8, in different
 * namespaces): matching on the host side's iflink would mix them up.
 */
class DockerWatcherTest {
    static final String WEB1 = "a1".repeat(32);
    static final String API = "b2".repeat(32);
    static final String HOSTC = "c3".repeat(32);
    static final String NONEC = "d4".repeat(32);
    static final String SIDE = "e5".repeat(32);
    static final String OLD = "f6".repeat(32);
    static final String BRIDGE_ID = "577c991cf65609ec1081c481ae01ee646736de27730d0cad36adb6e12555b1be";
    static final String BACKEND_ID = "3f1e0a9b2c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7";

    @TempDir
    Path dir;
    private Path sys;
    private Path proc;

    @BeforeEach
    void layOut() throws IOException {
        sys = Files.createDirectories(dir.resolve("sys/class/net"));
        proc = Files.createDirectories(dir.resolve("proc"));
        hostLink("lo", 1, 1, null, false);
        hostLink("eth0", 2, 2, null, false);
        hostLink("docker0", 3, 3, null, true);
        hostLink("br-3f1e0a9b2c4d", 4, 4, null, true);
        hostLink("veth1", 9, 8, "docker0", false);
        hostLink("veth2", 11, 8, "docker0", false);
        hostLink("veth3", 13, 12, "br-3f1e0a9b2c4d", false);
        containerLink(1001, "lo", 1, 1, "00:00:00:00:00:00");
        containerLink(1001, "eth0", 8, 9, "02:42:ac:11:00:02");
        containerLink(1001, "mv0", 5, 2, "aa:bb:cc:dd:ee:ff");
        containerLink(1002, "eth0", 8, 11, "02:42:AC:11:00:03");
        containerLink(1002, "eth1", 12, 13, "02:42:ac:12:00:02");
    }

    private StubEngine engine() throws IOException {
        StubEngine stub = new StubEngine(Files.createDirectories(dir.resolve("run"))).version("1.41", "1.12");
        stub.on("/v1.41/networks", 200, "[" + network("bridge", BRIDGE_ID, "bridge", "172.17.0.0/16", null,
                "{\"com.docker.network.bridge.default_bridge\":\"true\",\"com.docker.network.bridge.name\":\"docker0\"}")
                + "," + network("backend", BACKEND_ID, "bridge", "172.18.0.0/16", "172.18.0.1", "{}")
                + "," + network("host", "7a41638ac6d04ceb558123a44fda29b17b112fef950d928ee149ec8d05f07ff0", "host", null,
                        null, "{}")
                + "," + network("none", "2f9aed9d0e6388641a139b3d033d408cfef3a4d5c360c8bc29114815d6f5a11d", "null", null,
                        null, "{}") + "]");
        listContainers(stub, "running");
        stub.on("/v1.41/containers/" + WEB1 + "/json", 200, inspect(WEB1, "web1", "nginx:1.27", 1001, "default",
                endpoint("bridge", BRIDGE_ID, "172.17.0.2", "02:42:ac:11:00:02", "172.17.0.1"), null));
        stub.on("/v1.41/containers/" + API + "/json", 200, inspect(API, "api", "registry.local/api:2", 1002, "backend",
                endpoint("backend", BACKEND_ID, "172.18.0.2", "02:42:ac:12:00:02", "172.18.0.1") + ","
                        + endpoint("bridge", BRIDGE_ID, "172.17.0.3", "02:42:ac:11:00:03", "172.17.0.1"),
                "\"com.docker.compose.project\":\"shop\",\"com.docker.compose.service\":\"api\""));
        stub.on("/v1.41/containers/" + HOSTC + "/json", 200, inspect(HOSTC, "hostc", "busybox", 1003, "host",
                "\"host\":{\"NetworkID\":\"7a41\",\"IPAddress\":\"\",\"MacAddress\":\"\"}", null));
        stub.on("/v1.41/containers/" + NONEC + "/json", 200, inspect(NONEC, "nonec", "busybox", 1004, "none",
                "\"none\":{\"NetworkID\":\"2f9a\",\"IPAddress\":\"\",\"MacAddress\":\"\"}", null));
        stub.on("/v1.41/containers/" + SIDE + "/json", 200, inspect(SIDE, "side", "busybox", 1005, "container:" + WEB1,
                "", null));
        return stub;
    }

    /** The listing: web1 in the given state, the others as set up. */
    private static void listContainers(StubEngine stub, String web1State) {
        stub.on("/v1.41/containers/json", 200, "[" + String.join(",",
                listed(WEB1, "web1", "nginx:1.27", web1State, "default"),
                listed(API, "api", "registry.local/api:2", "running", "backend"),
                listed(HOSTC, "hostc", "busybox", "running", "host"),
                listed(NONEC, "nonec", "busybox", "running", "none"),
                listed(SIDE, "side", "busybox", "running", "container:" + WEB1),
                listed(OLD, "old", "busybox", "exited", "default")) + "]");
    }

    @Test
    void namesEveryVethExactlyAndSaysWhatTheOthersAre() throws Exception {
        try (StubEngine stub = engine(); DockerWatcher w = new DockerWatcher(stub.host(), new NetSysfs(sys, proc))) {
            w.tick(true);
            DockerView v = w.view();
            assertNull(v.problem());
            assertEquals("1.41", v.apiVersion());
            assertEquals(new InterfaceLabel("web1", WEB1.substring(0, 12), "bridge", "nginx:1.27", "172.17.0.2",
                    LinkRole.BRIDGE_PORT), w.labelOf("veth1", 9));
            assertEquals(new InterfaceLabel("api", API.substring(0, 12), "bridge", "registry.local/api:2", "172.17.0.3",
                    LinkRole.BRIDGE_PORT), w.labelOf("veth2", 11));
            assertEquals(new InterfaceLabel("api", API.substring(0, 12), "backend", "registry.local/api:2", "172.18.0.2",
                    LinkRole.BRIDGE_PORT), w.labelOf("veth3", 13));
            assertEquals(new InterfaceLabel(null, null, "bridge", null, null, LinkRole.BRIDGE), w.labelOf("docker0", 3));
            assertEquals(new InterfaceLabel(null, null, "backend", null, null, LinkRole.BRIDGE),
                    w.labelOf("br-3f1e0a9b2c4d", 4));
            assertEquals(InterfaceLabel.NONE, w.labelOf("eth0", 2));
            assertEquals(InterfaceLabel.NONE, w.labelOf("veth1", 99), "same name, other ifindex: not that veth");
            assertEquals("web1 (nginx:1.27, 172.17.0.2, bridge)", w.labelOf("veth1", 9).describe());

            assertEquals(List.of("api", "hostc", "nonec", "old", "side", "web1"),
                    v.containers().stream().map(ContainerInfo::name).toList());
            ContainerInfo api = v.container("api");
            assertEquals("shop", api.composeProject());
            assertEquals("api", api.composeService());
            assertEquals(1002, api.pid());
            assertEquals(List.of(
                    new Endpoint("backend", BACKEND_ID, "172.18.0.2", 16, null, "02:42:ac:12:00:02", "172.18.0.1", "eth1",
                            "veth3", 13),
                    new Endpoint("bridge", BRIDGE_ID, "172.17.0.3", 16, null, "02:42:ac:11:00:03", "172.17.0.1", "eth0",
                            "veth2", 11)), api.endpoints());
            assertEquals("backend, bridge", api.networkDescription());
            assertEquals("host network", v.container("hostc").networkDescription());
            assertEquals("no network", v.container("nonec").networkDescription());
            assertEquals("shares web1's network", v.container("side").networkDescription());
            assertEquals("exited", v.container("old").state());
            assertEquals(0, v.container("old").pid());
            assertEquals("web1", v.containerOfVeth("veth1").name());

            NetworkInfo bridge = v.networkOfBridge("docker0");
            assertEquals(List.of("172.17.0.0/16"), bridge.subnets());
            assertEquals("172.17.0.1", bridge.gateway(), "the default bridge's gateway, taken from an endpoint");
            NetworkInfo backend = v.networkOfBridge("br-3f1e0a9b2c4d");
            assertEquals("backend", backend.name());
            assertEquals("172.18.0.1", backend.gateway());
            assertEquals(List.of("veth1", "veth2"), v.portsOf("docker0").stream().map(HostLink::name).toList());
        }
    }

    @Test
    void aStoppedContainersVethKeepsItsNameToTheEndAndAfter() throws Exception {
        try (StubEngine stub = engine(); DockerWatcher w = new DockerWatcher(stub.host(), new NetSysfs(sys, proc))) {
            w.tick(true);
            InterfaceLabel web1 = w.labelOf("veth1", 9);
            // the engine reports the container dead a moment before the kernel deletes its veth
            listContainers(stub, "exited");
            w.tick(true);
            assertEquals(web1, w.labelOf("veth1", 9));
            deleteTree(sys.resolve("veth1"));
            w.tick(true);
            assertEquals(web1, w.labelOf("veth1", 9), "a gone row keeps its container");
            assertEquals(List.of("veth2"), w.view().portsOf("docker0").stream().map(HostLink::name).toList());
        }
    }

    @Test
    void withoutAnEngineEveryInterfaceStillHasItsRole() throws Exception {
        try (DockerWatcher w = new DockerWatcher(new DockerHost(dir.resolve("absent.sock"), null), new NetSysfs(sys, proc))) {
            w.tick(true);
            assertEquals("cannot reach Docker at " + dir.resolve("absent.sock")
                    + " (no such socket; is Docker installed and running?)", w.problem());
            assertEquals(InterfaceLabel.of(LinkRole.BRIDGE), w.labelOf("docker0", 3));
            assertEquals(InterfaceLabel.of(LinkRole.BRIDGE_PORT), w.labelOf("veth1", 9));
            assertEquals(InterfaceLabel.NONE, w.labelOf("eth0", 2));
        }
    }

    @Test
    void aRemoteDockerHostIsReportedNotTried() {
        try (DockerWatcher w = new DockerWatcher(DockerHost.fromEnvironment(java.util.Map.of("DOCKER_HOST", "ssh://box")),
                new NetSysfs(sys, proc))) {
            w.tick(true);
            assertEquals("DOCKER_HOST=ssh://box is not a unix:// socket (jtraf talks only to a local engine)", w.problem());
        }
    }

    @Test
    void withoutAnEngineALookSeesAnInterfaceJoinABridgeAndANewOne() throws Exception {
        try (DockerWatcher w = new DockerWatcher(new DockerHost(dir.resolve("absent.sock"), null), new NetSysfs(sys, proc))) {
            w.tick(true);
            DockerView v = w.view();
            w.tick(false);
            assertSame(v, w.view(), "nothing changed: the same view");
            hostLink("tap0", 20, 20, null, false);
            w.tick(false);
            assertEquals(InterfaceLabel.NONE, w.labelOf("tap0", 20));
            // joins docker0, as the kernel shows it: tap0's brport and master, docker0's brif
            Files.createDirectories(sys.resolve("tap0/brport"));
            Files.createSymbolicLink(sys.resolve("tap0/master"), Path.of("..", "docker0"));
            Files.createDirectories(sys.resolve("docker0/brif/tap0"));
            w.tick(false);
            assertEquals(InterfaceLabel.of(LinkRole.BRIDGE_PORT), w.labelOf("tap0", 20));
            assertEquals(List.of("veth1", "veth2", "tap0"), w.view().portsOf("docker0").stream().map(HostLink::name).toList());
        }
    }

    /**
     * An engine that accepts and never answers (a hung dockerd): the wait for the first view
     * ends, and the watcher says the engine does not answer; when the engine goes away, the
     * refresh that waited on it ends, and the problem is the usual one. Was: the transport's
     * response timeout does not hold on a Unix socket, and a dump or a daemon waited forever,
     * --duration and SIGTERM included.
     */
    @Test
    void aSilentEngineIsNamedAsSuchUntilItGoesAway() throws Exception {
        Path socket = Files.createDirectories(dir.resolve("run")).resolve("docker.sock");
        ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try (DockerWatcher w = new DockerWatcher(new DockerHost(socket, null), new NetSysfs(sys, proc))) {
            silent.bind(UnixDomainSocketAddress.of(socket)); // listens; accepts nothing, answers nothing
            w.stallNanos = 300_000_000L;
            w.startThreads();
            assertFalse(w.awaitFirstView(Duration.ofMillis(600)), "a first view from an engine that never answered");
            String expected = "Docker at " + socket + " does not answer (no reply within 5 s; is the engine hung?)";
            assertEquals(expected, w.problem());
            assertEquals(expected, w.view().problem());
            silent.close(); // the engine goes away: the request it held fails
            // (awaitFirstView returns at once while the refresh is stalled)
            Lab.await("the first view after the engine went away", Duration.ofSeconds(20),
                    () -> w.awaitFirstView(Duration.ofMillis(100)));
            assertTrue(w.problem().startsWith("cannot reach Docker at " + socket), w.problem());
        } finally {
            silent.close();
        }
    }

    /**
     * A slow engine that answers every call is not a silent one: a first view of many calls,
     * longer in all than the stall threshold, never says "does not answer" (each answer resets
     * the wait), and names the containers.
     */
    @Test
    void aSlowEngineThatAnswersIsNotASilentOne() throws Exception {
        try (StubEngine stub = engine().slow(100); DockerWatcher w = new DockerWatcher(stub.host(), new NetSysfs(sys, proc))) {
            w.stallNanos = 600_000_000L; // each call takes 100 ms; the first view takes about 0.8 s
            long start = System.nanoTime();
            w.startThreads();
            while (!w.awaitFirstView(Duration.ofMillis(20))) {
                assertNull(w.problem(), "a slow engine called silent");
            }
            assertTrue(System.nanoTime() - start > w.stallNanos, "the first view was quicker than the threshold:"
                    + " this test no longer tests a refresh longer than it");
            assertNull(w.problem());
            assertEquals("web1", w.labelOf("veth1", 9).container());
        }
    }

    /**
     * An engine that hangs between refreshes (kill -STOP of dockerd) is found by the event
     * window it does not end: "does not answer" once the window is the stall threshold past its
     * end, and gone when the window ends after all; windows that end in time are no stall, and a
     * healthy engine is asked nothing but the windows. Was: found only by the next full
     * re-listing, up to 30 s later (35 s with the threshold).
     */
    @Test
    void anEngineThatHangsBetweenRefreshesIsFoundByItsOverdueEventWindow() throws Exception {
        try (StubEngine stub = engine().streamEvents();
                DockerWatcher w = new DockerWatcher(stub.host(), new NetSysfs(sys, proc))) {
            w.eventWindowNanos = 500_000_000L;
            w.stallNanos = 300_000_000L;
            w.startThreads();
            assertTrue(w.awaitFirstView(Duration.ofSeconds(10)));
            List<String> firstView = stub.requests().stream().filter(r -> !r.contains("/events?")).toList();
            Lab.await("three event windows ended in time", Duration.ofSeconds(10), () -> {
                assertNull(w.problem(), "a window that ended in time called a stall");
                return stub.requests().stream().filter(r -> r.contains("/events?")).count() >= 4;
            });
            assertEquals(firstView, stub.requests().stream().filter(r -> !r.contains("/events?")).toList(),
                    "a healthy engine asked more than its event windows");

            stub.hang("/"); // nothing answered, the window under way not ended
            String expected = "Docker at " + stub.socket() + " does not answer (no reply within 5 s; is the engine hung?)";
            long foundMillis = Lab.await("the stall", Duration.ofSeconds(10), () -> expected.equals(w.problem())).toMillis();
            assertTrue(foundMillis <= 500 + 300 + 400, "found " + foundMillis + " ms after the hang: not by the window"
                    + " (0.5 s) and the threshold (0.3 s)");
            assertEquals(expected, w.view().problem());

            stub.answerAgain();
            Lab.await("the engine answering again", Duration.ofSeconds(10), () -> w.problem() == null);
            assertEquals("web1", w.labelOf("veth1", 9).container(), "the names kept");
        }
    }

    @Test
    void connectsAtTheFirstTickAfterTheSocketAppears() throws Exception {
        Path socket = dir.resolve("run/docker.sock");
        try (DockerWatcher w = new DockerWatcher(new DockerHost(socket, null), new NetSysfs(sys, proc))) {
            w.tick(true);
            assertEquals("cannot reach Docker at " + socket + " (no such socket; is Docker installed and running?)",
                    w.problem());
            w.tick(false);
            try (StubEngine stub = engine()) {
                assertEquals(socket, stub.socket());
                w.tick(false); // not RETRY_SECONDS later: the socket's appearance is enough
                assertNull(w.problem());
                assertEquals("web1", w.labelOf("veth1", 9).container());
            }
        }
    }

    @Test
    void reconnectsAtTheFirstTickAfterARestartedEnginesSocketAppears() throws Exception {
        // was: after "lost the connection" the watcher waited RETRY_SECONDS (10 s) whatever the
        // socket did, and the containers a restarted dockerd started meanwhile stayed unnamed
        Path socket = dir.resolve("run/docker.sock");
        try (DockerWatcher w = new DockerWatcher(new DockerHost(socket, null), new NetSysfs(sys, proc))) {
            try (StubEngine stub = engine()) {
                assertEquals(socket, stub.socket());
                w.tick(true);
                assertNull(w.problem());
            }
            Files.deleteIfExists(socket); // dockerd removes its socket when it exits
            w.tick(true);
            assertTrue(w.problem().startsWith("lost the connection to Docker at " + socket), w.problem());
            try (StubEngine again = engine()) {
                assertEquals(socket, again.socket());
                w.tick(false); // the socket is back: at once
                assertNull(w.problem());
                assertEquals("web1", w.labelOf("veth1", 9).container());
            }
        }
    }

    @Test
    void aContainerThatMountsTheHostsSysIsReadThroughItsProcNet() throws Exception {
        // cAdvisor's "-v /sys:/sys:ro": the container's /sys/class/net is the host's, and its
        // veth was never named (no error either)
        Path root = Files.createDirectories(proc.resolve("1007/root/sys/class"));
        Files.createSymbolicLink(root.resolve("net"), sys);
        Files.createDirectories(proc.resolve("1007/net"));
        Files.writeString(proc.resolve("1007/net/dev_mcast"), """
                1    lo              1     0     01005e000001
                16   eth0            1     0     333300000001
                16   eth0            1     0     01005e000001
                """);
        hostLink("veth7", 17, 16, "docker0", false);
        assertEquals(List.of(), containerLinksOf(1007), "no counters to show it is veth7's peer");
        Files.writeString(proc.resolve("1007/net/dev"), """
                Inter-|   Receive                                                |  Transmit
                 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                    lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
                  eth0:    5823      66    0    0    0     0          0         0     1034      13    0    0    0     0       0          0
                """);
        statistics("veth7", 1034, 13, 5823, 66); // rx = what eth0 sent, tx = what it received
        assertEquals(List.of(new NetSysfs.ContainerLink("eth0", 16, 17, null)),
                containerLinksOf(1007), "veth7: its iflink and counters are eth0's");
        hostLink("veth8", 19, 16, "docker0", false); // another namespace's interface 16 too
        statistics("veth8", 1034, 13, 999, 9);
        assertEquals(List.of(new NetSysfs.ContainerLink("eth0", 16, 17, null)),
                containerLinksOf(1007), "still the veth whose counters are eth0's");
        statistics("veth7", 1, 1, 1, 1); // neither pairs with it (a macvlan child, say): unnamed
        assertEquals(List.of(), containerLinksOf(1007));
    }

    /**
     * A host NIC is a network card (sysfs {@code device}) or a bond or VLAN over one
     * ({@code lower_*}); a dummy, a veth of any name and a bridge (whose ports are its lower
     * devices) are not.
     */
    @Test
    void hostLinksTellNetworkCardsFromVirtualInterfaces() throws IOException {
        Files.createDirectories(dir.resolve("devices/virtio0"));
        Files.createSymbolicLink(sys.resolve("eth0/device"), dir.resolve("devices/virtio0"));
        hostLink("bond0", 20, 20, null, false);
        Files.createSymbolicLink(sys.resolve("bond0/lower_eth0"), Path.of("..", "eth0"));
        hostLink("dummy0", 21, 21, null, false);
        hostLink("avA", 22, 23, null, false); // a namespace's veth, not named veth*
        Files.createSymbolicLink(sys.resolve("docker0/lower_veth1"), Path.of("..", "veth1"));
        Map<String, Boolean> nic = new java.util.TreeMap<>();
        for (HostLink h : new NetSysfs(sys, proc).hostLinks()) {
            nic.put(h.name(), h.nic());
        }
        assertEquals(Map.of("lo", false, "eth0", true, "docker0", false, "br-3f1e0a9b2c4d", false, "veth1", false,
                "veth2", false, "veth3", false, "bond0", true, "dummy0", false, "avA", false), nic);
    }

    /** What the mapping reads of a container's interfaces, with the host's as read now. */
    private List<NetSysfs.ContainerLink> containerLinksOf(long pid) throws IOException {
        NetSysfs n = new NetSysfs(sys, proc);
        return n.containerLinks(pid, n.hostLinks());
    }

    private void statistics(String iface, long rxBytes, long rxPackets, long txBytes, long txPackets) throws IOException {
        Path st = Files.createDirectories(sys.resolve(iface).resolve("statistics"));
        Files.writeString(st.resolve("rx_bytes"), rxBytes + "\n");
        Files.writeString(st.resolve("rx_packets"), rxPackets + "\n");
        Files.writeString(st.resolve("tx_bytes"), txBytes + "\n");
        Files.writeString(st.resolve("tx_packets"), txPackets + "\n");
    }

    // ------------------------------------------------------------------------------------------

    private void hostLink(String name, int ifindex, int iflink, String master, boolean bridge) throws IOException {
        Path d = Files.createDirectories(sys.resolve(name));
        Files.writeString(d.resolve("ifindex"), ifindex + "\n");
        Files.writeString(d.resolve("iflink"), iflink + "\n");
        if (bridge) {
            Files.createDirectories(d.resolve("bridge"));
        }
        if (master != null) {
            Files.createDirectories(d.resolve("brport"));
            Files.createSymbolicLink(d.resolve("master"), Path.of("..", master));
        }
    }

    private void containerLink(long pid, String name, int ifindex, int iflink, String mac) throws IOException {
        Path d = Files.createDirectories(proc.resolve(pid + "/root/sys/class/net").resolve(name));
        Files.writeString(d.resolve("ifindex"), ifindex + "\n");
        Files.writeString(d.resolve("iflink"), iflink + "\n");
        Files.writeString(d.resolve("address"), mac + "\n");
    }

    private static void deleteTree(Path p) throws IOException {
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    private static String network(String name, String id, String driver, String subnet, String gateway, String options) {
        String config = subnet == null ? "[]" : "[{\"Subnet\":\"" + subnet + "\""
                + (gateway == null ? "" : ",\"Gateway\":\"" + gateway + "\"") + "}]";
        return "{\"Name\":\"" + name + "\",\"Id\":\"" + id + "\",\"Driver\":\"" + driver + "\",\"Internal\":false,"
                + "\"IPAM\":{\"Driver\":\"default\",\"Options\":null,\"Config\":" + config + "},\"Options\":" + options
                + ",\"Labels\":{}}";
    }

    private static String listed(String id, String name, String image, String state, String mode) {
        return "{\"Id\":\"" + id + "\",\"Names\":[\"/" + name + "\"],\"Image\":\"" + image + "\",\"State\":\"" + state
                + "\",\"Labels\":{},\"HostConfig\":{\"NetworkMode\":\"" + mode + "\"},"
                + "\"NetworkSettings\":{\"Networks\":{}}}";
    }

    private static String endpoint(String network, String id, String ip, String mac, String gateway) {
        return "\"" + network + "\":{\"NetworkID\":\"" + id + "\",\"EndpointID\":\"e\",\"Gateway\":\"" + gateway
                + "\",\"IPAddress\":\"" + ip + "\",\"IPPrefixLen\":16,\"GlobalIPv6Address\":\"\",\"MacAddress\":\""
                + mac + "\"}";
    }

    private static String inspect(String id, String name, String image, long pid, String mode, String networks,
            String labels) {
        return "{\"Id\":\"" + id + "\",\"Name\":\"/" + name + "\",\"Image\":\"sha256:0123\",\"State\":{\"Status\":"
                + "\"running\",\"Running\":true,\"Pid\":" + pid + "},\"Config\":{\"Image\":\"" + image + "\",\"Labels\":{"
                + (labels == null ? "" : labels) + "}},\"HostConfig\":{\"NetworkMode\":\"" + mode + "\"},"
                + "\"NetworkSettings\":{\"Networks\":{" + networks + "}}}";
    }
}
