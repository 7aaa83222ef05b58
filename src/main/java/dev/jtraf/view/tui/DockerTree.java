package dev.jtraf.view.tui;

import dev.jtraf.docker.ContainerInfo;
import dev.jtraf.docker.DockerView;
import dev.jtraf.docker.Endpoint;
import dev.jtraf.docker.HostLink;
import dev.jtraf.docker.NetworkInfo;
import dev.jtraf.stats.IfaceCounters;
import dev.jtraf.stats.IfaceSnapshot;
import dev.jtraf.stats.Snapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Docker screen's tree, as rows: the host NICs, then each bridge network (its bridge with
 * subnet and gateway, its veths, and behind each veth the container with its address and
 * image), then the containers without a veth of their own (host, none, container: modes).
 * Each interface node carries its snapshot row (by interface name) for live rates. Pure
 * function of a {@link DockerView} and a {@link Snapshot}.
 *
 * <pre>
 *  eth0                                host NIC
 *  docker0  network bridge  172.17.0.0/16, gateway 172.17.0.1
 *  ├─ veth3f2a1b0 → web1  172.17.0.2  nginx:1.27
 *  └─ veth9c84d21 → api   172.17.0.3  api:2
 *  br-5e1f0c2a9d3b  network backend
 *  │ 172.18.0.0/16, gateway 172.18.0.1          (where it does not fit beside)
 *  └─ veth77e01aa → api   172.18.0.2  api:2
 *  Containers without a veth of their own
 *     monitor  host network: counted on the host NIC  prom/node-exporter
 * </pre>
 */
final class DockerTree {
    /** What a row stands for. */
    enum Kind { NIC, BRIDGE, INFO, PORT, HEADING, OTHER_CONTAINER }

    /**
     * One row.
     *
     * @param kind      what it is
     * @param text      the tree column's text, with its tree glyphs
     * @param tail      what follows it in the container's style (a veth's container), or ""
     * @param iface     the interface the row counts (NIC, bridge, veth), or null
     * @param row       that interface's snapshot row, or null (not counted, or none)
     * @param container the container behind a veth, or the one an OTHER_CONTAINER row lists
     * @param endpoint  a veth's endpoint (its network, address), or null
     * @param bridge    the bridge of a PORT row (or of a BRIDGE row itself), or null
     */
    record Node(Kind kind, String text, String tail, String iface, IfaceSnapshot row, ContainerInfo container, Endpoint endpoint,
            String bridge) {
    }

    private final List<Node> nodes = new ArrayList<>();
    private final List<Node> ports = new ArrayList<>();
    private final List<Node> nics = new ArrayList<>();

    private DockerTree() {
    }

    /**
     * The tree of {@code docker} with the rates of {@code snap}; glyphs as the theme allows; a
     * bridge's subnet and gateway on its own row unless they fit beside it in {@code width}.
     */
    static DockerTree of(DockerView docker, Snapshot snap, boolean unicode, int width) {
        DockerTree t = new DockerTree();
        Map<String, IfaceSnapshot> rows = byName(snap);
        t.addNics(docker, rows);
        List<NetworkInfo> bridges = new ArrayList<>();
        for (NetworkInfo n : docker.networks()) {
            if (n.bridge() != null) {
                bridges.add(n);
            }
        }
        // docker0 first (it is the default network), then by network name
        bridges.sort(Comparator.comparing((NetworkInfo n) -> !"docker0".equals(n.bridge()))
                .thenComparing(NetworkInfo::name));
        for (NetworkInfo n : bridges) {
            t.addBridge(docker, n, rows, unicode, width);
        }
        t.addOthers(docker);
        return t;
    }

    /** Every row, in screen order. */
    List<Node> nodes() {
        return nodes;
    }

    /** The rows a user can select: the veths, in screen order. */
    List<Node> ports() {
        return ports;
    }

    /** Their ids for {@link UiState#syncDocker}: the veth names. */
    List<String> portIds() {
        List<String> ids = new ArrayList<>(ports.size());
        for (Node n : ports) {
            ids.add(n.iface());
        }
        return ids;
    }

    /** The host NIC a packet from outside most likely came through: the busiest counted one, or null. */
    Node busiestNic() {
        Node best = null;
        for (Node n : nics) {
            if (n.row() != null && (best == null || best.row() == null
                    || n.row().packets(IfaceCounters.TOTAL) > best.row().packets(IfaceCounters.TOTAL))) {
                best = n;
            }
        }
        return best != null ? best : nics.isEmpty() ? null : nics.get(0);
    }

    /** The row of bridge {@code name}, or null. */
    Node bridge(String name) {
        for (Node n : nodes) {
            if (n.kind() == Kind.BRIDGE && n.iface().equals(name)) {
                return n;
            }
        }
        return null;
    }

