package io.jpod.network;

import io.jpod.error.HostException;
import io.jpod.host.FileLocks;
import io.jpod.host.Lazy;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodSpec;
import io.jpod.runtime.Exec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One of the user's pod networks ({@link NetworkDefinition}: the default {@code jpod}, or one {@code network create}
 * made): a network namespace of its own (bound to a file of the run directory, inside the user namespace when
 * rootless, so nothing runs as host root) holding the network's bridge at its gateway; each pod joins with a veth pair (eth0 in the pod) and an
 * address of the subnet, so pods reach each other directly. Its backend ({@link NetworkBackend}, chosen when the
 * namespace is made; none for an internal network) attached to that namespace (tap0, 10.0.2.100) carries outbound
 * traffic, masqueraded by nftables, and publishes the pods' ports: a slirp4netns forwards the host port to its tap
 * (tap0, or tap1 beside pasta), where an nftables map sends it on to the pod's address and port. aardvark-dns on the gateway answers the pods' names. The namespace, slirp4netns and aardvark-dns
 * are made when the first pod joins and ended when the last one leaves; a helper killed meanwhile is
 * started again by the next pod that joins. What is on the network is kept in a lease file per pod,
 * under a file lock shared by every jpod process of the user. As root ({@code onHost}) the bridge is the host's own, as
 * podman's are as root: no namespace and no backend, the host routes, and a table per network ({@link NetworkRules#onHost})
 * takes the published ports in.
 */
public final class SharedNetwork {
    /** The host as the pods reach it through slirp4netns: its loopback (host.containers.internal); as root, the network's gateway. */
    public static final String HOST_ADDRESS = "10.0.2.2";
    /** What {@code network inspect} says carries a network as root: the host (its bridge, routing and nftables), no backend. */
    static final String HOST_BACKEND = "host";
    /** The search domain of the network's DNS (aardvark-dns answers {@code NAME.dns.podman} too). */
    public static final String DOMAIN = "dns.podman";
    /** In an infra container's run directory: the pod's address on the network. */
    static final String ADDRESS_FILE = "network.ip";
    /** In an infra container's run directory: the name of the network the pod is on (none: the default). */
    static final String NAME_FILE = "network.name";

    /** Where the Services' ClusterIPs are given from: 10.96.0.10 on (Kubernetes' default service range is 10.96.0.0/12). */
    private static final String SERVICE_PREFIX = "10.96.";

    private final NetworkDefinition def;
    private final Subnet subnet;
    private final String name;
    private final Path dir;
    private final Supplier<Optional<Path>> slirpBinary;
    private final Supplier<Optional<Pasta>> pasta;
    private final NetworkBackend chosen;
    private final Supplier<List<NetService>> services;
    private final Supplier<List<String>> otherSubnets;
    private final boolean onHost;
    private final Lazy<NetworkTools> tools = Lazy.of(NetworkTools::find);

    /**
     * Network {@code def}, whose run-time files are kept in {@code dir}; {@code otherSubnets} are the other networks'
     * (its pods may not reach them), {@code services} the Services played.
     */
    SharedNetwork(NetworkDefinition def, Path dir, NetworkBackend chosen, Supplier<Optional<Path>> slirpBinary, Supplier<Optional<Pasta>> pasta,
            Supplier<List<NetService>> services, Supplier<List<String>> otherSubnets, boolean onHost) {
        this.onHost = onHost;
        this.def = def;
        this.subnet = def.parsedSubnet();
        this.name = def.name();
        this.dir = dir;
        this.slirpBinary = slirpBinary;
        this.pasta = pasta;
        this.chosen = chosen;
        this.services = services;
        this.otherSubnets = otherSubnets;
    }

    NetworkDefinition definition() {
        return def;
    }

    /** When the user first had the network whose files are in {@code dir} (the default one's is made when first needed). */
    static java.time.Instant created(Path dir) {
        Path created = dir.resolve("created");
        try {
            Files.createDirectories(dir);
            if (!Files.exists(created)) {
                Files.writeString(created, java.time.Instant.now().toString());
            }
            return java.time.Instant.parse(Files.readString(created).trim());
        } catch (IOException | java.time.format.DateTimeParseException e) {
            return java.time.Instant.EPOCH;
        }
    }

    /**
     * What a pod brings to the network: its infra container's process and files, its names, its published ports,
     * and what Services see of it: labels, named ports, and whether it is ready when it joins (no readiness probe).
     */
    record Member(String podId, long infraPid, String infraId, Path runDir, List<String> names, List<PortMapping> ports, Map<String, String> labels,
            Map<String, Integer> portNames, boolean ready) {
        /** The pod of {@code a}: named as itself and as each of its containers, ready as it starts if nothing probes its readiness. */
        static Member of(PodNetwork.Attachment a) {
            PodSpec pod = a.pod();
            List<String> names = new ArrayList<>(List.of(pod.name()));
            Map<String, Integer> portNames = new TreeMap<>();
            for (ContainerSpec c : pod.containers()) {
                names.add(pod.containerName(c));
                c.ports().stream().filter(p -> p.name() != null).forEach(p -> portNames.putIfAbsent(p.name(), p.containerPort()));
            }
            boolean ready = pod.containers().stream().allMatch(c -> c.readinessProbe() == null);
            return new Member(a.podId(), a.infraPid(), a.infraId(), a.runDir(), names, PortMapping.of(pod), pod.labels(), portNames, ready);
        }
    }

