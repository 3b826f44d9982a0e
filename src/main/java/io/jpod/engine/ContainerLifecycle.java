package io.jpod.engine;

import io.jpod.error.HostException;
import io.jpod.error.JpodException;
import io.jpod.error.RuntimeFailureException;
import io.jpod.error.StateException;
import io.jpod.events.Events;
import io.jpod.host.HostFacts;
import io.jpod.host.Processes;
import io.jpod.json.Json;
import io.jpod.network.PodNetwork;
import io.jpod.network.ResolvConf;
import io.jpod.oci.ContainerPlan;
import io.jpod.oci.RuntimeSpec;
import io.jpod.oci.SpecGenerator;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.Signal;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.ObjectWriter;

/**
 * Starts, stops, cleans up and removes one container, as a sequence of steps: gather the facts
 * (mount the rootfs, read its /etc/passwd, prepare the pod's volumes), plan ({@link ContainerPlanner},
 * pure), write the OCI spec, conmon create, runtime start; stop with the container's signal. Where
 * its files are is {@link ContainerPaths}. Every change of one container happens under its lock, so
 * jpod commands and conmon's exit command never trip over each other.
 */
final class ContainerLifecycle {
    private static final ObjectWriter JSON = Json.mapper().writerWithDefaultPrettyPrinter();

    private final HostFacts host;
    private final StateStore state;
    private final Locks locks;
    private final List<String> exitCommand;
    private final PodNetwork network;
    private final EventLog eventLog;
    private final Events events;
    private final long opened = System.nanoTime();

    ContainerLifecycle(HostFacts host, StateStore state, List<String> exitCommand, PodNetwork network, EventLog eventLog,
            Events events) {
        this.host = host;
        this.events = events;
        this.state = state;
        this.locks = new Locks(host.paths().locks());
        this.exitCommand = exitCommand;
        this.network = network;
        this.eventLog = eventLog;
    }

    PodNetwork network() {
        return network;
    }

    /** Why resource limits are not enforced here, or null (root creates each container's cgroup). */
    String resourcesNotEnforced() {
        return host.resourcesNotEnforced();
    }

    HostFacts.StorageDriver storageDriver() {
        return host.storage();
    }

    /** The mounter of a container: the driver it was created with, whatever this command's default. */
    private RootfsMounter mounter(ContainerRow c) {
        return new RootfsMounter(storageDriver(c));
    }

    /** The storage driver a container's root was assembled with (rows older than the record: this command's). */
    HostFacts.StorageDriver storageDriver(ContainerRow c) {
        String storage = c.config().storage();
        return storage == null ? host.storage() : HostFacts.StorageDriver.parse(storage);
    }

    /** The cgroup a container of this host gets ({@code /jpod/<id>}, as root), or null: rootless jpod creates none. */
    String cgroup(ContainerRow c) {
        String parent = cgroupParent();
        return parent == null ? null : parent + "/" + c.id();
    }

    /** Where containers' own cgroups are made ({@code /jpod}, as root), or null: rootless jpod makes none. */
    String cgroupParent() {
        return host.rootless() ? null : io.jpod.oci.SpecGenerator.CGROUP_PARENT;
    }

