package io.jpod.engine;

import io.jpod.error.JpodException;
import io.jpod.error.RuntimeFailureException;
import io.jpod.error.StateException;
import io.jpod.host.HostFacts;
import io.jpod.network.PodNetwork;
import io.jpod.network.PortMapping;
import io.jpod.network.ResolvConf;
import io.jpod.oci.ContainerPlan;
import io.jpod.oci.RuntimeSpec;
import io.jpod.oci.SpecGenerator;
import io.jpod.oci.Users;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.NetworkMode;
import io.jpod.pod.ProcessPlan;
import io.jpod.pod.SecurityContext;
import io.jpod.runtime.Conmon;
import io.jpod.runtime.OciRuntimeCli;
import io.jpod.state.ContainerRow;
import io.jpod.state.ContainerState;
import io.jpod.state.PodRow;
import io.jpod.state.StateStore;
import io.jpod.storage.RootfsMounter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts, stops, cleans up and removes one container: rootfs mount, OCI spec, conmon, runtime.
 * Every change of one container happens under its lock, so jpod commands and conmon's exit
 * command never trip over each other.
 */
final class ContainerLifecycle {
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final HostFacts host;
    private final StateStore state;
    private final Locks locks;
    private final List<String> exitCommand;
    private final PodNetwork network;

    ContainerLifecycle(HostFacts host, StateStore state, List<String> exitCommand, PodNetwork network) {
        this.host = host;
        this.state = state;
        this.locks = new Locks(host.paths().locks());
        this.exitCommand = exitCommand;
        this.network = network;
    }

    PodNetwork network() {
        return network;
    }

    /** Why resource limits are not enforced here, or null (root creates each container's cgroup). */
    String resourcesNotEnforced() {
        return host.rootless() ? io.jpod.host.Cgroups.probe(true, host.hostUid()).whyNotEnforced(true) : null;
    }

    HostFacts.StorageDriver storageDriver() {
        return host.storage();
    }

    /** The mounter of a container: the driver it was created with, whatever this command's default. */
    private RootfsMounter mounter(ContainerRow c) {
        String storage = c.config().storage();
        return new RootfsMounter(storage == null ? host.storage() : HostFacts.StorageDriver.parse(storage));
    }

    /** The OCI runtime of a container: the one it was created with, whatever this command's default. */
    OciRuntimeCli runtime(ContainerRow c) {
        String path = c.config().runtime();
        return new OciRuntimeCli(path == null ? host.runtime().path() : Path.of(path), host.paths().runtimeRoot());
    }

    String runtimePath() {
        return host.runtime().path().toString();
    }

    Path dataDir(String id) {
        return host.paths().containers().resolve(id);
    }

    Path runDir(String id) {
        return host.paths().runDir().resolve("containers").resolve(id);
    }

    /** slirp4netns's API socket of an infra container: a short path, as a socket's path is at most 107 bytes. */
    Path netSocket(String id) {
        return host.paths().runDir().resolve("net").resolve(id.substring(0, 12) + ".sock");
    }

    Path logFile(String id) {
        return dataDir(id).resolve("ctr.log");
    }

    /** The pod's shared /etc files live with its infra container. */
    Path podFiles(PodRow pod) {
        return dataDir(pod.infraId()).resolve("userdata");
    }

    /** The pod's volumes on the host, kept with its infra container. */
    PodVolumes volumes(PodRow pod) {
        return new PodVolumes(podFiles(pod), host.paths().volumes());
    }

    Locks.Held lock(String id) {
        return locks.lock(id);
    }

