package io.jpod.network;

import java.util.Map;

/**
 * What {@code jpod network ls|inspect} shows of a network.
 *
 * @param definition what it is (name, bridge, subnet…)
 * @param up         whether its namespace and helpers are there (a pod has joined)
 * @param pods       how many pods are on it now
 * @param backend    what carries its traffic out while it is up ({@link NetworkBackend#label}); empty when it is down or internal
 */
public record NetworkInfo(NetworkDefinition definition, boolean up, int pods, String backend) {
    public String name() {
        return definition.name();
    }

    public String bridge() {
        return definition.bridge();
    }

    public String subnet() {
        return definition.subnet();
    }

    public String gateway() {
        return definition.gateway();
    }

    public boolean internal() {
        return definition.internal();
    }

    public Map<String, String> labels() {
        return definition.labels();
    }

    /** When the user first had it (made it, or first had the default network). */
    public java.time.Instant created() {
        return definition.created();
    }

    /** Its id, as podman's: 64 hex digits, here the SHA-256 of its name. */
    public String id() {
        return definition.id();
    }
}