    /** The network as it is now (read without the lock: a view, not a decision). */
    NetworkInfo info() {
        int pods = 0;
        try {
            if (Files.isDirectory(leaseDir())) {
                try (Stream<Path> files = Files.list(leaseDir())) {
                    pods = (int) files.filter(f -> !f.getFileName().toString().startsWith(".")).count();
                }
            }
        } catch (IOException e) {
            pods = 0;
        }
        boolean up = made();
        return new NetworkInfo(def, up, pods, !up ? "" : onHost ? HOST_BACKEND : def.internal() ? "" : backend().label());
    }

    private Path netns() {
        return dir.resolve("netns");
    }

    private Path leaseDir() {
        return dir.resolve("leases");
    }

    private Path socket() {
        return dir.resolve("slirp.sock");
    }

    /** The backend the network's namespace was made with (one made before there was a choice: slirp4netns). */
    private NetworkBackend backend() {
        try {
            return NetworkBackend.parse(Files.readString(dir.resolve("backend")).trim());
        } catch (IOException | RuntimeException e) {
            return NetworkBackend.SLIRP4NETNS;
        }
    }

    /** The API of the slirp4netns that publishes the network's ports. */
    private SlirpApi forwarder() {
        return backend() == NetworkBackend.PASTA ? new SlirpApi(socket(), Slirp4netns.FORWARDER_ADDRESS) : new SlirpApi(socket());
    }

    private AardvarkDns dns() {
        return new AardvarkDns(tools.get().aardvark(), dir.resolve("dns"));
    }