    /** Writes the pod's /etc/hosts, /etc/hostname and /etc/resolv.conf ({@link PodEtcFiles}). */
    void writePodFiles(PodRow pod) {
        Path dir = podFiles(pod);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("hosts"), PodEtcFiles.hosts(pod.spec(), readHostFile("/etc/hosts")));
            Files.writeString(dir.resolve("hostname"), PodEtcFiles.hostname(pod.spec(), hostHostname()) + "\n");
            Files.writeString(dir.resolve("resolv.conf"), PodEtcFiles.resolvConf(pod.spec(),
                    ResolvConf.forPod(readHostFile("/etc/resolv.conf"), pod.spec().network())));
        } catch (IOException e) {
            throw new StateException("cannot write the files of pod " + pod.name() + ": " + e.getMessage(), e);
        }
    }

    private static String readHostFile(String path) throws IOException {
        Path p = Path.of(path);
        return Files.isReadable(p) ? Files.readString(p) : "";
    }

    /** The host's hostname (jpod shares the host's UTS namespace). */
    private static String hostHostname() throws IOException {
        return readHostFile("/proc/sys/kernel/hostname").trim();
    }

    private ContainerTuning tuning() {
        return new ContainerTuning(host.paths().dataDir().resolve("seccomp"), ContainerTuning.ownLimits(), host.rootless());
    }

    /** Creates and starts {@code c} (already under its lock); returns the updated row. */
    ContainerRow startLocked(ContainerRow c, PodRow pod, Long infraPid) {
        ContainerRow current = state.container(c.id()).orElse(c);
        if (current.status().state() == ContainerState.RUNNING && isAlive(current.status().pid())) {
            return current;
        }
        runtime(c).delete(c.name(), c.id(), true);
        markStopping(c.id(), false);
        Path data = dataDir(c.id());
        Path bundle = data.resolve("bundle");
        try {
            Files.createDirectories(bundle);
            Files.createDirectories(runDir(c.id()));
            ContainerPlan plan = c.infra() ? infraPlan(c, pod, data) : appPlan(c, pod, data, infraPid);
            RuntimeSpec spec = SpecGenerator.generate(plan, host.rootless());
            writeOwnerOnly(bundle.resolve("config.json"), JSON.writeValueAsString(spec));
        } catch (JpodException e) {
            if (!c.infra()) {
                mounter(c).unmount(c.name(), new RootfsMounter.Layout(data.resolve("overlay")));
            }
            throw e;
        } catch (IOException e) {
            throw new RuntimeFailureException(c.name(), "cannot prepare container " + c.name() + ": " + e.getMessage(), e);
        }
        Conmon.ContainerFiles files = new Conmon.ContainerFiles(bundle, runDir(c.id()), logFile(c.id()), host.paths().exits(),
                host.paths().sockets(), exitCommand.isEmpty() ? List.of() : withArgs(exitCommand, c.id()));
        long pid;
        try {
            pid = new Conmon(host.conmon(), runtime(c)).create(c.id(), c.name(), files, Map.of());
            runtime(c).start(c.name(), c.id());
        } catch (JpodException e) {
            runtime(c).delete(c.name(), c.id(), true);
            if (!c.infra()) {
                mounter(c).unmount(c.name(), new RootfsMounter.Layout(data.resolve("overlay")));
            }
            throw e;
        }
        long conmonPid = readPid(runDir(c.id()).resolve("conmon.pid"));
        ContainerRow started = current.withStatus(current.status().started(pid, conmonPid, Instant.now()));
        state.updateContainer(started);
        if (c.infra()) {
            attachNetwork(started, pod);
        }
        return started;
    }

    /** Connects the pod's network namespace (held by its infra container, just started); on failure the infra is stopped. */
    private void attachNetwork(ContainerRow infra, PodRow pod) {
        try {
            network.attach(pod.spec().network(), infra.status().pid(), runDir(infra.id()), netSocket(infra.id()),
                    PortMapping.of(pod.spec()));
        } catch (JpodException e) {
            markStopping(infra.id(), true);
            runtime(infra).kill(infra.name(), infra.id(), "KILL", false);
            waitExit(infra.status().pid(), 10_000);
            finish(infra, true);
            throw e;
        }
    }

    private static List<String> withArgs(List<String> base, String id) {
        List<String> l = new ArrayList<>(base);
        l.add(id);
        return l;
    }

    private ContainerPlan infraPlan(ContainerRow c, PodRow pod, Path data) throws IOException {
        Path rootfs = data.resolve("rootfs");
        Files.createDirectories(rootfs);
        List<String> created = ContainerTuning.infraNamespaces(pod.spec());
        volumes(pod).prepare(pod.spec(), c.name());
        List<RuntimeSpec.Mount> mounts = List.of(RuntimeSpec.Mount.bind(host.catatonit().toString(), "/catatonit", true));
        return new ContainerPlan(c.id(), List.of("/catatonit", "-P"), List.of("PATH=" + ProcessPlan.DEFAULT_PATH), "/", 0, 0,
                List.of(), rootfs.toString(), created.contains("uts") ? pod.spec().hostname() : null, Map.of(), created, mounts,
                annotations(c, pod), ContainerPlan.Security.DEFAULT, tuning().infra(pod.spec()));
    }

    private ContainerPlan appPlan(ContainerRow c, PodRow pod, Path data, Long infraPid) throws IOException {
        if (infraPid == null) {
            throw new RuntimeFailureException(c.name(), "the infra container of pod " + pod.name() + " is not running");
        }
        List<Path> lower = c.config().layerDirs().stream().map(Path::of).toList();
        Path rootfs = mounter(c).mount(c.name(), new RootfsMounter.Layout(data.resolve("overlay")), lower);
        ProcessPlan p = c.config().process();
        ContainerSpec spec = pod.spec().container(c.config().kubeName());
        SecurityContext sc = spec == null ? SecurityContext.NONE : spec.securityContext();
        Users.Resolved user = Users.resolve(sc.runAsUser() != null ? sc.runAsUser().toString() : p.user(),
                readLines(rootfs.resolve("etc/passwd")), readLines(rootfs.resolve("etc/group")));
        long uid = user.uid();
        long gid = sc.runAsGroup() != null ? sc.runAsGroup() : user.gid();
        if (sc.runAsNonRoot() && uid == 0) {
            throw new RuntimeFailureException(c.name(), "container " + c.config().kubeName() + " of pod " + pod.name()
                    + ": runAsNonRoot is set but the image runs as root (uid 0): set securityContext.runAsUser");
        }
        List<String> env = new ArrayList<>(p.env());
        if (env.stream().noneMatch(e -> e.startsWith("HOME="))) {
            env.add("HOME=" + user.home());
        }
        Map<String, String> joined = new LinkedHashMap<>();
        for (String type : ContainerTuning.infraNamespaces(pod.spec())) {
            joined.put(type, "/proc/" + infraPid + "/ns/" + (type.equals("network") ? "net" : type));
        }
        if (pod.spec().hostNetwork()) {
            String hostname = hostHostname();
            env.replaceAll(e -> e.startsWith("HOSTNAME=") ? "HOSTNAME=" + hostname : e);
        }
        Path files = podFiles(pod);
        List<RuntimeSpec.Mount> mounts = new ArrayList<>(List.of(
                RuntimeSpec.Mount.bind(files.resolve("hosts").toString(), "/etc/hosts", false),
                RuntimeSpec.Mount.bind(files.resolve("hostname").toString(), "/etc/hostname", false),
                RuntimeSpec.Mount.bind(files.resolve("resolv.conf").toString(), "/etc/resolv.conf", false)));
        if (spec != null) {
            volumes(pod).chownEmptyClaims(pod.spec(), spec, uid, gid, c.name());
            mounts.addAll(volumes(pod).mounts(pod.spec(), spec, c.name()));
        }
        ContainerTuning tuning = tuning();
        return new ContainerPlan(c.id(), p.args(), env, p.workingDir(), uid, gid, sc.supplementalGroups(), rootfs.toString(), null,
                joined, List.of(), mounts, annotations(c, pod), tuning.security(sc, c.name()),
                spec == null ? ContainerPlan.Tuning.NONE : tuning.app(pod.spec(), spec, c.name()));
    }

    private static Map<String, String> annotations(ContainerRow c, PodRow pod) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("io.jpod.pod.name", pod.name());
        a.put("io.jpod.container.name", c.name());
        a.put("io.kubernetes.cri-o.ContainerType", c.infra() ? "sandbox" : "container");
        return a;
    }

    private static List<String> readLines(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.readAllLines(p) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    static long readPid(Path p) {
        try {
            return Long.parseLong(Files.readString(p).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    static boolean isAlive(long pid) {
        return io.jpod.host.Processes.running(pid);
    }

    /** The exit code conmon recorded, if the container has exited. */
    Integer exitCode(String id) {
        Path f = host.paths().exits().resolve(id);
        try {
            return Files.exists(f) ? Integer.valueOf(Files.readString(f).trim()) : null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    /**
     * Stops {@code c} (already under its lock): its stop signal (lifecycle.stopSignal, else the
     * image's STOPSIGNAL, else SIGTERM), then SIGKILL
     * after {@code timeoutSeconds}; then releases its runtime state and mounts.
     */
    ContainerRow stopLocked(ContainerRow c, int timeoutSeconds) {
        ContainerRow current = state.container(c.id()).orElse(c);
        markStopRequested(current);
        markStopping(c.id(), true);
        if (isAlive(current.status().pid())) {
            runtime(c).kill(c.name(), c.id(), c.infra() ? "KILL" : stopSignal(c), false);
            if (!waitExit(current.status().pid(), timeoutSeconds * 1000L)) {
                runtime(c).kill(c.name(), c.id(), "KILL", true);
                waitExit(current.status().pid(), 10_000);
            }
        }
        waitExitFile(current);
        return finish(state.container(c.id()).orElse(current), true);
    }

    /** The signal that stops {@code c}, as runc kill takes it. */
    static String stopSignal(ContainerRow c) {
        String s = c.config().stopSignal();
        return s == null || s.isBlank() ? "TERM" : s;
    }

    /**
     * A file that tells bin/jpod that jpod itself is stopping this container, so that conmon's
     * exit command (a JVM start per container) can be skipped: the stopping command cleans up.
     */
    private void markStopping(String id, boolean stopping) {
        Path marker = runDir(id).resolve("stopping");
        try {
            if (stopping) {
                Files.createDirectories(runDir(id));
                Files.writeString(marker, "");
            } else {
                Files.deleteIfExists(marker);
            }
        } catch (IOException e) {
            // without the marker, conmon's exit command runs and finds nothing to do
        }
    }

    private void markStopRequested(ContainerRow c) {
        state.updateContainer(c.withStatus(c.status().withStopRequested()));
    }

    /** conmon writes the exit file just after the process dies; give it a moment. */
    private void waitExitFile(ContainerRow c) {
        long deadline = System.currentTimeMillis() + 2000;
        while (c.status().state() == ContainerState.RUNNING && exitCode(c.id()) == null && isAlive(c.status().conmonPid())
                && System.currentTimeMillis() < deadline) {
            sleep(10);
        }
    }

    /** Records the exit of {@code c} and releases its runtime state and mounts. Idempotent. */
    ContainerRow finish(ContainerRow c, boolean stopped) {
        ContainerRow done = c;
        if (c.status().state() == ContainerState.RUNNING) {
            Integer code = exitCode(c.id());
            done = c.withStatus(c.status().exited(code == null ? 137 : code, Instant.now(), stopped));
            state.updateContainer(done);
        }
        runtime(c).delete(c.name(), c.id(), true);
        if (!c.infra()) {
            mounter(c).unmount(c.name(), new RootfsMounter.Layout(dataDir(c.id()).resolve("overlay")));
        } else {
            PodNetwork.detach(runDir(c.id()));
        }
        return done;
    }

    /** Removes everything of a stopped container: runtime state, mounts, files, lock. The row is removed by the caller. */
    void destroyFiles(ContainerRow c) {
        runtime(c).delete(c.name(), c.id(), true);
        if (!c.infra()) {
            mounter(c).unmount(c.name(), new RootfsMounter.Layout(dataDir(c.id()).resolve("overlay")));
        } else {
            PodNetwork.detach(runDir(c.id()));
            new PodVolumes(dataDir(c.id()).resolve("userdata"), host.paths().volumes()).unmount(c.name()); // Memory volumes' tmpfs
        }
        deleteTree(dataDir(c.id()));
        deleteTree(runDir(c.id()));
        try {
            Files.deleteIfExists(host.paths().exits().resolve(c.id()));
        } catch (IOException e) {
            // nothing left to do
        }
        locks.forget(c.id());
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new StateException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean waitExit(long pid, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (isAlive(pid)) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            sleep(20);
        }
        return true;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes a file only its owner can read: a runtime spec holds the environment, Secrets' values included. */
    private static void writeOwnerOnly(Path file, String text) throws IOException {
        var mode = java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
        Files.deleteIfExists(file);
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(mode));
        Files.setPosixFilePermissions(file, mode); // whatever the umask
        Files.writeString(file, text);
    }
}
