package io.jpod.network;

import io.jpod.error.HostException;
import io.jpod.pod.NetworkMode;
import io.jpod.pod.PodSpec;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Connects a pod's network namespace to the outside, as podman's rootless default does: slirp4netns
 * started for the infra container, its ports published through slirp4netns's API socket (podman's
 * {@code port_handler=slirp4netns}). The same in root mode (no bridge, no firewall rules). The user's networks
 * ({@link SharedNetwork}) rootless live in namespaces of their own; as root ({@code onHost}) on the host, as podman's do.
 */
public final class PodNetwork {
    /** A pod's own address on its slirp4netns network (eth0). */
    public static final String POD_IP = "10.0.2.100";
    private final Supplier<Optional<Path>> slirpBinary;
    private final Path runDir;
    private final NetworkStore store;
    private final Supplier<List<NetService>> services;
    private final NetworkBackend backend;
    private final boolean onHost;
    /** Per network, the pods of this engine joining it: those that come while one joins join together after it. */
    private final java.util.Map<String, Batches<SharedNetwork.Member, String>> joining = new java.util.concurrent.ConcurrentHashMap<>();
    private final io.jpod.host.Lazy<Optional<Pasta>> pasta = io.jpod.host.Lazy.of(() -> Pasta.find(System.getenv("PATH")));

    private PodNetwork(NetworkBackend backend, Supplier<Optional<Path>> slirpBinary, Path runDir, Path dataDir, Supplier<List<NetService>> services,
            boolean onHost) {
        this.backend = backend;
        this.onHost = onHost;
        this.slirpBinary = slirpBinary;
        this.runDir = runDir;
        this.services = services;
        this.store = new NetworkStore(dataDir, () -> SharedNetwork.created(runDir.resolve(NetworkDefinition.DEFAULT)), NetworkStore::hostRoutes);
    }

    /**
     * The network of this host: slirp4netns where installed ({@code HostFacts.slirp4netns}, looked for when
     * first needed), and the user's networks, defined under {@code dataDir} (the data directory's {@code networks}), their
     * run-time files kept under {@code runDir} (the run directory's), which serve the {@code services} played (read when a
     * network changes). A network made now gets {@code backend}; one that is up keeps its own. {@code onHost} (root): the
     * networks are bridges of the host, with no backend.
     */
    public static PodNetwork of(NetworkBackend backend, Supplier<Optional<Path>> slirp4netns, Path runDir, Path dataDir,
            Supplier<List<NetService>> services, boolean onHost) {
        return new PodNetwork(backend, slirp4netns, runDir, dataDir, services, onHost);
    }

    /** The user's networks' definitions: create, remove. */
    public NetworkStore store() {
        return store;
    }

    /** The network {@code def} as it runs. */
    private SharedNetwork shared(NetworkDefinition def) {
        return new SharedNetwork(def, runDir.resolve(def.name()), backend, slirpBinary, pasta, services,
                () -> store.all().stream().filter(d -> !d.name().equals(def.name())).map(NetworkDefinition::subnet).toList(), onHost);
    }

    /** The network named {@code name} (null: the default); NotFoundException when there is none. */
    private SharedNetwork shared(String name) {
        return shared(store.get(name == null ? NetworkDefinition.DEFAULT : name));
    }

    /** The network the pod whose infra container's run directory is {@code runDir} is on, if it is on one that still exists. */
    private Optional<SharedNetwork> sharedOf(Path infraRunDir) {
        return SharedNetwork.networkOf(infraRunDir).flatMap(store::find).map(this::shared);
    }

    /** The pod whose infra container's run directory is {@code runDir} became ready or not: Services of its network follow it. */
    public void setReady(Path infraRunDir, boolean ready) {
        sharedOf(infraRunDir).ifPresent(n -> n.setReady(infraRunDir, ready));
    }

    /**
     * An address of network {@code network} (null: the default) for pod {@code podId}, kept for it until {@link #release}:
     * the one it has when it joins. Reservations of pods not in {@code livePods} (removed without a word) are dropped.
     */
    public String reserve(String podId, String network, java.util.Set<String> livePods) {
        return shared(network).reserve(podId, livePods);
    }

    /** Gives back the address of pod {@code podId} (removed) on network {@code network}, if it still exists. */
    public void release(String podId, String network) {
        store.find(network == null ? NetworkDefinition.DEFAULT : network).map(this::shared).ifPresent(n -> n.release(podId));
    }

    /** The networks pods can join by name: the default one, then those made by name. */
    public List<NetworkInfo> networks() {
        return store.all().stream().map(d -> shared(d).info()).toList();
    }

    /** The network named {@code name} (or whose id starts with it). */
    public Optional<NetworkInfo> network(String name) {
        return store.find(name).map(d -> shared(d).info());
    }

    /** A hold of a network up ({@link #hold}); closing it lets the network end when no pod is on it. */
    public interface Hold extends AutoCloseable {
        Hold NONE = () -> {
        };

        @Override
        void close();
    }

