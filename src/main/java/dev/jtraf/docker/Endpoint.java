package dev.jtraf.docker;

/**
 * A container's attachment to one network, and where it shows on the host.
 *
 * @param network         network name
 * @param networkId       full network ID
 * @param ipv4            the container's IPv4 address on it (no prefix), or null
 * @param prefixLength    the IPv4 prefix length, 0 if none
 * @param ipv6            its global IPv6 address, or null
 * @param mac             its MAC address (lower case), or null
 * @param gateway         the network's IPv4 gateway as the container sees it, or null
 * @param containerIface  the interface inside the container ({@code eth0}, {@code eth1}), or null
 *                        until mapped
 * @param hostVeth        the host-side veth ({@code veth8936142}), or null if there is none
 *                        (not mapped yet, not running, not a bridge network)
 * @param hostIfindex     the host veth's ifindex, or 0
 */
public record Endpoint(String network, String networkId, String ipv4, int prefixLength, String ipv6, String mac,
        String gateway, String containerIface, String hostVeth, int hostIfindex) {

    /** This endpoint paired with its interfaces. */
    Endpoint mappedTo(String inside, String veth, int ifindex) {
        return new Endpoint(network, networkId, ipv4, prefixLength, ipv6, mac, gateway, inside, veth, ifindex);
    }

    /** The address to show: IPv4, else IPv6, else null. */
    public String ip() {
        return ipv4 != null ? ipv4 : ipv6;
    }
}