    /** The address of the pod whose infra container's run directory is {@code runDir}, if it is on the network. */
    static Optional<String> address(Path runDir) {
        try {
            return Optional.of(Files.readString(runDir.resolve(ADDRESS_FILE)).trim()).filter(s -> !s.isEmpty());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The name of the network the pod whose infra container's run directory is {@code runDir} is on, if it is on one. */
    static Optional<String> networkOf(Path runDir) {
        if (address(runDir).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(runDir.resolve(NAME_FILE)).trim()).filter(s -> !s.isEmpty());
        } catch (IOException e) {
            return Optional.of(NetworkDefinition.DEFAULT); // joined before named networks existed
        }
    }

    /**
     * Puts the pod on the network (making the network first when needed); returns its address. On failure nothing of it is
     * left. Under the network's lock, with the pods of this process that came meanwhile ({@code joining}: see
     * {@link #join}): its lease, its veth (eth0 moved into the pod), its ports, DNS; then, in the pod's own namespace, which
     * no other pod touches, eth0's address, link and route.
     */
    String attach(Member m, Batches<Member, String> joining) {
        String ip = joining.submit(m, this::join);
        try {
            ip(Path.of("/proc", Long.toString(m.infraPid()), "ns", "net"), null,
                    List.of("addr add " + ip + "/" + subnet.prefix() + " dev eth0", "link set eth0 up", "route add default via " + def.gateway()));
        } catch (RuntimeException e) {
            detach(m.runDir());
            throw e;
        }
        return ip;
    }

    /**
     * The part of {@link #attach} made under the network's lock, for the pods {@code ms} at once: their leases, their veths
     * by one {@code ip} process (each alone when that fails, so that one pod's failure is its own), their ports, and one
     * reload of the DNS. Each pod's address, or why it could not join; nothing is left of a pod that could not.
     */
    private List<Batches.Outcome<String>> join(List<Member> ms) {
        return locked("put the pod", () -> {
            List<Lease> leases = live(leases());
            try {
                up(leases);
            } catch (RuntimeException e) {
                if (leases.isEmpty()) {
                    down(); // the first pod could not join: nothing of the network is left half made
                }
                throw e;
            }
            List<Batches.Outcome<String>> out = new ArrayList<>();
            List<Lease> placed = new ArrayList<>();
            for (Member m : ms) {
                Lease lease = null;
                try {
                    List<Lease> taken = new ArrayList<>(leases);
                    taken.addAll(placed);
                    lease = new Lease(addressOf(m.podId(), taken), m.infraId(), m.runDir(), m.names(), List.of(), m.labels(), m.portNames(),
                            m.ready());
                    write(lease);
                    Files.writeString(m.runDir().resolve(NAME_FILE), name);
                    Files.writeString(m.runDir().resolve(ADDRESS_FILE), lease.ip());
                    placed.add(lease);
                    out.add(null);
                } catch (RuntimeException | IOException e) {
                    if (lease != null) {
                        release(lease);
                    }
                    out.add(Batches.Outcome.failed(e instanceof RuntimeException r ? r
                            : new HostException("cannot record the pod's address on network " + name + ": " + e.getMessage(), null, e)));
                }
            }
            List<Lease> joined = new ArrayList<>();
            List<String> together = new ArrayList<>();
            placed.forEach(l -> together.addAll(vethOf(l, ms)));
            boolean made = tryIp(together);
            for (int i = 0, p = 0; i < ms.size(); i++) {
                if (out.get(i) != null) {
                    continue;
                }
                Member m = ms.get(i);
                Lease lease = placed.get(p++);
                try {
                    if (!made) {
                        makeVeth(lease, vethOf(lease, ms));
                    }
                    List<Lease> others = new ArrayList<>(leases);
                    others.addAll(joined);
                    lease = lease.withPorts(publish(lease.ip(), m.ports(), others));
                    write(lease);
                    joined.add(lease);
                    out.set(i, Batches.Outcome.of(lease.ip()));
                } catch (RuntimeException e) {
                    release(lease);
                    out.set(i, Batches.Outcome.failed(e));
                }
            }
            try {
                if (!joined.isEmpty()) {
                    leases.addAll(joined);
                    refresh(leases);
                }
            } catch (RuntimeException e) {
                joined.forEach(this::release);
                leases.removeAll(joined);
                for (int i = 0; i < out.size(); i++) {
                    if (out.get(i).error() == null) {
                        out.set(i, Batches.Outcome.failed(e));
                    }
                }
            }
            if (leases.isEmpty()) {
                down();
            }
            return out;
        });
    }

    /** The {@code ip} commands that make {@code lease}'s veth pair: the host end on the bridge, eth0 moved into its pod. */
    private List<String> vethOf(Lease lease, List<Member> ms) {
        long pid = ms.stream().filter(m -> m.runDir().equals(lease.runDir())).findFirst().orElseThrow().infraPid();
        return List.of("link add " + veth(lease) + " type veth peer name eth0 netns " + pid,
                "link set " + veth(lease) + " addrgenmode none master " + def.bridge() + " up"); // no IPv6 on a bridge port
    }

    /** Runs {@code commands} in the network's namespace by one {@code ip} process; whether they all succeeded. */
    private boolean tryIp(List<String> commands) {
        if (commands.isEmpty()) {
            return true;
        }
        try {
            ip(null, null, commands);
            return true;
        } catch (HostException e) {
            return false;
        }
    }

    /**
     * Makes one pod's veth pair ({@code commands}) after a batch failed: a half-made pair, or one of that name left by a pod
     * whose namespace outlived it, is removed first.
     */
    private void makeVeth(Lease lease, List<String> commands) {
        ip(null, "-force", List.of("link del " + veth(lease)));
        ip(null, null, commands);
    }

    /**
     * Makes what is missing of the network (its namespace, backend and DNS) before a pod joins: the first pod to join
     * then finds it made. A network that cannot be made is left as it was, for that pod's attach to try again and say why.
     */
    void prepare() {
        locked("make the network", () -> {
            List<Lease> leases = live(leases());
            try {
                up(leases);
            } catch (RuntimeException e) {
                if (leases.isEmpty() && !held()) {
                    down();
                }
                throw e;
            }
            return null;
        });
    }

    /** Takes the pod whose infra container's run directory is {@code runDir} off the network; the last one ends it. Idempotent. */
    void detach(Path runDir) {
        Optional<String> ip = address(runDir);
        if (ip.isEmpty()) {
            return;
        }
        locked("take the pod off", () -> {
            List<Lease> all = leases();
            all.stream().filter(l -> l.ip().equals(ip.get()) && l.runDir().equals(runDir)).findFirst().ifPresent(l -> {
                release(l);
                all.remove(l);
            });
            Files.deleteIfExists(runDir.resolve(ADDRESS_FILE));
            Files.deleteIfExists(runDir.resolve(NAME_FILE));
            List<Lease> leases = live(all);
            if (leases.isEmpty() && !held()) {
                down();
            } else if (!leases.isEmpty() && made()) {
                refresh(leases);
            }
            return null;
        });
    }

    /**
     * Keeps the network up until the hold is closed, though its last pod leaves meanwhile: a pod replaced by one of the
     * same name leaves just before the new one joins, and taking the network down and up again between them costs
     * seconds. Closing the hold ends the network if no pod is on it then. A hold of a process that ended is void.
     */
    PodNetwork.Hold hold() {
        Path file = dir.resolve("holds").resolve(ProcessHandle.current().pid() + "-" + Thread.currentThread().getId() + "-" + System.nanoTime());
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "");
        } catch (IOException e) {
            return PodNetwork.Hold.NONE; // without a hold the network is only made again
        }
        return () -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a hold whose process ended is void
            }
            locked("end the network", () -> {
                if (live(leases()).isEmpty() && !held() && (made() || Slirp4netns.running(dir) || Pasta.pid(dir).running())) {
                    down();
                }
                return null;
            });
        };
    }

    /** Ends the network if it is up, whatever is on it (the pods are gone: {@code system reset}). */
    void end() {
        if (!Files.exists(dir.resolve("backend")) && !made()) {
            return; // never touch a bridge another jpod root made
        }
        locked("end the network", () -> {
            down();
            return null;
        });
    }

    /** Whether a live process holds the network up ({@link #hold}); holds of ended processes are dropped. */
    private boolean held() {
        Path holds = dir.resolve("holds");
        if (!Files.isDirectory(holds)) {
            return false;
        }
        boolean held = false;
        try (Stream<Path> files = Files.list(holds)) {
            for (Path f : files.toList()) {
                String pid = f.getFileName().toString().split("-")[0];
                if (pid.matches("\\d+") && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false)) {
                    held = true;
                } else {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            return false;
        }
        return held;
    }

    /** A change of the network, made under its locks; it may fail with an IOException. */
    private interface Change<T> {
        T make() throws IOException;
    }

    /**
     * Makes {@code change} under the network's file lock, which every jpod process of the user takes around a change
     * (the process's own threads take turns first: a file lock is the process's); an IOException says it cannot {@code what}.
     */
    private <T> T locked(String what, Change<T> change) {
        try (FileLocks.Held lock = FileLocks.lock(lockFile())) {
            return change.make();
        } catch (IOException e) {
            throw new HostException("cannot " + what + " on network " + name + ": " + e.getMessage(), null, e);
        }
    }

    /** The network's lock file (every jpod process of the user locks it around a change). */
    private Path lockFile() throws IOException {
        Files.createDirectories(leaseDir());
        if (!Files.exists(dir.resolve("created"))) {
            Files.writeString(dir.resolve("created"), java.time.Instant.now().toString());
        }
        return dir.resolve("lock");
    }

    /** The leases whose pods are still there; the others (a pod removed without leaving) are released. */
    private List<Lease> live(List<Lease> leases) {
        List<Lease> out = new ArrayList<>();
        for (Lease l : leases) {
            if (Files.isDirectory(l.runDir())) {
                out.add(l);
            } else {
                release(l);
            }
        }
        return out;
    }

    private List<Lease> leases() throws IOException {
        List<Lease> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(leaseDir())) {
            for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
                Lease l = Lease.parse(Files.readString(f));
                if (l != null) {
                    out.add(l);
                } else {
                    Files.deleteIfExists(f);
                }
            }
        }
        return out;
    }

    private void write(Lease lease) {
        try {
            Path tmp = leaseDir().resolve("." + lease.ip());
            Files.writeString(tmp, lease.format());
            Files.move(tmp, leaseDir().resolve(lease.ip()), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new HostException("cannot record the pod's address on network " + name + ": " + e.getMessage(), null, e);
        }
    }

    private Path reservations() {
        return dir.resolve("reserved");
    }

    /** Each pod's reserved address: its id → address (a file per address, holding the pod's id). */
    private Map<String, String> reserved() throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (Files.isDirectory(reservations())) {
            try (Stream<Path> files = Files.list(reservations())) {
                for (Path f : files.toList()) {
                    out.put(Files.readString(f).trim(), f.getFileName().toString());
                }
            }
        }
        return out;
    }

    /** The address reserved for pod {@code podId} when it is free, else a free one (a pod created before reservations). */
    private String addressOf(String podId, List<Lease> leases) {
        return reserving("lease an address", () -> {
            String mine = reserved().get(podId);
            boolean leased = mine != null && leases.stream().anyMatch(l -> l.ip().equals(mine));
            return mine != null && !leased ? mine : free(leases, reserved().values());
        });
    }

    /**
     * Makes {@code change} under the lock of the reservations, a lock of its own so that pods are created (their
     * addresses reserved) while the network is being made; taken after the network's lock where both are held.
     */
    private <T> T reserving(String what, Change<T> change) {
        try {
            Files.createDirectories(reservations());
            Files.createDirectories(leaseDir());
            try (FileLocks.Held lock = FileLocks.lock(dir.resolve("reserved.lock"))) {
                return change.make();
            }
        } catch (IOException e) {
            throw new HostException("cannot " + what + " on network " + name + ": " + e.getMessage(), null, e);
        }
    }

    /**
     * Reserves an address for pod {@code podId} (its own again if it has one); drops the reservations of pods not in
     * {@code live} (made more than a minute ago: pods of the same play are created at once).
     */
    String reserve(String podId, Set<String> live) {
        return reserving("reserve an address", () -> {
            Map<String, String> all = reserved();
            long recent = System.currentTimeMillis() - 60_000; // a pod being created is not in the store yet
            for (Map.Entry<String, String> e : all.entrySet()) {
                Path f = reservations().resolve(e.getValue());
                if (!e.getKey().equals(podId) && !live.contains(e.getKey()) && Files.getLastModifiedTime(f).toMillis() < recent) {
                    Files.deleteIfExists(f);
                }
            }
            if (all.containsKey(podId)) {
                return all.get(podId);
            }
            String ip = free(leases(), reserved().values());
            Files.writeString(reservations().resolve(ip), podId);
            return ip;
        });
    }

    /** Gives back the address reserved for pod {@code podId}. */
    void release(String podId) {
        reserving("give back the address of a pod", () -> {
            String ip = reserved().get(podId);
            if (ip != null) {
                Files.deleteIfExists(reservations().resolve(ip));
            }
            return null;
        });
    }

    /** The lowest address of the subnet (but its network, broadcast and gateway addresses) neither leased nor reserved. */
    private String free(List<Lease> leases, java.util.Collection<String> reserved) {
        return free(subnet, def.gateway(), leases.stream().map(Lease::ip).toList(), reserved)
                .orElseThrow(() -> new HostException("network " + name + " (" + subnet + ") has no free address left",
                        "remove pods that are not needed"));
    }

    /** The lowest host address of {@code subnet} that is not {@code gateway} and neither {@code leased} nor {@code reserved}. */
    static Optional<String> free(Subnet subnet, String gateway, java.util.Collection<String> leased, java.util.Collection<String> reserved) {
        Set<String> taken = new HashSet<>(reserved);
        taken.addAll(leased);
        taken.add(gateway);
        for (long i = 1; i < Math.min(subnet.size() - 1, 65_536); i++) {
            if (!taken.contains(subnet.host(i))) {
                return Optional.of(subnet.host(i));
            }
        }
        return Optional.empty();
    }

    /** Forgets a lease: its published ports, its veth (if the pod's namespace still holds it), its file. Never fails. */
    private void release(Lease l) {
        for (Lease.Port p : l.ports()) {
            quietly(() -> nft(entry(p).delete(table())));
            if (p.forwardId() >= 0 && Slirp4netns.running(dir)) {
                quietly(() -> forwarder().removeHostForward(p.forwardId()));
            }
        }
        if (onHost || Files.exists(netns())) {
            quietly(() -> ip(null, "-force", List.of("link del " + veth(l))));
        }
        quietly(() -> {
            try {
                Files.deleteIfExists(leaseDir().resolve(l.ip()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // what cannot be undone is gone with the namespace
        }
    }

    /** Serves the Services as they are now (a play or kube down changed them), if the network is up. */
    void servicesChanged() {
        if (!Files.isDirectory(leaseDir()) || !made()) {
            return; // no pod is on the network: the first one to join serves them
        }
        locked("serve the Services", () -> {
            List<Lease> leases = live(leases());
            if (!leases.isEmpty() && made()) {
                refresh(leases);
            }
            return null;
        });
    }

    /** Marks the pod whose infra container's run directory is {@code runDir} ready or not, if it is on the network. */
    void setReady(Path runDir, boolean ready) {
        Optional<String> ip = address(runDir);
        if (ip.isEmpty()) {
            return;
        }
        locked("mark a pod ready", () -> {
            List<Lease> leases = live(leases());
            for (int i = 0; i < leases.size(); i++) {
                Lease l = leases.get(i);
                if (l.ip().equals(ip.get()) && l.runDir().equals(runDir) && l.ready() != ready) {
                    leases.set(i, l.withReady(ready));
                    write(leases.get(i));
                    if (made()) {
                        refresh(leases);
                    }
                }
            }
            return null;
        });
    }

    /** Tells aardvark-dns and nftables what is on the network: the pods, and the Services with the pods they select. */
    private void refresh(List<Lease> leases) {
        List<NetService> all = services.get();
        Map<String, String> ips = clusterIps(all);
        dns().configure(name, Lease.dnsConfig(def.gateway(), leases, ServiceRouting.dnsLines(all, ips, leases)));
        String rules = ServiceRouting.rules(table(), all, ips, leases);
        Path file = dir.resolve("services.nft");
        try {
            if (Files.exists(file) && Files.readString(file).equals(rules)) {
                return;
            }
        } catch (IOException e) {
            // unreadable: written again
        }
        writeFile(file, rules);
        check(inNetwork(tools.get().nft().toString(), "-f", file.toString()), "route the Services");
    }

    /**
     * The ClusterIP of each Service that is not headless, kept in a file per Service while it exists: the one its
     * spec asks for when that is free, else the lowest free one from 10.96.0.10.
     */
    private Map<String, String> clusterIps(List<NetService> all) {
        Path store = dir.resolve("services");
        Map<String, String> kept = new TreeMap<>();
        try {
            Files.createDirectories(store);
            try (Stream<Path> files = Files.list(store)) {
                for (Path f : files.toList()) {
                    kept.put(f.getFileName().toString(), Files.readString(f).trim());
                }
            }
            Set<String> wanted = new HashSet<>();
            all.stream().filter(x -> !x.headless()).forEach(x -> wanted.add(x.key()));
            for (String key : new ArrayList<>(kept.keySet())) {
                if (!wanted.contains(key)) {
                    kept.remove(key);
                    Files.deleteIfExists(store.resolve(key));
                }
            }
            for (NetService x : all) {
                if (x.headless() || kept.containsKey(x.key())) {
                    continue;
                }
                String ip = x.clusterIp() != null && x.clusterIp().matches("\\d+\\.\\d+\\.\\d+\\.\\d+") && !kept.containsValue(x.clusterIp())
                        && !subnet.contains(x.clusterIp()) ? x.clusterIp() : freeServiceIp(kept);
                kept.put(x.key(), ip);
                Files.writeString(store.resolve(x.key()), ip);
            }
        } catch (IOException e) {
            throw new HostException("cannot keep the Services' addresses in " + store + ": " + e.getMessage(), null, e);
        }
        return kept;
    }

    private static String freeServiceIp(Map<String, String> kept) {
        for (int i = 10; i < 65534; i++) {
            String ip = SERVICE_PREFIX + (i / 256) + "." + (i % 256);
            if (i % 256 != 0 && i % 256 != 255 && !kept.containsValue(ip)) {
                return ip;
            }
        }
        throw new HostException("no ClusterIP is left in " + SERVICE_PREFIX + "0.0/16", "remove Services that are not needed");
    }

    /** Makes what is missing of the network: its namespace (bridge, routing, nftables), slirp4netns, aardvark-dns. */
    private void up(List<Lease> leases) {
        NetworkTools t = tools.get();
        if (!made()) {
            leases.forEach(this::release); // their veths went with the old namespace (or bridge)
            leases.clear();
            if (onHost) {
                makeBridge(t);
            } else {
                makeNamespace(t);
            }
        }
        AardvarkDns dns = dns();
        List<Lease> known = List.copyOf(leases);
        // aardvark-dns starts while the backend does: neither needs the other to start
        CompletableFuture<Void> dnsStarted = dns.running() ? CompletableFuture.completedFuture(null) : CompletableFuture.runAsync(() -> {
            dns.configure(name, Lease.dnsConfig(def.gateway(), known, List.of()));
            dns.start(inNetwork());
        }, r -> new Thread(r, "jpod-aardvark-dns").start());
        RuntimeException failed = null;
        try {
            startBackend(leases);
        } catch (RuntimeException e) {
            failed = e;
        }
        try {
            dnsStarted.join();
        } catch (CompletionException e) {
            if (failed == null) {
                failed = e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /** Starts the network's backend (slirp4netns or pasta) unless it runs; none for an internal network, or as root. */
    private void startBackend(List<Lease> leases) {
        if (onHost) {
            // as root the host carries the network: no backend
        } else if (!def.internal() && backend() == NetworkBackend.SLIRP4NETNS && !Slirp4netns.running(dir)) {
            Slirp4netns.stop(dir);
            slirp4netns().startOnPath(netns(), dir, socket());
            forwardAgain(leases);
        } else if (!def.internal() && backend() == NetworkBackend.PASTA) {
            if (!Pasta.pid(dir).running()) {
                pasta.get().orElseThrow(() -> new HostException("pasta is not installed: network " + name + " cannot reach the outside",
                        "install passt (apt-get install passt), or use --network-backend slirp4netns")).start(netns(), dir);
            }
            if (leases.stream().anyMatch(l -> !l.ports().isEmpty())) {
                startForwarder(leases);
            }
        }
    }

    private Slirp4netns slirp4netns() {
        return new Slirp4netns(slirpBinary.get().orElseThrow(() -> new HostException(
                "slirp4netns is not installed: network " + name + " cannot publish ports or reach the outside",
                "install slirp4netns (apt-get install slirp4netns), or play with --network none")));
    }

    /** Beside pasta: starts the slirp4netns of the published ports unless it runs, with the forwards of {@code leases}. */
    private void startForwarder(List<Lease> leases) {
        if (Slirp4netns.running(dir)) {
            return;
        }
        Slirp4netns.stop(dir);
        slirp4netns().startForwarder(netns(), dir, socket());
        ip(null, null, List.of("addr add " + Slirp4netns.FORWARDER_ADDRESS + "/24 dev " + Slirp4netns.FORWARDER_TAP,
                "link set " + Slirp4netns.FORWARDER_TAP + " up",
                "route replace default via " + Slirp4netns.FORWARDER_GATEWAY + " dev " + Slirp4netns.FORWARDER_TAP + " table " + NetworkRules.FORWARDED));
        forwardAgain(leases);
    }

    /** A slirp4netns (re)started: the forwards of {@code leases} are made again. */
    private void forwardAgain(List<Lease> leases) {
        for (int i = 0; i < leases.size(); i++) {
            leases.set(i, leases.get(i).withPorts(forward(leases.get(i).ports())));
            write(leases.get(i));
        }
    }

    /**
     * Whether the network is made: rootless, its namespace bound to its file (it is not after the user namespace's holder
     * ended); as root, its bridge on the host, made by this run directory's network (its {@code backend} file is there).
     */
    private boolean made() {
        if (onHost) {
            return Files.exists(Path.of("/sys/class/net", def.bridge())) && Files.exists(dir.resolve("backend"));
        }
        return mounted();
    }

    private boolean mounted() {
        try {
            return Files.exists(netns()) && !Files.getAttribute(netns(), "unix:dev").equals(Files.getAttribute(dir, "unix:dev"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private void makeNamespace(NetworkTools t) {
        try {
            Files.deleteIfExists(dir.resolve("services.nft")); // the new namespace has no Service rule yet
            Files.deleteIfExists(netns());
            Files.createFile(netns());
            Files.writeString(dir.resolve("backend"), chosen.label()); // kept while the network is up
        } catch (IOException e) {
            throw new HostException("cannot create " + netns() + ": " + e.getMessage(), null, e);
        }
        Path batch = dir.resolve("namespace.batch");
        Path rules = writeRules(NetworkRules.namespaced(subnet, otherSubnets.get(), Slirp4netns.TAP, Slirp4netns.FORWARDER_TAP));
        writeFile(batch, String.join("\n", List.of("link set lo up", "link add " + def.bridge() + " type bridge",
                "addr add " + def.gateway() + "/" + subnet.prefix() + " dev " + def.bridge(), "link set " + def.bridge() + " up",
                // the answers through the forwarder's tap, marked by the table: its route is added when the forwarder starts
                "rule add fwmark " + NetworkRules.FORWARDED + " lookup " + NetworkRules.FORWARDED)) + "\n");
        // one process chain in the new namespace: forwarding on, the bridge at the gateway and the rule, the nftables table
        check(List.of(t.unshare().toString(), "--net=" + netns(), "/bin/sh", "-c",
                "echo 1 > /proc/sys/net/ipv4/ip_forward && \"$0\" -batch \"$1\" && exec \"$2\" -f \"$3\"",
                t.ip().toString(), batch.toString(), t.nft().toString(), rules.toString()), "make the network's namespace");
        withoutServices();
    }

    /**
     * The table just made has an empty chain of Services: what {@link ServiceRouting#rules} makes of none, recorded as
     * loaded, so that a network without Services loads nothing more when its first pod joins.
     */
    private void withoutServices() {
        writeFile(dir.resolve("services.nft"), ServiceRouting.rules(table(), List.of(), Map.of(), List.of()));
    }

    /**
     * As root: makes the network's bridge on the host at its gateway (what is left of one of this name goes first: a run
     * directory removed with its network up), with forwarding on, {@code route_localnet} for the published ports'
     * 127.0.0.1, and its nftables table.
     */
    private void makeBridge(NetworkTools t) {
        endBridge(t);
        try {
            Files.deleteIfExists(dir.resolve("services.nft")); // the new table has no Service rule yet
        } catch (IOException e) {
            throw new HostException("cannot remove " + dir.resolve("services.nft") + ": " + e.getMessage(), null, e);
        }
        ip(null, null, List.of("link add " + def.bridge() + " type bridge", "addr add " + def.gateway() + "/" + subnet.prefix() + " dev " + def.bridge(),
                "link set " + def.bridge() + " up"));
        try {
            Files.writeString(Path.of("/proc/sys/net/ipv4/ip_forward"), "1");
            Files.writeString(Path.of("/proc/sys/net/ipv4/conf", def.bridge(), "route_localnet"), "1");
        } catch (IOException e) {
            throw new HostException("cannot enable forwarding for network " + name + ": " + e.getMessage(), null, e);
        }
        nftFile(NetworkRules.onHost(name, def.bridge(), subnet, otherSubnets.get()));
        withoutServices();
        writeFile(dir.resolve("backend"), HOST_BACKEND); // the network is made
    }

    /** As root: removes the network's nftables table and bridge from the host, if they are there. */
    private void endBridge(NetworkTools t) {
        Exec.run(List.of(t.nft().toString(), "delete table inet " + table()));
        if (Files.exists(Path.of("/sys/class/net", def.bridge()))) {
            Exec.run(List.of(t.ip().toString(), "link", "del", def.bridge()));
        }
    }

    /** Ends the network: aardvark-dns, slirp4netns, pasta, the namespace (as root: the bridge and table on the host). */
    private void down() {
        if (Files.exists(dir.resolve("dns"))) {
            dns().stop();
        }
        Slirp4netns.stop(dir);
        Pasta.pid(dir).stop();
        if (onHost) {
            endBridge(tools.get());
        } else if (mounted()) {
            Exec.run(List.of(tools.get().umount().toString(), netns().toString()));
        }
        try {
            Files.deleteIfExists(netns());
            for (String f : List.of("dns/" + name, "rules.nft", "services.nft", "slirp4netns.log", "slirp4netns.err", "pasta.log", "backend",
                    "namespace.batch")) {
                Files.deleteIfExists(dir.resolve(f));
            }
        } catch (IOException e) {
            // a busy file is made anew by the next network
        }
    }

    /**
     * Publishes a pod's ports at {@code ip}: nftables sends the port on to the pod (as root, the host's own address and
     * port; rootless, the tap's port to which slirp4netns forwards the host's). A port another pod of the network takes in
     * on the same address (or either on every address) is refused.
     */
    private List<Lease.Port> publish(String ip, List<PortMapping> ports, List<Lease> others) {
        if (def.internal()) {
            return List.of(); // no way in from the host either
        }
        List<Lease.Port> taken = others.stream().flatMap(l -> l.ports().stream()).toList();
        for (PortMapping m : ports) { // another pod of the network has it (pods started at once both found it free)
            taken.stream().filter(p -> p.mapping().clashes(m)).findFirst().ifPresent(p -> {
                throw new PortInUseException(m, "another pod of network " + name + " publishes it" + (p.mapping().hostIp().equals(m.hostIp())
                        ? "" : " on " + p.mapping().hostIp()));
            });
        }
        List<Lease.Port> wanted = onHost ? ports.stream().map(m -> new Lease.Port(m, -1)).toList() : tapPorts(ports, taken);
        List<Lease.Port> added = new ArrayList<>();
        try {
            for (Lease.Port p : wanted) {
                nft(entry(p).add(table(), ip, p.mapping().containerPort()));
                added.add(p);
            }
            if (onHost) {
                return wanted; // the host's own nftables take them in
            }
            if (!ports.isEmpty() && backend() == NetworkBackend.PASTA) {
                startForwarder(others);
            }
            return forward(wanted);
        } catch (RuntimeException e) {
            added.forEach(p -> quietly(() -> nft(entry(p).delete(table()))));
            throw e;
        }
    }

    /**
     * Rootless, the tap's port each of {@code ports} is forwarded to: its host port, unless a port of {@code taken} (of
     * the same protocol: another pod's, on another host address) or one before it has that one, then the next free one.
     */
    static List<Lease.Port> tapPorts(List<PortMapping> ports, List<Lease.Port> taken) {
        Set<String> used = new HashSet<>();
        taken.forEach(p -> used.add(p.mapping().protocol() + "/" + p.tapPort()));
        List<Lease.Port> out = new ArrayList<>();
        for (PortMapping m : ports) {
            int port = m.hostPort();
            for (int tries = 0; !used.add(m.protocol() + "/" + port); tries++) {
                if (tries == 65_535) {
                    throw new PortInUseException(m, "every port of the network's tap is taken");
                }
                port = port % 65_535 + 1;
            }
            out.add(new Lease.Port(m, -1, port));
        }
        return out;
    }

    /** Where port {@code p} is in the network's table: as root by its host address, protocol and port; rootless by its tap's port. */
    private NetworkRules.Entry entry(Lease.Port p) {
        return onHost ? NetworkRules.hostEntry(p.mapping()) : NetworkRules.tapEntry(p.mapping(), p.tapPort());
    }

    /** slirp4netns forwards each of {@code ports} from its host address and port to its tap's port. */
    private List<Lease.Port> forward(List<Lease.Port> ports) {
        List<Lease.Port> out = new ArrayList<>();
        if (ports.isEmpty()) {
            return List.of();
        }
        SlirpApi api = forwarder();
        try {
            for (Lease.Port p : ports) {
                out.add(new Lease.Port(p.mapping(), api.addHostForward(p.mapping(), p.tapPort()), p.tapPort()));
            }
        } catch (RuntimeException e) {
            out.forEach(p -> quietly(() -> api.removeHostForward(p.forwardId()))); // a port taken: the pod publishes none
            throw e;
        }
        return out;
    }

    /**
     * Runs iproute2's commands in batch in the namespace at {@code ns}, null: the network's own (as root, the host's)
     * ({@code option}: -force to go on after an error).
     */
    private void ip(Path ns, String option, List<String> commands) {
        Path batch = dir.resolve("ip-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId() + ".batch");
        try {
            Files.writeString(batch, String.join("\n", commands) + "\n");
            List<String> argv = new ArrayList<>(ns == null ? inNetwork(tools.get().ip().toString())
                    : List.of(tools.get().nsenter().toString(), "--net=" + ns, tools.get().ip().toString()));
            if (option != null) {
                argv.add(option);
            }
            argv.addAll(List.of("-batch", batch.toString()));
            Exec.Result r = Exec.run(argv);
            if (!r.ok() && option == null) {
                throw new HostException("cannot set up network " + name + ": ip: " + r.err().strip().lines().reduce((a, b) -> b).orElse(""),
                        null);
            }
        } catch (IOException e) {
            throw new HostException("cannot set up network " + name + ": " + e.getMessage(), null, e);
        } finally {
            try {
                Files.deleteIfExists(batch);
            } catch (IOException e) {
                // a leftover batch file is harmless
            }
        }
    }

    private void nft(String command) {
        check(inNetwork(tools.get().nft().toString(), command), "nft " + command);
    }

    /** The command line {@code argv} run in the network's namespace: rootless its own, through nsenter; as root the host's. */
    private List<String> inNetwork(String... argv) {
        List<String> out = new ArrayList<>();
        if (!onHost) {
            out.addAll(List.of(tools.get().nsenter().toString(), "--net=" + netns()));
        }
        out.addAll(List.of(argv));
        return out;
    }

    /** The network's nftables table: {@code jpod} in its own namespace, {@code jpod-NAME} on the host (root). */
    private String table() {
        return onHost ? NetworkRules.hostTable(name) : "jpod";
    }

    /** The host end of a pod's veth pair: as root, on the host beside other networks' veths, named after the whole address. */
    private String veth(Lease l) {
        return onHost ? l.hostVeth() : l.veth();
    }

    private void nftFile(String rules) {
        check(inNetwork(tools.get().nft().toString(), "-f", writeRules(rules).toString()), "load the network's nftables rules");
    }

    /** Writes the network's nftables table {@code rules} into its file, which is returned. */
    private Path writeRules(String rules) {
        Path file = dir.resolve("rules.nft");
        writeFile(file, rules);
        return file;
    }

    /** Writes {@code text} into the network's file {@code file}; a HostException naming it when that fails. */
    private static void writeFile(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new HostException("cannot write " + file + ": " + e.getMessage(), null, e);
        }
    }

    private void check(List<String> argv, String what) {
        Exec.Result r = Exec.run(argv);
        if (!r.ok()) {
            String err = r.err().strip();
            String said = err.lines().filter(l -> l.contains("Error:")).findFirst().orElse(err.lines().reduce((a, b) -> b).orElse(""));
            throw new HostException("cannot " + what + " (network " + name + "): " + said.strip(),
                    "the shared network needs nftables and iproute2 (apt-get install nftables iproute2)");
        }
    }
}
