package dev.jtraf.docker;

import dev.jtraf.stats.LinkRole;

/**
 * One interface of the host's network namespace, as {@code /sys/class/net} shows it.
 *
 * @param name    interface name
 * @param ifindex its ifindex
 * @param iflink  {@code iflink}: its own ifindex for most devices; for a veth, the peer's
 *                ifindex in the peer's namespace (which may collide with host ifindexes)
 * @param role    bridge, bridge port, or other
 * @param master  the bridge it is a port of, or null
 */
public record HostLink(String name, int ifindex, int iflink, LinkRole role, String master) {
}
