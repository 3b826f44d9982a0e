package io.jpod.network;

/**
 * What carries a shared network's traffic to and from the host ({@code --network-backend}): chosen when the network's
 * namespace is made, kept by the network while it is up (a file of its run directory), shown by {@code network inspect}.
 */
public enum NetworkBackend {
    /**
     * pasta for the way out (default route, outbound connections, the host's loopback at {@link SharedNetwork#HOST_ADDRESS}),
     * and a slirp4netns of its own for the published ports, started with the first one: pasta takes its forwards only
     * when it starts, slirp4netns adds and removes them at run time through its API socket. pasta survives bursts of
     * short outbound connections and moves 2-3 times the bytes, for about 30 MB more (bench/README.md, "slirp4netns or pasta").
     */
    PASTA,
    /**
     * One slirp4netns for the way out and the published ports: the default, for its memory (1.5 MB against pasta's 30:
     * with pasta, the memory per idle pod went over podman's) and its start; it breaks down under bursts of thousands of
     * short outbound connections, where pasta does not.
     */
    SLIRP4NETNS;

    /** Used when none is chosen. */
    public static final NetworkBackend DEFAULT = SLIRP4NETNS;

    /** The user's name for it: pasta, slirp4netns. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The backend named {@code label} ({@code --network-backend}); null: the default. */
    public static NetworkBackend parse(String label) {
        return label == null ? DEFAULT
                : io.jpod.error.Choices.parse(NetworkBackend.class, label, "network backend", "--network-backend", NetworkBackend::label);
    }
}
