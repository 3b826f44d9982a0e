package io.jpod.pod;

import io.jpod.error.Choices;
import java.util.Locale;

/** How a pod's network namespace reaches the outside (podman's {@code --network} values). */
public enum NetworkMode {
    /** Its own namespace with a user-mode network stack (slirp4netns): eth0 10.0.2.100, published ports. */
    SLIRP4NETNS,
    /**
     * Its own namespace with pasta of its own (podman's {@code --network pasta}): eth0 10.0.2.100, as slirp4netns's, the
     * host's loopback at the gateway 10.0.2.2, published ports given when pasta starts.
     */
    PASTA,
    /**
     * Its own namespace on the user's shared network ({@code network.SharedNetwork}: a bridge, an address
     * per pod, DNS by name), as podman's bridge networks; {@code jpod} (the network's name) means it too.
     */
    BRIDGE,
    /** The host's network namespace. */
    HOST,
    /** Its own namespace with loopback only. */
    NONE;

    /** The user's default network (of {@link #BRIDGE}), which exists without being created. */
    public static final String DEFAULT_NETWORK = "jpod";

    /**
     * The address a pod of this mode has (status.podIP) when it is known before the pod runs: slirp4netns' eth0, the
     * host's loopback with the host's network, none (empty) with loopback only. A pod of the shared network gets its
     * address when it is created (this placeholder is replaced).
     */
    public String podIp() {
        return switch (this) {
            case SLIRP4NETNS, PASTA -> "10.0.2.100";
            case NONE -> "";
            default -> "127.0.0.1";
        };
    }

    /** The user's name for it: slirp4netns, pasta, bridge, host, none. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code label}, given at {@code where} (a flag). */
    public static NetworkMode parse(String label, String where) {
        if (DEFAULT_NETWORK.equals(label)) {
            return BRIDGE;
        }
        return Choices.parse(NetworkMode.class, label, "network mode", where, NetworkMode::label);
    }

    /**
     * What {@code --network VALUE} asks for: a mode by its name (bridge and {@value #DEFAULT_NETWORK}: the default network),
     * else the network named VALUE ({@link #BRIDGE}, which must exist).
     */
    public record Choice(NetworkMode mode, String networkName) {
        public static Choice parse(String value) {
            for (NetworkMode m : values()) {
                if (m.label().equals(value)) {
                    return new Choice(m, null);
                }
            }
            return new Choice(BRIDGE, DEFAULT_NETWORK.equals(value) ? null : value);
        }
    }
}
