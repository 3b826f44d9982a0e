package io.jpod.engine;

import io.jpod.error.ConflictException;
import io.jpod.error.HostException;
import io.jpod.error.InvalidInputException;
import io.jpod.error.JpodException;
import io.jpod.error.NotFoundException;
import io.jpod.error.RuntimeFailureException;
import io.jpod.host.HostFacts;
import io.jpod.host.Processes;
import io.jpod.image.registry.RegistryOptions;
import io.jpod.kubelet.PodStatus;
import io.jpod.network.PodNetwork;
import io.jpod.network.PortMapping;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.NetworkMode;
import io.jpod.pod.PodSpec;
import io.jpod.pod.PullPolicy;
import io.jpod.pod.ProcessPlan;
import io.jpod.pod.Signal;
import io.jpod.pod.VolumeMount;
import io.jpod.state.ContainerConfig;
import io.jpod.state.ContainerRow;
import io.jpod.state.ContainerState;
import io.jpod.state.ContainerStatus;
import io.jpod.state.PodRow;
import io.jpod.state.StateStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;

/** Pods and their containers: create from a pod model, start, stop, remove, clean up after exits. */
public final class PodService {
    private final StateStore state;
    private final ImageSource images;
    private final ContainerLifecycle life;
    private final Kubelet kubelet;
    private final EventLog eventLog;

    /** Why containers' resources are not enforced on this host, or null when they are. */
    String resourcesNotEnforced() {
        return life.resourcesNotEnforced();
    }

    PodService(StateStore state, ImageSource images, ContainerLifecycle life, Kubelet kubelet, EventLog eventLog) {
        this.state = state;
        this.images = images;
        this.life = life;
        this.kubelet = kubelet;
        this.eventLog = eventLog;
    }

    /**
     * A container as listed: its row, its pod's name, its state now, its labels (an app container
     * carries its pod's, as in podman), its pod's published ports, when it starts again if it
     * waits in its crash-loop back-off (else null), whether it is ready, the paths its volumes are
     * mounted at (its volumeMounts', in order) and the named networks it is on (the infra container's:
     * its pod's; the others join the infra's namespace, and podman lists none for them).
     */
    public record ContainerInfo(ContainerRow row, String podName, ContainerState current, Map<String, String> labels,
            List<PortMapping> ports, Instant restartAt, boolean ready, List<String> mounts, List<String> networks) {
        public ContainerInfo {
            labels = Map.copyOf(labels);
            ports = ports == null ? List.of() : List.copyOf(ports);
            mounts = mounts == null ? List.of() : List.copyOf(mounts);
            networks = networks == null ? List.of() : List.copyOf(networks);
        }

        /** A container whose pod publishes no ports, not waiting to restart, with no volumes and no named network. */
        public ContainerInfo(ContainerRow row, String podName, ContainerState current, Map<String, String> labels) {
            this(row, podName, current, labels, List.of(), null, current == ContainerState.RUNNING, List.of(), List.of());
        }

        /** The kubelet's reason for a container waiting to start: CrashLoopBackOff, or null. */
        public String waitingReason() {
            return restartAt != null ? "CrashLoopBackOff" : null;
        }
    }

    /**
     * A pod with its containers (infra first, then init containers, then app containers), podman's status
     * word, and its status as the kubelet computes it (phase, READY, restarts, kubectl's STATUS).
     */
    public record PodInfo(PodRow pod, List<ContainerInfo> containers, String status, PodStatus kube) {
        /** A pod whose kubelet status is computed from its containers. */
        public PodInfo(PodRow pod, List<ContainerInfo> containers, String status) {
            this(pod, containers, status, Kubelet.status(pod, containers));
        }

        /** The named networks the pod is on: its infra container's. */
        public List<String> networks() {
            return containers.stream().filter(c -> c.row().infra()).findFirst().map(ContainerInfo::networks).orElse(List.of());
        }
    }

    /** What one created pod is. */
    public record CreatedPod(String id, String name, List<String> containerIds) {
    }

