package io.jpod.network;

import io.jpod.error.HostException;
import io.jpod.pod.NetworkMode;
import io.jpod.pod.PodSpec;
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
    private final SharedNetwork shared;

    private PodNetwork(Supplier<Optional<Path>> slirpBinary, Path networks, Supplier<List<NetService>> services) {
        this.slirpBinary = slirpBinary;
        this.shared = new SharedNetwork(networks.resolve(SharedNetwork.NAME), slirpBinary, services);
    }

    /**
     * The network of this host: slirp4netns where installed ({@code HostFacts.slirp4netns}, looked for when
     * first needed), and the shared network, whose files are kept under {@code networks} (in the run directory)
     * and which serves the {@code services} played (read when the network changes).
     */
    public static PodNetwork of(Supplier<Optional<Path>> slirp4netns, Path networks, Supplier<List<NetService>> services) {
        return new PodNetwork(slirp4netns, networks, services);
    }

    /** The pod whose infra container's run directory is {@code runDir} became ready or not: Services of the shared network follow it. */
    public void setReady(Path runDir, boolean ready) {
        shared.setReady(runDir, ready);
    }

    /**
     * An address of the shared network for pod {@code podId}, kept for it until {@link #release}: the one it
     * has when it joins. Reservations of pods not in {@code livePods} (removed without a word) are dropped.
     */
    public String reserve(String podId, java.util.Set<String> livePods) {
        return shared.reserve(podId, livePods);
    }

    /** Gives back the address of pod {@code podId} (removed). */
    public void release(String podId) {
        shared.release(podId);
    }

    /** The networks pods can join by name: the user's shared network. */
    public List<NetworkInfo> networks() {
        return List.of(shared.info());
    }

    /** The Services played changed: the shared network serves them as they are now. */
    public void servicesChanged() {
        shared.servicesChanged();
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

    /** Whether a pod in {@code mode} publishes its ports on the host (slirp4netns, the shared network). */
    public static boolean publishes(NetworkMode mode) {
        return mode == NetworkMode.SLIRP4NETNS || mode == NetworkMode.BRIDGE;
    }

    /**
     * The named networks a pod in {@code mode} is on, as podman lists them: the shared network's name; none for
     * slirp4netns, the host's network or none (podman lists no network for those modes either).
     */
    public static List<String> names(NetworkMode mode) {
        return mode == NetworkMode.BRIDGE ? List.of(SharedNetwork.NAME) : List.of();
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
     * What connecting a pod needs: its id and spec, its infra container (pid, id, run directory, where slirp4netns's
     * API socket of its own is made: a path of at most 107 bytes).
     */
    public record Attachment(String podId, PodSpec pod, long infraPid, String infraId, Path runDir, Path socket) {
    }

    /**
     * Connects the namespace of the infra container as the pod's network mode says, publishing its ports; what it starts
     * is recorded in the infra container's run directory, for {@link #detach}. Returns the pod's address on the
     * shared network ({@link NetworkMode#BRIDGE}), else empty. On failure nothing is left running.
     */
    public Optional<String> attach(Attachment a) {
        NetworkMode mode = a.pod().network();
        if (mode == NetworkMode.BRIDGE) {
            return Optional.of(shared.attach(SharedNetwork.Member.of(a)));
        }
        if (mode != NetworkMode.SLIRP4NETNS) {
            return Optional.empty();
        }
        Slirp4netns s = slirp().orElseThrow(() -> new HostException("slirp4netns is not installed: the pod cannot reach the network",
                "install slirp4netns (apt-get install slirp4netns), or play with --network none"));
        SlirpApi api = s.start(a.infraPid(), a.runDir(), a.socket());
        try {
            for (PortMapping p : PortMapping.of(a.pod())) {
                api.addHostForward(p);
            }
        } catch (RuntimeException e) {
            Slirp4netns.stop(a.runDir());
            throw e;
        }
        return Optional.empty();
    }

    /** The pod's address on the shared network, from its infra container's run directory, if it has joined it. */
    public static Optional<String> sharedAddress(Path runDir) {
        return SharedNetwork.address(runDir);
    }

    /** Ends what {@link #attach} started for the infra container whose run directory is {@code runDir}. Idempotent. */
    public void detach(Path runDir) {
        Slirp4netns.stop(runDir);
        shared.detach(runDir);
    }
}
