package dev.jtraf.docker;

import dev.jtraf.stats.InterfaceLabel;
import dev.jtraf.stats.LinkRole;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs each container's interfaces with their host-side veths, exactly (tech-notes 4.4): for
 * every interface X (but lo) of a running container with a namespace of its own, X's
 * {@code iflink} is the ifindex of its peer on the host, and that host interface's own
 * {@code iflink} must be X's ifindex (both ends agree, so a macvlan child, whose iflink is its
 * parent, never maps the host NIC to a container). X's MAC address says which of the
 * container's networks the pair belongs to. Bridge membership comes from the host veth's
 * {@code master}.
 *
 * <p>The host side's {@code iflink} alone is never used to find the pair: it is an ifindex in
 * the container's namespace, and those collide across containers.
 */
final class VethMapper {
    /**
     * The outcome of one mapping.
     *
     * @param containers  the containers with {@link Endpoint#hostVeth()} filled in where found
     * @param networks    the networks, the default bridge's missing gateway filled in from an endpoint
     * @param labels      a label for every current host interface, by ifindex
     * @param problem     why some veths could not be mapped (no permission), or null
     */
    record Result(List<ContainerInfo> containers, List<NetworkInfo> networks, Map<Integer, InterfaceLabel> labels,
            String problem) {
    }

    private VethMapper() {
    }

    static Result map(List<ContainerInfo> containers, List<NetworkInfo> networks, List<HostLink> links,
            NetSysfs sysfs) {
        Map<Integer, HostLink> byIndex = new HashMap<>();
        for (HostLink h : links) {
            byIndex.put(h.ifindex(), h);
        }
        List<NetworkInfo> nets = withGateways(networks, containers);
        Map<String, NetworkInfo> byBridge = new HashMap<>();
        for (NetworkInfo n : nets) {
            if (n.bridge() != null) {
                byBridge.put(n.bridge(), n);
            }
        }
        record Owner(ContainerInfo container, Endpoint endpoint) {
        }
        Map<Integer, Owner> owners = new HashMap<>();
        List<ContainerInfo> mapped = new ArrayList<>(containers.size());
        String problem = null;
        for (ContainerInfo c : containers) {
            if (!c.running() || c.pid() <= 0 || !c.ownNetwork() || c.endpoints().isEmpty()) {
                mapped.add(c);
                continue;
            }
            List<NetSysfs.ContainerLink> inside;
            try {
                inside = sysfs.containerLinks(c.pid(), links);
            } catch (AccessDeniedException e) {
                problem = "cannot map veths to containers: /proc/PID/root of their processes is not readable"
                        + " (run as root or with CAP_SYS_PTRACE)";
                mapped.add(c);
                continue;
            } catch (IOException e) {
                mapped.add(c); // exited since it was inspected: the next refresh drops it
                continue;
            }
            List<Endpoint> eps = new ArrayList<>(c.endpoints());
            for (NetSysfs.ContainerLink x : inside) {
                HostLink h = byIndex.get(x.iflink());
                if (h == null || h.iflink() != x.ifindex() || h.ifindex() == h.iflink()) {
                    continue; // not the host end of a veth pair (macvlan child, tunnel, ...)
                }
                int at = endpointOf(eps, x.mac(), h.master(), byBridge);
                Endpoint ep = at < 0 ? null : eps.get(at).mappedTo(x.name(), h.name(), h.ifindex());
                if (at >= 0) {
                    eps.set(at, ep);
                }
                owners.put(h.ifindex(), new Owner(c, ep));
            }
            mapped.add(c.withEndpoints(eps));
        }
        Map<Integer, InterfaceLabel> labels = new LinkedHashMap<>();
        for (HostLink h : links) {
            Owner o = owners.get(h.ifindex());
            NetworkInfo masterNet = h.master() == null ? null : byBridge.get(h.master());
            InterfaceLabel label;
            if (h.role() == LinkRole.BRIDGE) {
                NetworkInfo n = byBridge.get(h.name());
                label = new InterfaceLabel(null, null, n == null ? null : n.name(), null, null, LinkRole.BRIDGE);
            } else if (o != null) {
                String network = o.endpoint() != null ? o.endpoint().network() : masterNet == null ? null : masterNet.name();
                label = new InterfaceLabel(o.container().name(), o.container().shortId(), network, o.container().image(),
                        o.endpoint() == null ? null : o.endpoint().ip(), h.role());
            } else if (masterNet != null) {
                label = new InterfaceLabel(null, null, masterNet.name(), null, null, h.role());
            } else {
                label = InterfaceLabel.of(h.role());
            }
            labels.put(h.ifindex(), label);
        }
        return new Result(List.copyOf(mapped), nets, labels, problem);
    }

    /** The endpoint with this MAC; else the only one whose network's bridge is the veth's master; else -1. */
    private static int endpointOf(List<Endpoint> eps, String mac, String master, Map<String, NetworkInfo> byBridge) {
        for (int i = 0; i < eps.size(); i++) {
            if (mac != null && mac.equals(eps.get(i).mac())) {
                return i;
            }
        }
        NetworkInfo n = master == null ? null : byBridge.get(master);
        int found = -1;
        for (int i = 0; n != null && i < eps.size(); i++) {
            if (n.id() != null && n.id().equals(eps.get(i).networkId())) {
                if (found >= 0) {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }

    /** Bridge networks whose IPAM lists no gateway (the default bridge, often) take it from an endpoint. */
    private static List<NetworkInfo> withGateways(List<NetworkInfo> networks, List<ContainerInfo> containers) {
        List<NetworkInfo> out = new ArrayList<>(networks.size());
        for (NetworkInfo n : networks) {
            if (n.gateway() == null && n.bridge() != null) {
                String g = null;
                for (ContainerInfo c : containers) {
                    for (Endpoint e : c.endpoints()) {
                        if (g == null && e.gateway() != null && n.id() != null && n.id().equals(e.networkId())) {
                            g = e.gateway();
                        }
                    }
                }
                out.add(g == null ? n : n.withGateway(g));
            } else {
                out.add(n);
            }
        }
        return List.copyOf(out);
    }
}
