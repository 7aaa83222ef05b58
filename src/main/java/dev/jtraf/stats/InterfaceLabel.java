package dev.jtraf.stats;

/**
 * What an interface is, beyond its name: the container whose veth it is and the network it
 * belongs to (from the Docker enrichment), and its {@link LinkRole}. Fields are {@code null}
 * where there is none: a host NIC has no container and no network; a bridge has a network but
 * no container.
 *
 * @param container   container name (without Docker's leading slash), or null
 * @param containerId the container's short ID (12 hex digits), or null
 * @param network     Docker network name ({@code bridge}, {@code myapp_default}), or null
 * @param image       the container's image as it was given ({@code nginx:1.27}), or null
 * @param ip          the container's address on that network (IPv4, else IPv6), or null
 * @param role        the interface's place in the bridging; {@link LinkRole#OTHER} if unknown
 */
public record InterfaceLabel(String container, String containerId, String network, String image, String ip,
        LinkRole role) {
    /** Nothing known: no container, no network, counted on both sides. */
    public static final InterfaceLabel NONE = new InterfaceLabel(null, null, null, null, null, LinkRole.OTHER);

    public InterfaceLabel {
        if (role == null) {
            role = LinkRole.OTHER;
        }
    }

    /** An interface with only a role known (a host NIC, or any interface without Docker). */
    public static InterfaceLabel of(LinkRole role) {
        return role == LinkRole.OTHER ? NONE : new InterfaceLabel(null, null, null, null, null, role);
    }

    /**
     * For people, e.g. {@code web1 (nginx:1.27, 172.17.0.2, bridge)} for a container's veth,
     * {@code network bridge} for a bridge, {@code ""} when nothing is known.
     */
    public String describe() {
        if (container == null) {
            return network == null ? "" : "network " + network;
        }
        StringBuilder b = new StringBuilder(container);
        String sep = " (";
        for (String part : new String[] {image, ip, network}) {
            if (part != null && !part.isEmpty()) {
                b.append(sep).append(part);
                sep = ", ";
            }
        }
        return sep.equals(", ") ? b.append(')').toString() : b.toString();
    }
}
