package dev.jtraf.docker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Engine API JSON to jtraf's records. Reads only fields that exist from API 1.24 on, and only
 * the per-network entries of {@code NetworkSettings.Networks} (the top-level
 * {@code NetworkSettings.IPAddress} and friends are deprecated).
 */
final class EngineModel {
    static final String COMPOSE_PROJECT = "com.docker.compose.project";
    static final String COMPOSE_SERVICE = "com.docker.compose.service";
    static final String BRIDGE_NAME_OPTION = "com.docker.network.bridge.name";

    private EngineModel() {
    }

    /** One entry of {@code GET /networks} (or {@code /networks/{id}}). */
    static NetworkInfo network(Object n) {
        String id = Json.str(n, "Id");
        String driver = Json.str(n, "Driver");
        String bridge = null;
        if ("bridge".equals(driver)) {
            bridge = Json.str(n, "Options", BRIDGE_NAME_OPTION);
            if (bridge == null && id != null) {
                bridge = "br-" + id.substring(0, Math.min(12, id.length())); // moby: "br-" + id[:12]
            }
        }
        List<String> subnets = new ArrayList<>();
        String gateway = null;
        for (Object c : Json.list(n, "IPAM", "Config")) {
            String subnet = Json.str(c, "Subnet");
            if (subnet != null) {
                subnets.add(subnet);
            }
            String g = Json.str(c, "Gateway");
            if (gateway == null && g != null && g.indexOf(':') < 0) {
                gateway = stripPrefix(g);
            }
        }
        return new NetworkInfo(id, Json.str(n, "Name"), driver, bridge, subnets, gateway, Json.bool(n, "Internal"));
    }

    /**
     * A container from an entry of {@code GET /containers/json} or from
     * {@code GET /containers/{id}/json} (they spell name, image, state and labels differently).
     *
     * @param namesById names of all containers by full ID, to name the one a
     *                  {@code container:<id>} container shares its network with
     */
    static ContainerInfo container(Object c, Map<String, String> namesById) {
        String id = Json.str(c, "Id");
        String name = Json.str(c, "Name");
        List<Object> names = Json.list(c, "Names");
        if (name == null && !names.isEmpty()) {
            name = String.valueOf(names.get(0));
        }
        if (name != null && name.startsWith("/")) {
            name = name.substring(1);
        }
        boolean inspect = Json.at(c, "State") instanceof Map;
        String image = inspect ? Json.str(c, "Config", "Image") : Json.str(c, "Image");
        String state = inspect ? Json.str(c, "State", "Status") : Json.str(c, "State");
        long pid = inspect ? Json.num(c, 0, "State", "Pid") : 0;
        Map<String, Object> labels = inspect ? Json.map(c, "Config", "Labels") : Json.map(c, "Labels");
        String mode = Json.str(c, "HostConfig", "NetworkMode");
        String sharesWith = null;
        if (mode != null && mode.startsWith("container:")) {
            String other = mode.substring("container:".length());
            sharesWith = namesById.getOrDefault(other, ContainerInfo.shortId(other));
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<String, Object> e : Json.map(c, "NetworkSettings", "Networks").entrySet()) {
            Object n = e.getValue();
            String mac = Json.str(n, "MacAddress");
            endpoints.add(new Endpoint(e.getKey(), Json.str(n, "NetworkID"), Json.str(n, "IPAddress"),
                    (int) Json.num(n, 0, "IPPrefixLen"), Json.str(n, "GlobalIPv6Address"),
                    mac == null ? null : mac.toLowerCase(Locale.ROOT), Json.str(n, "Gateway"), null, null, 0));
        }
        endpoints.sort(Comparator.comparing(Endpoint::network));
        return new ContainerInfo(id, name, image != null ? image : ContainerInfo.shortId(Json.str(c, "ImageID")),
                state, pid, mode, sharesWith, str(labels.get(COMPOSE_PROJECT)), str(labels.get(COMPOSE_SERVICE)),
                endpoints);
    }

    private static String str(Object o) {
        return o == null || o.toString().isEmpty() ? null : o.toString();
    }

    private static String stripPrefix(String address) {
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }
}