    /** Creates {@code spec} as a pod (replacing one of the same name when {@code replace}), starting it when {@code start}. */
    public CreatedPod create(PodSpec spec, boolean replace, boolean start) {
        return create(spec, replace, start, new RegistryOptions(true, null, null));
    }

    /**
     * Creates {@code spec} as a pod, pulling its containers' images as their pull policies say
     * (from registries reached with {@code registry}).
     */
    public CreatedPod create(PodSpec spec, boolean replace, boolean start, RegistryOptions registry) {
        return create(spec, replace, start, registry, true);
    }

    /**
     * Creates {@code spec} as a pod; unless {@code mayPull}, its images are the local ones their
     * names give now, whatever the pull policies say (auto-update moves a pod to the image it has
     * put under the name).
     */
    CreatedPod create(PodSpec spec, boolean replace, boolean start, RegistryOptions registry, boolean mayPull) {
        // a pod replaced on a shared network: the network stays up between the old pod's leaving and the new one's joining
        try (PodNetwork.Hold hold = replace && start && state.podNamed(spec.name()).isPresent()
                ? life.network().hold(spec) : PodNetwork.Hold.NONE) {
            return createHeld(spec, replace, start, registry, mayPull);
        }
    }

    private CreatedPod createHeld(PodSpec spec, boolean replace, boolean start, RegistryOptions registry, boolean mayPull) {
        List<ImageSource.ResolvedImage> resolved = resolveImages(spec, registry, mayPull);
        List<ProcessPlan> plans = new ArrayList<>();
        for (int i = 0; i < resolved.size(); i++) {
            plans.add(ProcessPlan.of(spec, spec.allContainers().get(i), resolved.get(i).defaults()));
        }
        if (replace) {
            state.podNamed(spec.name()).ifPresent(p -> remove(p.id(), true));
        } else if (state.podNamed(spec.name()).isPresent()) {
            throw new ConflictException("pod", spec.name(), ConflictException.Reason.EXISTS, "pod " + spec.name() + " already exists");
        }
        if (PodNetwork.publishes(spec.network()) && start) {
            PodNetwork.checkFree(PortMapping.of(spec));
        }
        String podId = Ids.next();
        String infraId = Ids.next();
        Instant now = Instant.now();
        PodSpec placed = spec;
        if (spec.network() == NetworkMode.BRIDGE) { // its address on the shared network, kept while the pod exists
            Set<String> live = state.podIds();
            placed = spec.withPodIp(life.network().reserve(podId, spec.networkName(), live));
            plans.clear();
            for (int i = 0; i < resolved.size(); i++) {
                plans.add(ProcessPlan.of(placed, placed.allContainers().get(i), resolved.get(i).defaults()));
            }
        }
        PodRow pod = new PodRow(podId, spec.name(), now, placed, infraId);
        List<ContainerRow> rows = new ArrayList<>();
        rows.add(new ContainerRow(infraId, PodSpec.infraName(podId), podId, true, null, null, now,
                new ContainerConfig(null, new ProcessPlan(ContainerPlanner.INFRA_ARGS, List.of(), "/", null), List.of(), null,
                        life.runtimePath()),
                ContainerStatus.CREATED));
        for (int i = 0; i < spec.allContainers().size(); i++) {
            ContainerSpec c = spec.allContainers().get(i);
            ImageSource.ResolvedImage img = resolved.get(i);
            rows.add(new ContainerRow(Ids.next(), spec.containerName(c), podId, false, img.id(), img.name(), now.plusNanos(i + 1),
                    new ContainerConfig(c.name(), plans.get(i), img.layerDirs().stream().map(Path::toString).toList(),
                            life.storageDriver().label(), life.runtimePath(),
                            c.stopSignal() != null ? c.stopSignal() : img.defaults().stopSignal()),
                    ContainerStatus.CREATED));
        }
        state.addPod(pod, rows);
        eventLog.created(pod, rows);
        try {
            life.writePodFiles(pod);
            if (start) {
                startPod(pod);
            }
        } catch (JpodException e) {
            remove(podId, true);
            throw e;
        }
        if (start) {
            awaitInit(pod);
        }
        return new CreatedPod(podId, spec.name(), rows.stream().filter(r -> !r.infra()).map(ContainerRow::id).toList());
    }

