package dev.jtraf.docker;

import dev.jtraf.stats.InterfaceLabel;
import dev.jtraf.stats.LinkRole;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Test support: {@link DockerView}s built by hand, for the views' screen tests (the view's
 * constructor is package-private: only the watcher makes real ones). {@link #demo} matches the
 * interfaces of the screen tests' demo recording ({@code eth0}, {@code lo}, {@code docker0},
 * {@code br-5e1f0c2a9d3b}, {@code veth3f2a1b0}, {@code veth9c84d21}): two containers on the
 * default bridge, one of them also on a user-defined network (through a veth the recording does
 * not have), and containers in host, none and container: modes, and one that exited.
 */
public final class DockerViewFixture {
    public static final String WEB1 = "a1".repeat(32);
    public static final String CACHE = "b2".repeat(32);
    private static final String BRIDGE_NET = "11".repeat(32);
    private static final String BACKEND_NET = "5e1f0c2a9d3b" + "22".repeat(26);

    private DockerViewFixture() {
    }

    /**
     * The demo host's view.
     *
     * @param keys the recording's key of each interface by name (a replay's keys stand in for
     *             ifindexes); interfaces not in it get ifindexes from 100 up
     * @param problem what {@link DockerView#problem()} says, or null
     */
    public static DockerView demo(Map<String, Integer> keys, String problem) {
        return demo(keys, problem, links -> links);
    }

    /** The demo host's view, its host links (sorted by ifindex) changed by {@code links}. */
    public static DockerView demo(Map<String, Integer> keys, String problem, UnaryOperator<List<HostLink>> changed) {
        Map<String, Integer> index = new HashMap<>(keys);
        int next = 100;
        for (String name : List.of("eth0", "lo", "docker0", "br-5e1f0c2a9d3b", "veth3f2a1b0", "veth9c84d21",
                "veth77e01aa")) {
            if (!index.containsKey(name)) {
                index.put(name, next++);
            }
        }
        List<NetworkInfo> networks = List.of(
                new NetworkInfo(BACKEND_NET, "backend", "bridge", "br-5e1f0c2a9d3b", List.of("172.18.0.0/16"),
                        "172.18.0.1", false),
                new NetworkInfo(BRIDGE_NET, "bridge", "bridge", "docker0", List.of("172.17.0.0/16"), "172.17.0.1",
                        false),
                new NetworkInfo("33".repeat(32), "host", "host", null, List.of(), null, false),
                new NetworkInfo("44".repeat(32), "none", "null", null, List.of(), null, false));
        Endpoint web1Bridge = new Endpoint("bridge", BRIDGE_NET, "172.17.0.2", 16, null, "02:42:ac:11:00:02",
                "172.17.0.1", "eth0", "veth3f2a1b0", index.get("veth3f2a1b0"));
        Endpoint web1Backend = new Endpoint("backend", BACKEND_NET, "172.18.0.2", 16, null, "02:42:ac:12:00:02",
                "172.18.0.1", "eth1", "veth77e01aa", index.get("veth77e01aa"));
        Endpoint cacheBridge = new Endpoint("bridge", BRIDGE_NET, "172.17.0.4", 16, null, "02:42:ac:11:00:04",
                "172.17.0.1", "eth0", "veth9c84d21", index.get("veth9c84d21"));
        List<ContainerInfo> containers = List.of(
                new ContainerInfo("c5".repeat(32), "batch", "jtraf-busybox", "running", 4100, "none", null, null, null,
                        List.of()),
                new ContainerInfo(CACHE, "cache", "redis:7", "running", 4200, "default", null, "shop", "cache",
                        List.of(cacheBridge)),
                new ContainerInfo("d6".repeat(32), "monitor", "prom/node-exporter", "running", 4300, "host", null, null,
                        null, List.of()),
                new ContainerInfo("e7".repeat(32), "old-job", "jtraf-busybox", "exited", 0, "default", null, null, null,
                        List.of()),
                new ContainerInfo("f8".repeat(32), "sidecar", "jtraf-busybox", "running", 4400, "container:" + WEB1,
                        "web1", null, null, List.of()),
                new ContainerInfo(WEB1, "web1", "nginx:1.27", "running", 4500, "default", null, "shop", "web",
                        List.of(web1Bridge, web1Backend)));
        List<HostLink> links = new ArrayList<>();
        links.add(link(index, "lo", LinkRole.OTHER, null));
        links.add(link(index, "eth0", LinkRole.OTHER, null));
        links.add(link(index, "docker0", LinkRole.BRIDGE, null));
        links.add(link(index, "br-5e1f0c2a9d3b", LinkRole.BRIDGE, null));
        links.add(link(index, "veth3f2a1b0", LinkRole.BRIDGE_PORT, "docker0"));
        links.add(link(index, "veth9c84d21", LinkRole.BRIDGE_PORT, "docker0"));
        links.add(link(index, "veth77e01aa", LinkRole.BRIDGE_PORT, "br-5e1f0c2a9d3b"));
        links.sort((a, b) -> Integer.compare(a.ifindex(), b.ifindex()));
        links = changed.apply(links);
        Map<Integer, InterfaceLabel> labels = new HashMap<>();
        labels.put(index.get("docker0"), new InterfaceLabel(null, null, "bridge", null, null, LinkRole.BRIDGE));
        labels.put(index.get("br-5e1f0c2a9d3b"), new InterfaceLabel(null, null, "backend", null, null, LinkRole.BRIDGE));
        labels.put(index.get("veth3f2a1b0"), new InterfaceLabel("web1", "a1a1a1a1a1a1", "bridge", "nginx:1.27",
                "172.17.0.2", LinkRole.BRIDGE_PORT));
        labels.put(index.get("veth77e01aa"), new InterfaceLabel("web1", "a1a1a1a1a1a1", "backend", "nginx:1.27",
                "172.18.0.2", LinkRole.BRIDGE_PORT));
        labels.put(index.get("veth9c84d21"), new InterfaceLabel("cache", "b2b2b2b2b2b2", "bridge", "redis:7",
                "172.17.0.4", LinkRole.BRIDGE_PORT));
        return new DockerView(problem, true, "1.41", 1_700_000_000_000L, containers, networks, links, labels, Map.of());
    }

    /** A view without an engine: no containers, no networks, and why. */
    public static DockerView unreachable(String problem) {
        return DockerView.empty(problem);
    }

    private static HostLink link(Map<String, Integer> index, String name, LinkRole role, String master) {
        int i = index.get(name);
        return new HostLink(name, i, i, role, master, name.startsWith("eth"));
    }
}
