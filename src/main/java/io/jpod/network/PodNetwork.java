package io.jpod.network;

import io.jpod.error.HostException;
import io.jpod.pod.NetworkMode;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Connects a pod's network namespace to the outside, as podman's rootless default does: slirp4netns
 * started for the infra container, its ports published through slirp4netns's API socket (podman's
 * {@code port_handler=slirp4netns}). The same in root mode (no bridge, no firewall rules).
 */
public final class PodNetwork {
    /** A pod's own address on its slirp4netns network (eth0). */
    public static final String POD_IP = "10.0.2.100";
    private final Supplier<Optional<Path>> slirpBinary;

    private PodNetwork(Supplier<Optional<Path>> slirpBinary) {
        this.slirpBinary = slirpBinary;
    }

    /** The network of this host: slirp4netns where installed ({@code HostFacts.slirp4netns}, looked for when first needed). */
    public static PodNetwork of(Supplier<Optional<Path>> slirp4netns) {
        return new PodNetwork(slirp4netns);
    }

    private Optional<Slirp4netns> slirp() {
        return slirpBinary.get().map(Slirp4netns::new);
    }

    /** What {@code jpod info} shows of the network backend. */
    public record Backend(String name, String executable, String version) {
    }

    public Backend backend() {
        return slirp().map(s -> new Backend("slirp4netns", s.binary().toString(), s.version()))
                .orElse(new Backend("none", "", "slirp4netns is not installed"));
    }

    /** Whether the namespace of an infra container in {@code mode} is its own (not the host's). */
    public static boolean ownNamespace(NetworkMode mode) {
        return mode != NetworkMode.HOST;
    }

    /**
     * Refuses ports that cannot be published now: bound by another program (or another pod), or
     * below the unprivileged port range. Tried by binding each one for a moment.
     */
    public static void checkFree(List<PortMapping> ports) {
        for (PortMapping p : ports) {
            InetSocketAddress at;
            try {
                at = new InetSocketAddress(InetAddress.getByName(p.hostIp()), p.hostPort());
            } catch (IOException e) {
                throw new PortInUseException(p, "the host address " + p.hostIp() + " is not valid");
            }
            try {
                if (p.protocol().equals("udp")) {
                    try (DatagramSocket s = new DatagramSocket(null)) {
                        s.bind(at);
                    }
                } else {
                    try (ServerSocket s = new ServerSocket()) {
                        s.setReuseAddress(true);
                        s.bind(at);
                    }
                }
            } catch (IOException e) {
                throw new PortInUseException(p, e.getMessage() == null ? "it cannot be bound" : e.getMessage().toLowerCase());
            }
        }
    }

    /**
     * Connects the namespace of the infra container {@code infraPid} as {@code mode} says, publishing
     * {@code ports}; what it starts is recorded in {@code runDir} (the infra container's run directory),
     * for {@link #detach}; slirp4netns's API socket is made at {@code socket} (a path of at most 107 bytes).
     * On failure nothing is left running.
     */
    public void attach(NetworkMode mode, long infraPid, Path runDir, Path socket, List<PortMapping> ports) {
        if (mode != NetworkMode.SLIRP4NETNS) {
            return;
        }
        Slirp4netns s = slirp().orElseThrow(() -> new HostException("slirp4netns is not installed: the pod cannot reach the network",
                "install slirp4netns (apt-get install slirp4netns), or play with --network none"));
        SlirpApi api = s.start(infraPid, runDir, socket);
        try {
            for (PortMapping p : ports) {
                api.addHostForward(p);
            }
        } catch (RuntimeException e) {
            Slirp4netns.stop(runDir);
            throw e;
        }
    }

    /** Ends what {@link #attach} started for the infra container whose run directory is {@code runDir}. Idempotent. */
    public static void detach(Path runDir) {
        Slirp4netns.stop(runDir);
    }
}