    /** The image of each of the pod's containers (init containers first), pulled as its pull policy says. */
    List<ImageSource.ResolvedImage> resolveImages(PodSpec spec, RegistryOptions registry) {
        return resolveImages(spec, registry, true);
    }

    private List<ImageSource.ResolvedImage> resolveImages(PodSpec spec, RegistryOptions registry, boolean mayPull) {
        List<ImageSource.ResolvedImage> resolved = new ArrayList<>();
        for (ContainerSpec c : spec.allContainers()) {
            try {
                resolved.add(images.resolve(c.image(), mayPull ? c.effectivePullPolicy() : PullPolicy.NEVER, registry));
            } catch (JpodException e) {
                throw new RuntimeFailureException(spec.containerName(c),
                        "container " + c.name() + " of pod " + spec.name() + ": " + e.getMessage()
                        + (e instanceof HostException h && h.hint() != null ? " (" + h.hint() + ")" : ""), e);
            }
        }
        return resolved;
    }

    /** Starts the infra container, then (init containers first, each to completion) every container not running. */
    public PodInfo startPod(String nameOrId) {
        PodRow pod = state.findPod(nameOrId);
        startPod(pod);
        awaitInit(pod);
        return info(pod);
    }

    /**
     * Starts the infra container, then what the kubelet's order says: the first init container, else the app containers
     * together. An infra container just started has its network attached while those containers are made (mounted,
     * planned, created by the runtime); their processes start once it is attached, and are removed if it fails.
     */
    private void startPod(PodRow pod) {
        kubelet.warnIfWithoutLauncher();
        ContainerRow infra = infraOf(pod);
        Locks.Held infraLock = life.lock(infra.id());
        boolean wasRunning;
        ContainerRow started;
        try {
            wasRunning = life.running(infra);
            started = life.startLocked(infra, pod, null, NetworkGate.OPEN);
        } catch (RuntimeException e) {
            infraLock.close();
            throw e;
        }
        long infraPid = started.status().pid();
        if (wasRunning) {
            infraLock.close();
            kubelet.resetForStart(pod);
            kubelet.startNext(pod, infraPid, NetworkGate.OPEN);
        } else {
            NetworkGate gate = new NetworkGate();
            Parallel.alongside(() -> {
                try (infraLock) { // the infra's lock held while its network is attached, not while the apps start
                    life.attachNetwork(started, pod);
                    gate.open();
                } catch (RuntimeException e) {
                    gate.fail(e);
                    throw e;
                }
            }, () -> {
                kubelet.resetForStart(pod);
                kubelet.startNext(pod, infraPid, gate);
            });
        }
        eventLog.pod(pod, "start");
    }

    /**
     * Waits while the pod's init containers run (each exit's cleanup starts the next, then the app containers).
     * An init container that failed for good fails the pod; one waiting in back-off is reported, and left to the supervisor.
     */
    private void awaitInit(PodRow pod) {
        kubelet.awaitInit(pod, this::cleanup).ifPresent(held -> {
            if (held.failed()) {
                throw new RuntimeFailureException(held.container().name(), "pod " + pod.name() + " failed: init container "
                        + held.kubeName() + " exited with code " + held.container().status().exitCode());
            }
        });
    }

    private ContainerRow infraOf(PodRow pod) {
        return state.container(pod.infraId()).orElseThrow(
                () -> new RuntimeFailureException(pod.name(), "pod " + pod.name() + " has lost its infra container"));
    }

    private long startInfra(PodRow pod) {
        ContainerRow infra = infraOf(pod);
        try (Locks.Held l = life.lock(infra.id())) {
            return life.startLocked(infra, pod, null).status().pid();
        }
    }

    /** Stops every container of a pod, apps first, each given the pod's grace period. */
    public PodInfo stopPod(String nameOrId, Integer timeoutSeconds) {
        PodRow pod = state.findPod(nameOrId);
        stopPod(pod, timeoutSeconds);
        return info(pod);
    }

