package io.jpod.network;

import io.jpod.error.StateException;
import io.jpod.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A network pods join by name, as {@code jpod network create} made it (or the implicit default, {@value #DEFAULT}):
 * kept as {@code networks/NAME/config.json} in the user's data directory, in podman's form of a network's file
 * (what {@code podman network inspect} shows).
 *
 * @param name     its name
 * @param bridge   its bridge's name in its namespace ({@code jpod0} for the default, {@code jpodN} for the others)
 * @param subnet   where its pods' addresses come from
 * @param gateway  the bridge's address (the pods' route out and their DNS server)
 * @param internal whether it has no way out (no outbound traffic, no published port)
 * @param labels   the user's labels
 * @param created  when it was made
 */
public record NetworkDefinition(String name, String bridge, String subnet, String gateway, boolean internal, Map<String, String> labels,
        Instant created) {
    /** The user's default network, which exists without being created and cannot be removed. */
    public static final String DEFAULT = io.jpod.pod.NetworkMode.DEFAULT_NETWORK;

    public NetworkDefinition {
        labels = labels == null ? Map.of() : new TreeMap<>(labels);
    }

    /** The default network: bridge jpod0 at 10.89.0.1/24, made when the user first has it ({@code created}). */
    public static NetworkDefinition defaultNetwork(Instant created) {
        return new NetworkDefinition(DEFAULT, "jpod0", "10.89.0.0/24", "10.89.0.1", false, Map.of(), created);
    }

    /** The same network, made at {@code at}. */
    public NetworkDefinition withCreated(Instant at) {
        return new NetworkDefinition(name, bridge, subnet, gateway, internal, labels, at);
    }

    public Subnet parsedSubnet() {
        return Subnet.parse(subnet, "network " + name);
    }

    /** Its id, as podman's: 64 hex digits, here the SHA-256 of its name. */
    public String id() {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file's text: podman's JSON of a network. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("id", id());
        m.put("driver", "bridge");
        m.put("network_interface", bridge);
        m.put("created", created.toString());
        m.put("subnets", List.of(Map.of("subnet", subnet, "gateway", gateway)));
        m.put("ipv6_enabled", false);
        m.put("internal", internal);
        m.put("dns_enabled", true);
        m.put("labels", labels);
        m.put("ipam_options", Map.of("driver", "host-local"));
        return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(m) + "\n";
    }

    /** Reads what {@link #toJson} wrote ({@code file} names it in an error). */
    public static NetworkDefinition parse(String json, String file) {
        try {
            JsonNode n = Json.mapper().readTree(json);
            JsonNode sub = n.path("subnets").path(0);
            Map<String, String> labels = new TreeMap<>();
            n.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
            String name = n.path("name").asString("");
            String subnet = sub.path("subnet").asString("");
            if (name.isEmpty() || subnet.isEmpty()) {
                throw new StateException("network file " + file + " has no name or subnet", null);
            }
            Subnet.parse(subnet, file);
            return new NetworkDefinition(name, n.path("network_interface").asString(""), subnet,
                    sub.path("gateway").asString(Subnet.parse(subnet, file).firstHost()), n.path("internal").asBoolean(false), labels,
                    Instant.parse(n.path("created").asString(Instant.EPOCH.toString())));
        } catch (JacksonException | java.time.format.DateTimeParseException e) {
            throw new StateException("cannot read network file " + file + ": " + e.getMessage(), e);
        }
    }
}
