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
 * @param nic     a network card (sysfs {@code device}: physical, or a virtual machine's), or a
 *                bond or VLAN over one ({@code lower_*}); not a veth, dummy, tunnel or bridge.
 *                The Docker screen lists these as the host's NICs
 */
public record HostLink(String name, int ifindex, int iflink, LinkRole role, String master, boolean nic) {
}
