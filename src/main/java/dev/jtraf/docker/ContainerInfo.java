package dev.jtraf.docker;

import java.util.List;

/**
 * One container: identity, state, and its network attachments.
 *
 * @param id             full container ID
 * @param name           name without the leading slash
 * @param image          the image as it was given ({@code nginx:1.27}), or its ID
 * @param state          {@code running}, {@code exited}, {@code paused}, {@code created}, ...
 * @param pid            the init process on the host while running, else 0
 * @param networkMode    {@code HostConfig.NetworkMode} as the engine gives it ({@code default},
 *                       {@code host}, {@code none}, {@code container:<id>}, a network name)
 * @param sharesWith     for {@code container:<id>} mode, the name of the container whose network
 *                       namespace this one uses (or its short ID if unknown); else null
 * @param composeProject the {@code com.docker.compose.project} label, or null
 * @param composeService the {@code com.docker.compose.service} label, or null
 * @param endpoints      its networks, by name (none in host, none or container mode)
 */
public record ContainerInfo(String id, String name, String image, String state, long pid, String networkMode,
        String sharesWith, String composeProject, String composeService, List<Endpoint> endpoints) {
    public ContainerInfo {
        endpoints = List.copyOf(endpoints);
    }

    /** The ID's first 12 hex digits, as {@code docker ps} shows it. */
    public String shortId() {
        return shortId(id);
    }

    static String shortId(String id) {
        return id == null || id.length() <= 12 ? id : id.substring(0, 12);
    }

    public boolean running() {
        return "running".equals(state) || "paused".equals(state);
    }

    /** Uses the host's network stack: no veth; its traffic is the host NIC's. */
    public boolean hostNetwork() {
        return "host".equals(networkMode);
    }

    /** Has only a loopback: no traffic to see. */
    public boolean noNetwork() {
        return "none".equals(networkMode);
    }

    /** Lives in another container's network namespace and shares its veths. */
    public boolean sharedNetwork() {
        return networkMode != null && networkMode.startsWith("container:");
    }

    /** Has a network namespace and veths of its own (when on bridge networks). */
    public boolean ownNetwork() {
        return !hostNetwork() && !noNetwork() && !sharedNetwork();
    }

    /**
     * Its networking in words: {@code host network}, {@code no network},
     * {@code shares web1's network}, or the names of its networks ({@code bridge, backend}).
     */
    public String networkDescription() {
        if (hostNetwork()) {
            return "host network";
        }
        if (noNetwork()) {
            return "no network";
        }
        if (sharedNetwork()) {
            return "shares " + sharesWith + "'s network";
        }
        StringBuilder b = new StringBuilder();
        for (Endpoint e : endpoints) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(e.network());
        }
        return b.length() == 0 ? "no network" : b.toString();
    }

    ContainerInfo withEndpoints(List<Endpoint> e) {
        return new ContainerInfo(id, name, image, state, pid, networkMode, sharesWith, composeProject, composeService, e);
    }
}
