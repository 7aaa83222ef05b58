package dev.jtraf.docker;

import java.util.List;

/**
 * A Docker network as {@code docker network inspect} shows it.
 *
 * @param id      full network ID
 * @param name    {@code bridge}, {@code host}, {@code none}, {@code myapp_default}, ...
 * @param driver  {@code bridge}, {@code host}, {@code null}, {@code macvlan}, {@code overlay}, ...
 * @param bridge  the Linux bridge behind a {@code bridge}-driver network: the
 *                {@code com.docker.network.bridge.name} option, else {@code br-} and the first 12
 *                hex digits of the ID; null for other drivers
 * @param subnets every IPAM subnet in CIDR form, IPv4 first as the engine lists them
 * @param gateway the IPv4 gateway (the bridge's own address); the default bridge may not list
 *                one, then it is taken from a container's endpoint; null if unknown
 * @param internal whether the network has no route outside ({@code --internal})
 */
public record NetworkInfo(String id, String name, String driver, String bridge, List<String> subnets, String gateway,
        boolean internal) {
    public NetworkInfo {
        subnets = List.copyOf(subnets);
    }

    /** The first IPv4 subnet, or null. */
    public String subnet() {
        for (String s : subnets) {
            if (s.indexOf(':') < 0) {
                return s;
            }
        }
        return subnets.isEmpty() ? null : subnets.get(0);
    }

    /** The ID's first 12 hex digits, as {@code docker network ls} shows it. */
    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    NetworkInfo withGateway(String g) {
        return new NetworkInfo(id, name, driver, bridge, subnets, g, internal);
    }
}