    /**
     * Keeps the network of {@code pod} up until the hold is closed, though its last pod leaves meanwhile (a pod about
     * to be replaced by {@code pod}); none for a pod off the user's networks.
     */
    public Hold hold(PodSpec pod) {
        if (pod.network() != NetworkMode.BRIDGE) {
            return Hold.NONE;
        }
        return store.find(pod.networkName()).map(d -> shared(d).hold()).orElse(Hold.NONE);
    }

    /**
     * Makes the network of {@code pod} on a thread of its own while the caller goes on (the pods of a play are created
     * meanwhile, and the first to join finds it made), and keeps it up until the returned hold is closed, which waits
     * for that thread first. A network that cannot be made is left to the first pod's attach, which tries again and
     * says why. None for a pod off the user's networks.
     */
    public Hold ahead(PodSpec pod) {
        if (pod.network() != NetworkMode.BRIDGE) {
            return Hold.NONE;
        }
        Optional<SharedNetwork> network = store.find(pod.networkName()).map(this::shared);
        if (network.isEmpty()) {
            return Hold.NONE;
        }
        Hold held = network.get().hold();
        Thread making = new Thread(() -> {
            try {
                network.get().prepare();
            } catch (RuntimeException e) {
                // the first pod to join makes it again, and fails with the reason if it cannot
            }
        }, "jpod-network-" + pod.networkName());
        making.start();
        return () -> {
            io.jpod.host.Uninterruptibly.await(making::join);
            held.close();
        };
    }

    /** The gateway of {@code pod}'s network (its DNS server); empty when it is on none of the user's networks. */
    public String gateway(PodSpec pod) {
        return pod.network() != NetworkMode.BRIDGE ? "" : store.find(pod.networkName()).map(NetworkDefinition::gateway).orElse("");
    }

    /**
     * Where {@code pod} reaches the host (host.containers.internal): as root on the user's network, its gateway (the host's
     * bridge); else 10.0.2.2, which pasta and slirp4netns map to the host's loopback.
     */
    public String hostAddress(PodSpec pod) {
        return onHost && pod.network() == NetworkMode.BRIDGE ? gateway(pod) : SharedNetwork.HOST_ADDRESS;
    }

    /** Ends every network that is up, whatever is on it ({@code system reset}, once the pods are gone). */
    public void endAll() {
        store.all().forEach(d -> shared(d).end());
    }

    /** Removes network {@code name}'s definition and its run-time files (no pod is on it). */
    public void remove(String name) {
        store.remove(name);
        Path dir = runDir.resolve(name);
        if (Files.isDirectory(dir)) {
            try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            } catch (IOException e) {
                // what is left is made anew if a network of that name is created again
            }
        }
    }

    /** The Services played changed: every network serves them as they are now. */
    public void servicesChanged() {
        store.all().forEach(d -> shared(d).servicesChanged());
    }

    private Optional<Slirp4netns> slirp() {
        return slirpBinary.get().map(Slirp4netns::new);
    }

    /**
     * What {@code jpod info} shows of the network: the backend new networks get (as root {@code host}: its bridges), and each
     * helper program (executable, version).
     */
    public record Backend(String name, Program slirp4netns, Program pasta) {
    }

    /** A helper program: where it is and its version (empty and why not, when it is not installed). */
    public record Program(String executable, String version) {
    }

    public Backend backend() {
        return new Backend(onHost ? SharedNetwork.HOST_BACKEND : backend.label(), slirp().map(s -> new Program(s.binary().toString(), s.version()))
                .orElse(new Program("", "slirp4netns is not installed")),
                pasta.get().map(p -> new Program(p.binary().toString(), p.version())).orElse(new Program("", "pasta is not installed")));
    }

    /** Whether a pod in {@code mode} publishes its ports on the host (slirp4netns, pasta, the shared network). */
    public static boolean publishes(NetworkMode mode) {
        return mode == NetworkMode.SLIRP4NETNS || mode == NetworkMode.PASTA || mode == NetworkMode.BRIDGE;
    }

    /**
     * The named networks {@code pod} is on, as podman lists them: its network's name; none for
     * slirp4netns, the host's network or none (podman lists no network for those modes either).
     */
    public static List<String> names(PodSpec pod) {
        return pod.network() == NetworkMode.BRIDGE ? List.of(pod.networkName()) : List.of();
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
            SharedNetwork network = shared(a.pod().networkName());
            return Optional.of(network.attach(SharedNetwork.Member.of(a), joining.computeIfAbsent(network.definition().name(), k -> new Batches<>())));
        }
        if (mode == NetworkMode.PASTA) {
            pasta.get().orElseThrow(() -> new HostException("pasta is not installed: the pod cannot reach the network",
                    "install passt (apt-get install passt), or play with --network slirp4netns"))
                    .startForPod(a.infraPid(), a.runDir(), PortMapping.of(a.pod()));
            return Optional.empty();
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
        Pasta.stopForPod(runDir);
        sharedOf(runDir).ifPresent(n -> n.detach(runDir));
    }
}