    private static Map<String, IfaceSnapshot> byName(Snapshot snap) {
        Map<String, IfaceSnapshot> rows = new HashMap<>();
        for (IfaceSnapshot s : snap.interfaces()) {
            IfaceSnapshot had = rows.get(s.name());
            if (had == null || had.gone() && !s.gone()) {
                rows.put(s.name(), s); // a current interface over a gone one of the same name
            }
        }
        return rows;
    }

    /**
     * Host NICs: network cards and the bonds or VLANs over them ({@link HostLink#nic()}), on no
     * bridge; those jtraf counts, or if it counts none, all of them (shown as not counted). Not
     * every interface that is neither a bridge nor a veth: a dummy, a tunnel or a namespace's
     * veth with another name is no way in from outside.
     */
    private void addNics(DockerView docker, Map<String, IfaceSnapshot> rows) {
        List<HostLink> candidates = new ArrayList<>();
        boolean anyCounted = false;
        for (HostLink h : docker.links()) {
            if (h.nic() && h.master() == null) {
                candidates.add(h);
                anyCounted |= rows.containsKey(h.name());
            }
        }
        for (HostLink h : candidates) {
            if (!anyCounted || rows.containsKey(h.name())) {
                Node n = new Node(Kind.NIC, h.name() + "  host NIC", "", h.name(), rows.get(h.name()), null, null, null);
                nodes.add(n);
                nics.add(n);
            }
        }
    }

    private void addBridge(DockerView docker, NetworkInfo n, Map<String, IfaceSnapshot> rows, boolean unicode,
            int width) {
        String head = n.bridge() + "  network " + n.name();
        StringBuilder info = new StringBuilder(n.subnet() == null ? "no subnet" : n.subnet());
        if (n.gateway() != null) {
            info.append(", gateway ").append(n.gateway());
        }
        if (n.internal()) {
            info.append(", internal");
        }
        boolean oneRow = head.length() + 2 + info.length() <= width;
        nodes.add(new Node(Kind.BRIDGE, oneRow ? head + "  " + info : head, "", n.bridge(), rows.get(n.bridge()), null,
                null, n.bridge()));
        if (!oneRow) {
            nodes.add(new Node(Kind.INFO, (unicode ? "\u2502 " : "| ") + info, "", null, null, null, null, n.bridge()));
        }
        List<HostLink> veths = docker.portsOf(n.bridge());
        for (int i = 0; i < veths.size(); i++) {
            String veth = veths.get(i).name();
            String glyph = i < veths.size() - 1 ? (unicode ? "\u251c\u2500 " : "|- ") : (unicode ? "\u2514\u2500 " : "`- ");
            ContainerInfo c = docker.containerOfVeth(veth);
            Endpoint e = c == null ? null : endpointOf(c, veth);
            Node port = new Node(Kind.PORT, glyph + veth + (unicode ? " \u2192 " : " -> "), behind(c, e), veth,
                    rows.get(veth), c, e, n.bridge());
            nodes.add(port);
            ports.add(port);
        }
    }

    /** What is behind a veth: {@code web1  172.17.0.2  nginx:1.27}. */
    private static String behind(ContainerInfo c, Endpoint e) {
        if (c == null) {
            return "(container not known)";
        }
        StringBuilder b = new StringBuilder(c.name());
        if (e != null && e.ip() != null) {
            b.append("  ").append(e.ip());
        }
        if (c.image() != null) {
            b.append("  ").append(c.image());
        }
        return b.toString();
    }

    static Endpoint endpointOf(ContainerInfo c, String veth) {
        for (Endpoint e : c.endpoints()) {
            if (veth.equals(e.hostVeth())) {
                return e;
            }
        }
        return null;
    }

    /** Running containers without a veth of their own (stopped ones have no traffic to show). */
    private void addOthers(DockerView docker) {
        List<Node> others = new ArrayList<>();
        for (ContainerInfo c : docker.containers()) {
            if (c.running() && !c.ownNetwork()) {
                others.add(new Node(Kind.OTHER_CONTAINER, "   ", c.name() + "  " + meaning(c)
                        + (c.image() == null ? "" : "  " + c.image()), null, null, c, null, null));
            }
        }
        if (!others.isEmpty()) {
            nodes.add(new Node(Kind.HEADING, "Containers without a veth of their own", "", null, null, null, null, null));
            nodes.addAll(others);
        }
    }

    /** What a host, none or container: mode means for the traffic jtraf shows. */
    static String meaning(ContainerInfo c) {
        if (c.hostNetwork()) {
            return "host network: counted on the host NIC";
        }
        if (c.noNetwork()) {
            return "no network: loopback only";
        }
        return c.networkDescription() + ": counted on its veth";
    }
}
