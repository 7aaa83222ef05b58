package dev.jtraf.docker;

import dev.jtraf.stats.InterfaceLabel;
import dev.jtraf.stats.LinkRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What jtraf knows about Docker on this host at one moment: containers, networks, the host's
 * interfaces with their roles, and a label for every interface (current ones by ifindex, and
 * those that vanished during the run, so a gone veth's row keeps its container's name).
 *
 * <p>Immutable. {@link DockerWatcher}'s refresher thread builds a new one on every change and
 * publishes it through a volatile reference; any thread reads it without locks.
 */
public final class DockerView {
    private final String problem;
    private final boolean engineConnected;
    private final String apiVersion;
    private final long refreshedAtMillis;
    private final List<ContainerInfo> containers;
    private final List<NetworkInfo> networks;
    private final List<HostLink> links;
    private final Map<Integer, InterfaceLabel> labelsByIfindex;
    private final Map<Integer, String> namesByIfindex;
    private final Map<String, InterfaceLabel> remembered;

    DockerView(String problem, boolean engineConnected, String apiVersion, long refreshedAtMillis,
            List<ContainerInfo> containers, List<NetworkInfo> networks, List<HostLink> links,
            Map<Integer, InterfaceLabel> labelsByIfindex, Map<String, InterfaceLabel> remembered) {
        this.problem = problem;
        this.engineConnected = engineConnected;
        this.apiVersion = apiVersion;
        this.refreshedAtMillis = refreshedAtMillis;
        this.containers = List.copyOf(containers);
        this.networks = List.copyOf(networks);
        this.links = List.copyOf(links);
        this.labelsByIfindex = Map.copyOf(labelsByIfindex);
        Map<Integer, String> names = new java.util.HashMap<>();
        for (HostLink h : links) {
            names.put(h.ifindex(), h.name());
        }
        this.namesByIfindex = Map.copyOf(names);
        this.remembered = Map.copyOf(remembered);
    }

    /** This view with another problem (its names and links kept). */
    DockerView withProblem(String why) {
        return new DockerView(why, engineConnected, apiVersion, refreshedAtMillis, containers, networks, links,
                labelsByIfindex, remembered);
    }

    /** Before the first refresh, or with nothing known. */
    static DockerView empty(String problem) {
        return new DockerView(problem, false, null, 0, List.of(), List.of(), List.of(), Map.of(), Map.of());
    }

    /**
     * The label of interface {@code name} with ifindex {@code key}: its current one, else the one
     * it had when it vanished, else {@link InterfaceLabel#NONE}.
     */
    public InterfaceLabel labelOf(String name, int key) {
        if (name.equals(namesByIfindex.get(key))) {
            InterfaceLabel l = labelsByIfindex.get(key);
            return l != null ? l : InterfaceLabel.NONE;
        }
        InterfaceLabel l = remembered.get(rememberKey(name, key));
        return l != null ? l : InterfaceLabel.NONE;
    }

    static String rememberKey(String name, int ifindex) {
        return name + "#" + ifindex;
    }

    /**
     * Why container names are missing, for people, or null: the engine cannot be reached
     * ("cannot reach Docker at /var/run/docker.sock (permission denied; ...)"), or veths cannot
     * be mapped ("... is not readable (run as root or with CAP_SYS_PTRACE)").
     */
    public String problem() {
        return problem;
    }

    /** Whether the last refresh reached the engine. */
    public boolean engineConnected() {
        return engineConnected;
    }

    /** The negotiated Engine API version, or null. */
    public String apiVersion() {
        return apiVersion;
    }

    /** Wall-clock time of the refresh this view comes from (epoch ms), 0 if none yet. */
    public long refreshedAtMillis() {
        return refreshedAtMillis;
    }

    /** Every container, running or not, by name. */
    public List<ContainerInfo> containers() {
        return containers;
    }

    /** Every network, by name. */
    public List<NetworkInfo> networks() {
        return networks;
    }

    /** The host's interfaces now, by ifindex, with roles and bridge membership. */
    public List<HostLink> links() {
        return links;
    }

    /** The network whose bridge device is {@code bridge} ({@code docker0}, {@code br-...}), or null. */
    public NetworkInfo networkOfBridge(String bridge) {
        for (NetworkInfo n : networks) {
            if (bridge.equals(n.bridge())) {
                return n;
            }
        }
        return null;
    }

    /** The ports of bridge {@code bridge} (container veths), by ifindex. */
    public List<HostLink> portsOf(String bridge) {
        List<HostLink> out = new ArrayList<>();
        for (HostLink h : links) {
            if (bridge.equals(h.master()) && h.role() == LinkRole.BRIDGE_PORT) {
                out.add(h);
            }
        }
        return out;
    }

    /** The running container whose veth is {@code veth}, or null. */
    public ContainerInfo containerOfVeth(String veth) {
        for (ContainerInfo c : containers) {
            for (Endpoint e : c.endpoints()) {
                if (veth.equals(e.hostVeth())) {
                    return c;
                }
            }
        }
        return null;
    }

    /** The container named {@code name}, or null. */
    public ContainerInfo container(String name) {
        for (ContainerInfo c : containers) {
            if (name.equals(c.name())) {
                return c;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "DockerView[" + containers.size() + " containers, " + networks.size() + " networks, " + links.size()
                + " links" + (problem != null ? ", problem: " + problem : "") + "]";
    }
}