    private void stopPod(PodRow pod, Integer timeoutSeconds) {
        int timeout = timeoutSeconds != null ? timeoutSeconds : (int) pod.spec().stopTimeoutSeconds();
        List<ContainerRow> all = state.containersOf(pod.id());
        List<ContainerRow> apps = all.stream().filter(c -> !c.infra()).toList();
        apps.forEach(c -> kubelet.cancelRestart(c.id()));
        eachAtOnce(apps, c -> life.stopLocked(c, (int) Math.max(0, timeout - kubelet.preStop(pod, c, timeout))));
        eachAtOnce(all.stream().filter(ContainerRow::infra).toList(), c -> life.stopLocked(c, 0));
        eventLog.podStopped(pod, all);
    }

    /**
     * Runs {@code action} on each container at once, each under its lock: stops overlap their
     * grace periods, starts their runtime calls. The first failure is rethrown once all are done.
     */
    private void eachAtOnce(List<ContainerRow> containers, java.util.function.Consumer<ContainerRow> action) {
        Parallel.map(containers, c -> {
            try (Locks.Held l = life.lock(c.id())) {
                action.accept(c);
            }
            return c;
        });
    }

    public PodInfo restartPod(String nameOrId, Integer timeoutSeconds) {
        PodRow pod = state.findPod(nameOrId);
        stopPod(pod, timeoutSeconds);
        restarting(state.containersOf(pod.id()));
        startPod(pod);
        awaitInit(pod);
        return info(pod);
    }

    /** Stops a container (as {@link #stopContainer}) and starts it again (as {@link #startContainer}), as podman's restart. */
    public ContainerInfo restartContainer(String nameOrId, Integer timeoutSeconds) {
        ContainerRow c = state.findContainer(nameOrId);
        stopContainer(c.id(), timeoutSeconds);
        restarting(state.container(c.id()).stream().toList());
        return startContainer(c.id());
    }

    /** Records that the user restarts {@code containers}, stopped: their stop is no longer one that holds them down. */
    private void restarting(List<ContainerRow> containers) {
        eventLog.containers(containers, "restart");
        for (ContainerRow c : containers) {
            state.updateContainer(c.withStatus(c.status().restarting(c.status().restartCount())));
        }
    }

    /**
     * Sends {@code signal} to a running container's main process, as podman's kill; a container not running is an
     * error. The exit it may cause is handled as any exit: conmon's exit command records it and the pod's
     * restartPolicy applies.
     */
    public ContainerRow killContainer(String nameOrId, Signal signal) {
        ContainerRow c = state.findContainer(nameOrId);
        try (Locks.Held l = life.lock(c.id())) {
            ContainerInfo now = containerInfo(state.container(c.id()).orElse(c));
            if (!now.current().live()) {
                throw new ConflictException(c.name(), "can only kill running containers. " + c.id() + " is in state "
                        + now.current().label() + ": container state improper");
            }
            life.signalLocked(now.row(), signal);
        }
        eventLog.container(c, "kill", Map.of("signal", signal.name()));
        return c;
    }

