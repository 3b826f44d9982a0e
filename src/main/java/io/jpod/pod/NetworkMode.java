package io.jpod.pod;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a pod's network namespace reaches the outside (podman's {@code --network} values). */
public enum NetworkMode {
    /** Its own namespace with a user-mode network stack (slirp4netns): eth0 10.0.2.100, published ports. */
    SLIRP4NETNS,
    /** The host's network namespace. */
    HOST,
    /** Its own namespace with loopback only. */
    NONE;

    /** The user's name for it: slirp4netns, host, none. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code label}, or null when there is none of that name. */
    public static NetworkMode parse(String label) {
        return Arrays.stream(values()).filter(m -> m.label().equals(label)).findFirst().orElse(null);
    }

    /** The valid names, for messages. */
    public static String labels() {
        return Arrays.stream(values()).map(NetworkMode::label).collect(Collectors.joining(", "));
    }
}