    /**
     * Whether the OOM killer killed a process of the container's cgroup in its last run: conmon's oom file (conmon
     * watches the cgroup and the file outlives it), else the cgroup's own count while it exists; null when the
     * container has no cgroup of its own (rootless), so that nothing counts its OOM kills.
     */
    Boolean oomKilled(ContainerRow c) {
        String cgroup = cgroup(c);
        if (cgroup == null) {
            return null;
        }
        if (Files.exists(paths(c.id()).oomFile())) {
            return true;
        }
        try {
            Path counter = host.cgroups().get().oomCounter(cgroup);
            return Files.isReadable(counter) && io.jpod.host.Cgroups.oomKills(Files.readString(counter)) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** The OCI runtime of a container: the one it was created with, whatever this command's default. */
    OciRuntimeCli runtime(ContainerRow c) {
        String path = c.config().runtime();
        return new OciRuntimeCli(path == null ? host.runtime().path() : Path.of(path), host.paths().runtimeRoot());
    }

    String runtimePath() {
        return host.runtime().path().toString();
    }

    /** Where container {@code id}'s files are. */
    ContainerPaths paths(String id) {
        return ContainerPaths.of(host.paths(), id);
    }

    /** The pod's volumes on the host, kept with its infra container (as its shared /etc files are). */
    PodVolumes volumes(PodRow pod) {
        return new PodVolumes(paths(pod.infraId()).userdata(), host.paths().volumes());
    }

    Locks.Held lock(String id) {
        return locks.lock(id);
    }

    /** Writes the pod's /etc/hosts, /etc/hostname and /etc/resolv.conf ({@link PodEtcFiles}). */
    void writePodFiles(PodRow pod) {
        ContainerPaths infra = paths(pod.infraId());
        try {
            Files.createDirectories(infra.userdata());
            writePodHosts(pod, null);
            Files.writeString(infra.etcHostname(), PodEtcFiles.hostname(pod.spec(), hostHostname()) + "\n");
            Files.writeString(infra.resolvConf(), PodEtcFiles.resolvConf(pod.spec(),
                    ResolvConf.forPod(FileOps.readIfReadable(Path.of("/etc/resolv.conf")), pod.spec().network(),
                            network.gateway(pod.spec()))));
        } catch (IOException e) {
            throw new StateException("cannot write the files of pod " + pod.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the pod's /etc/hosts, with its address on the shared network when it has one ({@code ip}: known once its
     * infra container runs, when the file is written again), else without.
     */
    private void writePodHosts(PodRow pod, String ip) {
        try {
            Files.writeString(paths(pod.infraId()).etcHosts(), PodEtcFiles.hosts(pod.spec(), FileOps.readIfReadable(Path.of("/etc/hosts")), ip,
                    network.hostAddress(pod.spec())));
        } catch (IOException e) {
            throw new StateException("cannot write the files of pod " + pod.name() + ": " + e.getMessage(), e);
        }
    }

    /** The host's hostname (jpod shares the host's UTS namespace). */
    private static String hostHostname() throws IOException {
        return FileOps.readIfReadable(Path.of("/proc/sys/kernel/hostname")).trim();
    }

    private ContainerTuning tuning() {
        return new ContainerTuning(host.paths().dataDir().resolve("seccomp"), host.hardLimits().get(), host.rootless());
    }

    /** Creates and starts {@code c} (already under its lock; an infra container with its network); returns the updated row. */
    ContainerRow startLocked(ContainerRow c, PodRow pod, Long infraPid) {
        if (!c.infra()) {
            return startLocked(c, pod, infraPid, NetworkGate.OPEN);
        }
        boolean wasRunning = running(c);
        ContainerRow started = startLocked(c, pod, null, NetworkGate.OPEN);
        if (!wasRunning) {
            attachNetwork(started, pod);
        }
        return started;
    }

    /** Whether {@code c} runs now, as its row and its process say. */
    boolean running(ContainerRow c) {
        ContainerRow current = state.container(c.id()).orElse(c);
        return current.status().state() == ContainerState.RUNNING && Processes.running(current.status().pid());
    }

    /**
     * Creates and starts {@code c} (already under its lock), its process started only once {@code network} is open (an
     * app container made while its infra's network is attached; the infra container's own network is not attached
     * here: {@link #attachNetwork}); returns the updated row. On failure, the gate's too, nothing of it is left.
     */
    ContainerRow startLocked(ContainerRow c, PodRow pod, Long infraPid, NetworkGate network) {
        ContainerRow current = state.container(c.id()).orElse(c);
        if (current.status().state() == ContainerState.RUNNING && Processes.running(current.status().pid())) {
            return current;
        }
        PhaseTimer timer = PhaseTimer.start(opened);
        ContainerPaths files = paths(c.id());
        runtime(c).delete(c.name(), c.id(), true);
        markStopping(files, false);
        try {
            Files.createDirectories(files.bundle());
            Files.createDirectories(files.run());
            ContainerPlan plan = c.infra() ? infraPlan(c, pod, files) : appPlan(c, pod, files, infraPid);
            FileOps.writeOwnerOnly(files.config(), JSON.writeValueAsString(SpecGenerator.generate(plan, host.rootless())));
            timer.mark("prepared");
        } catch (JpodException e) {
            unmountRootfs(c, files);
            throw e;
        } catch (IOException e) {
            throw new RuntimeFailureException(c.name(), "cannot prepare container " + c.name() + ": " + e.getMessage(), e);
        }
        Conmon.ContainerFiles conmonFiles = files.conmonFiles(host.paths().sockets(),
                exitCommand.isEmpty() ? List.of() : withArgs(exitCommand, c.id()));
        long pid;
        try {
            pid = new Conmon(host.conmon(), runtime(c)).create(c.id(), c.name(), conmonFiles, Map.of());
            timer.mark("created");
            if (network != NetworkGate.OPEN) {
                network.await();
                timer.mark("network waited");
            }
            runtime(c).start(c.name(), c.id(), pid);
            timer.mark("started");
        } catch (RuntimeException e) {
            runtime(c).delete(c.name(), c.id(), true);
            unmountRootfs(c, files);
            throw e;
        }
        long conmonPid = FileOps.readPid(conmonFiles.conmonPidFile());
        ContainerRow started = current.withStatus(current.status().started(pid, conmonPid, Instant.now()));
        state.updateContainer(started);
        eventLog.container(started, "start");
        timer.mark("recorded");
        events.debug("container " + c.name() + ": " + timer);
        return started;
    }

    /**
     * Connects the pod's network namespace (held by its infra container, just started, under its lock); on failure the
     * infra is stopped.
     */
    void attachNetwork(ContainerRow infra, PodRow pod) {
        PhaseTimer timer = PhaseTimer.start(opened);
        ContainerPaths files = paths(infra.id());
        try {
            network.attach(new PodNetwork.Attachment(pod.id(), pod.spec(), infra.status().pid(), infra.id(), files.run(), files.netSocket()))
                    .ifPresent(ip -> writePodHosts(pod, ip));
            timer.mark("network attached");
            events.debug("container " + infra.name() + ": " + timer);
        } catch (JpodException e) {
            markStopping(files, true);
            runtime(infra).kill(infra.name(), infra.id(), "KILL", false);
            Processes.waitExit(infra.status().pid(), 10_000);
            finish(infra, true);
            throw e;
        }
    }

    private static List<String> withArgs(List<String> base, String id) {
        List<String> l = new ArrayList<>(base);
        l.add(id);
        return l;
    }

    /** The infra container: its empty root made and the pod's volumes prepared, then planned. */
    private ContainerPlan infraPlan(ContainerRow c, PodRow pod, ContainerPaths files) throws IOException {
        Files.createDirectories(files.infraRootfs());
        volumes(pod).prepare(pod.spec(), c.name());
        return new ContainerPlanner(host.catatonit(), tuning()).infra(c, pod, files.infraRootfs());
    }

    /**
     * An app container: its rootfs mounted and its users read, its user's empty claims given to it,
     * its volumes' mounts and seccomp profile read; then planned.
     */
    private ContainerPlan appPlan(ContainerRow c, PodRow pod, ContainerPaths files, Long infraPid) throws IOException {
        if (infraPid == null) {
            throw new RuntimeFailureException(c.name(), "the infra container of pod " + pod.name() + " is not running");
        }
        List<Path> lower = c.config().layerDirs().stream().map(Path::of).toList();
        Path rootfs = mounter(c).mount(c.name(), files.overlay(), lower);
        List<String> passwd = FileOps.readLines(rootfs.resolve("etc/passwd"));
        List<String> group = FileOps.readLines(rootfs.resolve("etc/group"));
        ContainerPlanner.RunAs user = ContainerPlanner.user(c, pod, passwd, group);
        String hostname = pod.spec().hostNetwork() ? hostHostname() : null;
        ContainerSpec spec = ContainerPlanner.spec(c, pod);
        List<RuntimeSpec.Mount> volumeMounts = List.of();
        if (spec != null) {
            volumes(pod).chownEmptyClaims(pod.spec(), spec, user.uid(), user.gid(), c.name());
            volumeMounts = volumes(pod).mounts(pod.spec(), spec, c.name());
        }
        ContainerTuning tuning = tuning();
        String seccomp = tuning.seccomp(ContainerPlanner.securityContext(c, pod).seccomp(), c.name());
        return new ContainerPlanner(host.catatonit(), tuning).app(c, pod, new ContainerPlanner.AppFacts(rootfs, passwd, group,
                infraPid, hostname, paths(pod.infraId()), volumeMounts, seccomp));
    }

    /** An app container's rootfs, mounted (a no-op while it runs); the caller holds the container's lock. */
    Path mountRootfs(ContainerRow c) {
        return mounter(c).mount(c.name(), paths(c.id()).overlay(), c.config().layerDirs().stream().map(Path::of).toList());
    }

    /** Unmounts an app container's rootfs once it no longer runs; the caller holds the container's lock. */
    void unmountRootfs(ContainerRow c) {
        unmountRootfs(c, paths(c.id()));
    }

    /** Unmounts an app container's rootfs (an infra container has none). */
    private void unmountRootfs(ContainerRow c, ContainerPaths files) {
        if (!c.infra()) {
            mounter(c).unmount(c.name(), files.overlay());
        }
    }

    /** The exit code conmon recorded, if the container has exited. */
    Integer exitCode(String id) {
        return FileOps.readInt(paths(id).exit());
    }

    /**
     * Stops {@code c} (already under its lock): its stop signal (lifecycle.stopSignal, else the
     * image's STOPSIGNAL, else SIGTERM), then SIGKILL
     * after {@code timeoutSeconds}; then releases its runtime state and mounts.
     */
    ContainerRow stopLocked(ContainerRow c, int timeoutSeconds) {
        ContainerRow current = state.container(c.id()).orElse(c);
        markStopRequested(current);
        markStopping(paths(c.id()), true);
        terminate(c, current, timeoutSeconds);
        waitExitFile(current);
        ContainerRow stopped = finish(state.container(c.id()).orElse(current), true);
        if (current.status().state() == ContainerState.RUNNING) {
            eventLog.container(stopped, "stop");
        }
        return stopped;
    }

    /**
     * Ends {@code c} (already under its lock) as a kubelet kills a container that failed its liveness or
     * startup probe: its stop signal, SIGKILL after {@code graceSeconds}; the exit is then handled as any
     * exit (conmon's exit command records it, and the restart policy applies).
     */
    void killLocked(ContainerRow c, long graceSeconds) {
        terminate(c, state.container(c.id()).orElse(c), graceSeconds);
    }

    /**
     * Sends {@code signal} to {@code c}'s init process (already under its lock), as {@code jpod kill}: an exit it
     * causes is handled as any exit (conmon's exit command records it, and the restart policy applies).
     */
    void signalLocked(ContainerRow c, Signal signal) {
        runtime(c).kill(c.name(), c.id(), Integer.toString(signal.number()), false);
    }

    /**
     * Freezes {@code c}'s processes (already under its lock) with the runtime's pause, which needs the cgroup freezer
     * and a cgroup of the container's own: rootless jpod gives it none, and is refused with the reason.
     */
    void pauseLocked(ContainerRow c) {
        if (cgroup(c) == null) {
            throw new HostException("cannot pause container " + c.name() + ": the cgroup freezer needs a cgroup of the container's own, and "
                    + Objects.requireNonNullElse(resourcesNotEnforced(), "jpod makes none here"), null);
        }
        runtime(c).pause(c.name(), c.id());
        mark(paths(c.id()).paused(), true);
        eventLog.container(c, "pause");
    }

    /** Thaws {@code c}'s processes (already under its lock), frozen by {@link #pauseLocked}. */
    void unpauseLocked(ContainerRow c) {
        runtime(c).resume(c.name(), c.id());
        mark(paths(c.id()).paused(), false);
        eventLog.container(c, "unpause");
    }

    /** Whether container {@code id} was paused (its processes frozen, if it still runs). */
    boolean paused(String id) {
        return Files.exists(paths(id).paused());
    }

    /**
     * The stop signal, then SIGKILL when the grace period ends. When the kernel would discard the signal
     * (the container's PID 1 has no handler for it) SIGKILL goes at once, as the kubelet's would at the
     * end of a grace period in which nothing can happen. A paused container is thawed first (a frozen
     * process takes no signal), as podman stops a paused container.
     */
    private void terminate(ContainerRow c, ContainerRow current, long graceSeconds) {
        if (paused(c.id())) {
            try {
                runtime(c).resume(c.name(), c.id());
            } catch (JpodException e) {
                // it may have ended meanwhile: the stop goes on
            }
            mark(paths(c.id()).paused(), false);
        }
        long pid = current.status().pid();
        if (Processes.running(pid)) {
            String signal = c.infra() ? "KILL" : stopSignal(c);
            if (!"KILL".equals(signal) && Processes.discards(pid, signalNumber(signal))) {
                signal = "KILL";
            }
            runtime(c).kill(c.name(), c.id(), signal, false);
            if (!Processes.waitExit(pid, "KILL".equals(signal) ? 10_000 : graceSeconds * 1000L)) {
                runtime(c).kill(c.name(), c.id(), "KILL", true);
                Processes.waitExit(pid, 10_000);
            }
        }
    }

    private static int signalNumber(String signal) {
        try {
            return Signal.parse(signal).number();
        } catch (RuntimeException e) {
            return 0;
        }
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
    private static void markStopping(ContainerPaths files, boolean stopping) {
        mark(files.stopping(), stopping); // without the marker, conmon's exit command runs and finds nothing to do
    }

    /** Creates or removes the empty marker file {@code marker} (in a container's run directory), quietly. */
    private static void mark(Path marker, boolean present) {
        try {
            if (present) {
                Files.createDirectories(marker.getParent());
                Files.writeString(marker, "");
            } else {
                Files.deleteIfExists(marker);
            }
        } catch (IOException e) {
            // a marker left or missing is read again at the next change
        }
    }

    private void markStopRequested(ContainerRow c) {
        state.updateContainer(c.withStatus(c.status().withStopRequested()));
    }

    /** conmon writes the exit file just after the process dies; give it a moment. */
    private void waitExitFile(ContainerRow c) {
        long deadline = System.currentTimeMillis() + 2000;
        while (c.status().state() == ContainerState.RUNNING && exitCode(c.id()) == null && Processes.running(c.status().conmonPid())
                && System.currentTimeMillis() < deadline) {
            Processes.sleep(10);
        }
    }

    /** Records the exit of {@code c} and releases its runtime state and mounts. Idempotent. */
    ContainerRow finish(ContainerRow c, boolean stopped) {
        ContainerRow done = c;
        if (c.status().state() == ContainerState.RUNNING) {
            Integer code = exitCode(c.id());
            done = c.withStatus(c.status().exited(code == null ? 137 : code, Instant.now(), stopped));
            state.updateContainer(done);
            eventLog.died(done, done.status().exitCode());
        }
        release(c);
        return done;
    }

    /** Releases a container's runtime state and mounts; an infra container's network goes with it. */
    private void release(ContainerRow c) {
        ContainerPaths files = paths(c.id());
        runtime(c).delete(c.name(), c.id(), true);
        mark(files.paused(), false);
        unmountRootfs(c, files);
        if (c.infra()) {
            network.detach(files.run());
        }
    }

    /** Removes everything of a stopped container: runtime state, mounts, files, lock. The row is removed by the caller. */
    void destroyFiles(ContainerRow c) {
        ContainerPaths files = paths(c.id());
        release(c);
        if (c.infra()) {
            new PodVolumes(files.userdata(), host.paths().volumes()).unmount(c.name()); // Memory volumes' tmpfs
        }
        FileOps.deleteTree(files.data());
        FileOps.deleteTree(files.run());
        try {
            Files.deleteIfExists(files.exit());
        } catch (IOException e) {
            // nothing left to do
        }
        locks.forget(c.id());
    }
}