    /**
     * Sends {@code signal} to every running container of a pod, as podman's pod kill: the infra container first, so
     * that the exits the signal causes find the pod down and restart nothing; a pod with nothing running is no error.
     */
    public PodRow killPod(String nameOrId, Signal signal) {
        PodRow pod = state.findPod(nameOrId);
        List<ContainerRow> order = state.containersOf(pod.id()).stream()
                .sorted(Comparator.comparing((ContainerRow c) -> !c.infra())).toList();
        JpodException failed = null;
        for (ContainerRow c : order) {
            try (Locks.Held l = life.lock(c.id())) {
                ContainerRow now = state.container(c.id()).orElse(c);
                if (now.status().state() != ContainerState.RUNNING || !Processes.running(now.status().pid())) {
                    continue;
                }
                life.signalLocked(now, signal);
                eventLog.container(now, "kill", Map.of("signal", signal.name()));
            } catch (JpodException e) {
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            throw failed;
        }
        return pod;
    }

    /** Freezes a running container's processes, as podman's pause; refused where the cgroup freezer is out of reach. */
    public ContainerRow pauseContainer(String nameOrId) {
        ContainerRow c = state.findContainer(nameOrId);
        try (Locks.Held l = life.lock(c.id())) {
            ContainerInfo now = containerInfo(state.container(c.id()).orElse(c));
            if (now.current() != ContainerState.RUNNING) {
                throw new ConflictException(c.name(), now.current() == ContainerState.PAUSED
                        ? "container " + c.name() + " is already paused: container state improper"
                        : "\"" + c.name() + "\" is not running, can't pause: container state improper");
            }
            life.pauseLocked(now.row());
        }
        return c;
    }

    /** Thaws a paused container, as podman's unpause. */
    public ContainerRow unpauseContainer(String nameOrId) {
        ContainerRow c = state.findContainer(nameOrId);
        try (Locks.Held l = life.lock(c.id())) {
            ContainerInfo now = containerInfo(state.container(c.id()).orElse(c));
            if (now.current() != ContainerState.PAUSED) {
                throw new ConflictException(c.name(), "\"" + c.name() + "\" is not paused, can't unpause: container state improper");
            }
            life.unpauseLocked(now.row());
        }
        return c;
    }

    /** Pauses every running container of a pod, its infra container too, as podman's pod pause. */
    public PodRow pausePod(String nameOrId) {
        return eachOfPod(nameOrId, ContainerState.RUNNING, life::pauseLocked, "pause");
    }

    /** Unpauses every paused container of a pod, as podman's pod unpause. */
    public PodRow unpausePod(String nameOrId) {
        return eachOfPod(nameOrId, ContainerState.PAUSED, life::unpauseLocked, "unpause");
    }

    private PodRow eachOfPod(String nameOrId, ContainerState in, java.util.function.Consumer<ContainerRow> action, String event) {
        PodRow pod = state.findPod(nameOrId);
        for (ContainerRow c : state.containersOf(pod.id())) {
            try (Locks.Held l = life.lock(c.id())) {
                ContainerInfo now = containerInfo(state.container(c.id()).orElse(c));
                if (now.current() == in) {
                    action.accept(now.row());
                }
            }
        }
        eventLog.pod(pod, event);
        return pod;
    }

    /**
     * Gives a container another name, as podman's rename: any state, an infra container refused, a name in use (by a
     * container or a pod) refused. Its name in the pod (what the YAML calls it) stays.
     */
    public ContainerRow renameContainer(String nameOrId, String newName) {
        ContainerRow c = state.findContainer(nameOrId);
        if (!newName.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
            throw new InvalidInputException(null, "names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*: invalid argument");
        }
        if (c.infra()) {
            throw new ConflictException(c.name(), "infra containers cannot be renamed: invalid argument");
        }
        if (!c.name().equals(newName)) {
            state.renameContainer(c.id(), newName);
            eventLog.container(state.container(c.id()).orElse(c), "rename");
        }
        return c;
    }

    /**
     * Waits until a container is in one of {@code states}, looking every {@code interval}, as podman's wait: for
     * {@code stopped} or {@code exited} until it has ended, giving its exit code; for another state, -1 once it is in it.
     */
    public int waitFor(String nameOrId, Set<ContainerState> states, java.time.Duration interval) {
        ContainerRow c = state.findContainer(nameOrId);
        boolean forExit = states.contains(ContainerState.EXITED) || states.contains(ContainerState.STOPPED);
        while (true) {
            ContainerRow row = state.container(c.id()).orElseThrow(() -> new NotFoundException("container", nameOrId,
                    "container " + c.name() + " was removed while waited for: no such container"));
            ContainerState now = containerInfo(row).current();
            if (forExit && (now == ContainerState.EXITED || now == ContainerState.STOPPED)) {
                // an exit not yet recorded by conmon's exit command is in its exit file
                Integer code = row.status().state() == ContainerState.RUNNING ? life.exitCode(c.id()) : row.status().exitCode();
                if (code != null || row.status().state() != ContainerState.RUNNING) {
                    return code == null ? -1 : code;
                }
            } else if (states.contains(now)) {
                return -1;
            }
            Processes.sleep(Math.max(1, interval.toMillis()));
        }
    }

    /** Whether a container of that name, id or unique id prefix exists (an ambiguous prefix is an error). */
    public boolean containerExists(String nameOrId) {
        try {
            state.findContainer(nameOrId);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Whether a pod of that name, id or unique id prefix exists (an ambiguous prefix is an error). */
    public boolean podExists(String nameOrId) {
        try {
            state.findPod(nameOrId);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Removes a pod: running containers are refused unless {@code force}, which stops them first. */
    public PodRow removePod(String nameOrId, boolean force) {
        return removePod(nameOrId, force, null);
    }

    /** As {@link #removePod(String, boolean)}, the running containers stopped with {@code timeoutSeconds} (null: the pod's own). */
    public PodRow removePod(String nameOrId, boolean force, Integer timeoutSeconds) {
        PodRow pod = state.findPod(nameOrId);
        if (!force && info(pod).containers().stream().anyMatch(c -> !c.row().infra() && c.current().live())) {
            throw new ConflictException("pod", pod.name(), ConflictException.Reason.RUNNING, "pod " + pod.name() + " has running containers");
        }
        remove(pod.id(), true, timeoutSeconds);
        return pod;
    }

    private void remove(String podId, boolean stop) {
        remove(podId, stop, null);
    }

    private void remove(String podId, boolean stop, Integer timeoutSeconds) {
        PodRow pod = state.podById(podId).orElse(null);
        if (pod == null) {
            return;
        }
        if (stop) {
            stopPod(pod, timeoutSeconds);
        }
        for (ContainerRow c : state.containersOf(podId)) {
            try (Locks.Held l = life.lock(c.id())) {
                life.destroyFiles(c);
            }
        }
        eventLog.removed(pod, state.containersOf(podId));
        state.removePod(podId);
        if (pod.spec().network() == NetworkMode.BRIDGE) {
            life.network().release(podId, pod.spec().networkName());
        }
    }

    /** Starts one container (its pod's infra first, if needed). */
    public ContainerInfo startContainer(String nameOrId) {
        ContainerRow c = state.findContainer(nameOrId);
        PodRow pod = podOf(c);
        if (c.infra()) {
            startInfra(pod);
        } else {
            long infraPid = startInfra(pod);
            try (Locks.Held l = life.lock(c.id())) {
                life.startLocked(c, pod, infraPid);
            }
        }
        return containerInfo(state.container(c.id()).orElse(c));
    }

    public ContainerInfo stopContainer(String nameOrId, Integer timeoutSeconds) {
        ContainerRow c = state.findContainer(nameOrId);
        PodRow pod = podOf(c);
        int timeout = timeoutSeconds != null ? timeoutSeconds : (int) pod.spec().stopTimeoutSeconds();
        kubelet.cancelRestart(c.id());
        try (Locks.Held l = life.lock(c.id())) {
            long spent = kubelet.preStop(pod, state.container(c.id()).orElse(c), timeout);
            return containerInfo(life.stopLocked(c, (int) Math.max(0, timeout - spent)));
        }
    }

    /** Removes one app container from its pod (the infra container goes with its pod). */
    public ContainerRow removeContainer(String nameOrId, boolean force) {
        return removeContainer(nameOrId, force, null);
    }

    /** As {@link #removeContainer(String, boolean)}, a running container stopped with {@code timeoutSeconds} (null: its own). */
    public ContainerRow removeContainer(String nameOrId, boolean force, Integer timeoutSeconds) {
        ContainerRow c = state.findContainer(nameOrId);
        if (c.infra()) {
            throw new ConflictException(c.name(), "container " + c.name() + " is the infra container of its pod: remove the pod instead");
        }
        if (containerInfo(c).current().live()) {
            if (!force) {
                throw new ConflictException(c.name(), "cannot remove container " + c.id()
                        + " as it is running - running or paused containers cannot be removed without force");
            }
            stopContainer(c.id(), timeoutSeconds);
        }
        try (Locks.Held l = life.lock(c.id())) {
            life.destroyFiles(c);
            state.removeContainer(c.id());
        }
        eventLog.container(c, "remove");
        return c;
    }

    /**
     * conmon's exit command: records the exit, releases the container's runtime state and mounts,
     * then lets the kubelet go on: the next init container or the app containers start, or this one
     * starts again now or after its back-off, as the restartPolicy says. Only the first cleanup of an
     * exit goes on (conmon's, or a command that found the exit unrecorded).
     */
    public void cleanup(String id) {
        ContainerRow exited;
        try (Locks.Held l = life.lock(id)) {
            Optional<ContainerRow> row = state.container(id);
            if (row.isEmpty()) {
                return;
            }
            ContainerRow c = row.get();
            boolean running = c.status().state() == ContainerState.RUNNING;
            if (running && Processes.running(c.status().pid())) {
                return;
            }
            exited = life.finish(c, false);
            if (!running) {
                return;
            }
        }
        kubelet.afterExit(exited, podOf(exited));
    }

    /** The pod a container belongs to. */
    public PodRow podOfContainer(ContainerRow c) {
        return podOf(c);
    }

    private PodRow podOf(ContainerRow c) {
        return state.podById(c.podId())
                .orElseThrow(() -> new RuntimeFailureException(c.name(), "container " + c.name() + " has lost its pod"));
    }

    public List<PodInfo> pods() {
        Kubelet.Watch watch = kubelet.watch();
        List<PodRow> all = state.pods();
        List<PodInfo> out = all.stream().map(p -> info(p, watch)).toList();
        kubelet.superviseIfNeeded(watch, out.stream().flatMap(p -> p.containers().stream()).toList(), all);
        return out;
    }

    public PodInfo pod(String nameOrId) {
        return info(state.findPod(nameOrId));
    }

    public List<ContainerInfo> containers() {
        List<PodRow> pods = state.pods();
        Kubelet.Watch watch = kubelet.watch();
        List<ContainerInfo> out = state.containers().stream().map(c -> containerInfo(c, pods, watch)).toList();
        kubelet.superviseIfNeeded(watch, out, pods);
        return out;
    }

    public ContainerInfo container(String nameOrId) {
        return containerInfo(state.findContainer(nameOrId));
    }

    private ContainerInfo containerInfo(ContainerRow c) {
        return containerInfo(c, state.podById(c.podId()).stream().toList(), kubelet.watch());
    }

    private ContainerInfo containerInfo(ContainerRow c, List<PodRow> pods, Kubelet.Watch watch) {
        PodRow pod = pods.stream().filter(p -> p.id().equals(c.podId())).findFirst().orElse(null);
        ContainerState now = c.status().state();
        if (now == ContainerState.RUNNING) {
            now = !Processes.running(c.status().pid()) ? ContainerState.EXITED
                    : life.paused(c.id()) ? ContainerState.PAUSED : ContainerState.RUNNING;
        }
        Map<String, String> labels = c.infra() || pod == null ? Map.of() : pod.spec().labels();
        // the pod's ports are every container's: they share the infra container's network namespace
        List<PortMapping> ports = pod == null || !PodNetwork.publishes(pod.spec().network()) ? List.of() : PortMapping.of(pod.spec());
        ContainerSpec spec = pod == null || c.infra() ? null : pod.spec().container(c.config().kubeName());
        List<String> mounts = spec == null ? List.of() : spec.volumeMounts().stream().map(VolumeMount::mountPath).toList();
        List<String> networks = pod == null || !c.infra() ? List.of() : PodNetwork.names(pod.spec());
        return new ContainerInfo(c, pod == null ? "" : pod.name(), now, labels, ports, watch.waiting().get(c.id()),
                now == ContainerState.RUNNING && (pod == null || watch.ready(pod, c)), mounts, networks);
    }

    /**
     * What {@code inspect} shows of a container beyond its listing.
     *
     * @param storageDriver how its root was assembled: overlay, fuse-overlay or copy
     * @param oomKilled     whether the OOM killer killed a process of its cgroup in its last run; null when it has no
     *                      cgroup of its own (rootless), so that nothing counts
     * @param cgroup        its cgroup ({@code /jpod/<id>}, as root), or null (rootless: none of its own)
     */
    public record ContainerDetails(HostFacts.StorageDriver storageDriver, Boolean oomKilled, String cgroup) {
    }

    public ContainerDetails details(ContainerRow c) {
        return new ContainerDetails(life.storageDriver(c), life.oomKilled(c), life.cgroup(c));
    }

    /** Where the containers' own cgroups are made ({@code /jpod}, as root), or null: rootless jpod makes none. */
    public String cgroupParent() {
        return life.cgroupParent();
    }

    private PodInfo info(PodRow pod) {
        return info(pod, kubelet.watch());
    }

    private PodInfo info(PodRow pod, Kubelet.Watch watch) {
        List<PodRow> pods = List.of(pod);
        List<ContainerInfo> cs = state.containersOf(pod.id()).stream().map(c -> containerInfo(c, pods, watch))
                .sorted(Comparator.comparing((ContainerInfo c) -> !c.row().infra()).thenComparing(c -> c.row().created()))
                .toList();
        return new PodInfo(pod, cs, status(cs));
    }

    /**
     * podman's pod status, counting the infra container as podman does: Running (all running),
     * Degraded (some), Created (none started yet) or Exited.
     */
    static String status(List<ContainerInfo> cs) {
        long running = cs.stream().filter(c -> c.current() == ContainerState.RUNNING).count();
        if (cs.isEmpty() || cs.stream().allMatch(c -> c.current() == ContainerState.CREATED)) {
            return "Created";
        }
        if (running == cs.size()) {
            return "Running";
        }
        if (running > 0) {
            return "Degraded";
        }
        return cs.stream().allMatch(c -> c.current() == ContainerState.PAUSED) ? "Paused" : "Exited";
    }

    /**
     * Runs a process in a running container, with the caller's stdin (when interactive) and stdout;
     * its stderr goes to {@code err} so that the runtime's own failure can be told apart.
     */
    public ExecResult exec(String nameOrId, ExecRequest req, java.io.OutputStream err) {
        ContainerInfo c = container(nameOrId);
        if (c.current() != ContainerState.RUNNING) {
            throw new ConflictException(c.row().name(), "can only create exec sessions on running containers: container "
                    + c.row().name() + " is " + c.current().label());
        }
        eventLog.container(c.row(), "exec");
        return new ExecSession(life.runtime(c.row())).run(c.row(), req, err);
    }

    /** Log file of a container. */
    public Path logFile(ContainerRow c) {
        return life.paths(c.id()).log();
    }

    ContainerLifecycle lifecycle() {
        return life;
    }

    Kubelet kubelet() {
        return kubelet;
    }

    StateStore state() {
        return state;
    }

    /**
     * Removes, as {@code podman rmi --force} does before removing an image, every container that
     * uses image {@code imageId}: app containers are stopped and removed from their pods, an infra
     * container takes its whole pod with it. Returns the removed containers.
     */
    public List<ContainerRow> removeContainersUsing(String imageId) {
        List<ContainerRow> removed = new ArrayList<>();
        for (ContainerRow c : state.containers()) {
            if (!imageId.equals(c.imageId())) {
                continue;
            }
            if (c.infra()) {
                removed.addAll(state.containersOf(c.podId()));
                remove(c.podId(), true);
            } else if (state.container(c.id()).isPresent()) {
                removed.add(removeContainer(c.id(), true));
            }
        }
        return removed;
    }

    /** Unused images check for image removal: is an image used by any container? */
    public boolean imageInUse(String imageId) {
        return state.containers().stream().anyMatch(c -> imageId.equals(c.imageId()));
    }

    /** NotFoundException, in podman's words, when there is no network named {@code name}. */
    void requireNetwork(String name) {
        life.network().store().get(name);
    }

    /** The network {@code spec} joins, made meanwhile and kept up until the hold is closed ({@link PodNetwork#ahead}). */
    PodNetwork.Hold networkAhead(PodSpec spec) {
        return life.network().ahead(spec);
    }

    /** The Services played changed: the shared network serves them as they are now. */
    void servicesChanged() {
        life.network().servicesChanged();
    }
}
