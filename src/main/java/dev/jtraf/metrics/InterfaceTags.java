package dev.jtraf.metrics;

import java.util.Objects;

/**
 * The Docker identity of an interface as metric tags: the container whose veth it is and the
 * network it belongs to, {@code ""} where there is none (a host NIC, a bridge, Docker unknown).
 * Every per-interface series carries both keys, so each metric name has one tag-key set.
 *
 * @param container container name, or ""
 * @param network   Docker network name, or ""
 */
public record InterfaceTags(String container, String network) {
    /** Not a container's interface, or nothing known. */
    public static final InterfaceTags NONE = new InterfaceTags("", "");

    public InterfaceTags {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(network, "network");
    }
}
