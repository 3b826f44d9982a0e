package io.jpod.engine;

import io.jpod.events.Events;
import io.jpod.host.Processes;
import io.jpod.kubelet.BackOff;
import io.jpod.kubelet.KubeContainerStatus;
import io.jpod.kubelet.KubeContainerStatus.Role;
import io.jpod.kubelet.PodStatus;
import io.jpod.kubelet.StartOrder;
import io.jpod.kubelet.StartOrder.Progress;
import io.jpod.kubelet.StartOrder.Slot;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodSpec;
import io.jpod.pod.RestartPolicy;
import io.jpod.state.BackOffTable;
import io.jpod.state.ProbeTable;
import io.jpod.state.ContainerRow;
import io.jpod.state.ContainerState;
import io.jpod.state.PodRow;
import io.jpod.state.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a kubelet does for the pods it keeps, over the state store: starts a pod's containers in
 * the kubelet's order (init containers one at a time, then the app containers), decides after each
 * exit whether and when a container starts again (restartPolicy, the crash-loop back-off), and
 * does the restarts that are due later as the {@link Supervisor}'s work. Reads everything from the
 * store each time, so any process (a command, conmon's exit command, the supervisor) can go on
 * where another stopped.
 */
final class Kubelet implements Supervisor.Work {
    private final StateStore state;
    private final BackOffTable backOff;
    private final ContainerLifecycle life;
    private final ProbeTable probeTable;
    private final Probes probes;
    private final Prober prober;
    private final java.nio.file.Path supervisorLock;
    private final Runnable supervisorNeeded;
    private final java.util.function.BooleanSupplier workloadsPlayed;
    /** Whether jpod runs without its launcher (no exit command for conmon, no supervisor can be started). */
    private final boolean withoutLauncher;
    private boolean warnedWithoutLauncher;
    /** Whether this process is the supervisor (then it starts none). */
    private volatile boolean supervising;
    private final Events events;
    private final EventLog eventLog;

    /**
     * {@code launcher}: the argv that runs jpod (empty when there is none: no supervisor is started);
     * {@code runDir}: where the supervisor's lock and log are.
     */
    Kubelet(StateStore state, BackOffTable backOff, ProbeTable probeTable, Prober prober, ContainerLifecycle life,
            List<String> launcher, java.nio.file.Path runDir, Events events, EventLog eventLog,
            java.util.function.BooleanSupplier workloadsPlayed) {
        this.workloadsPlayed = workloadsPlayed;
        this.withoutLauncher = launcher.isEmpty();
        this.state = state;
        this.backOff = backOff;
        this.probeTable = probeTable;
        this.prober = prober;
        this.probes = new Probes(state, probeTable, prober, life, events, eventLog);
        this.eventLog = eventLog;
        this.life = life;
        this.supervisorLock = runDir.resolve("supervisor.lock");
        this.supervisorNeeded = () -> {
            // the supervisor itself never looks: opening its lock file again would release its lock (POSIX record locks)
            if (!supervising) {
                Supervisor.ensureRunning(supervisorLock, launcher, runDir.resolve("supervisor.log"));
            }
        };
        this.events = events;
    }

    /** The role of a pod's container (by its name in the pod) in the pod. */
    static Role role(PodSpec spec, String kubeName) {
        for (ContainerSpec c : spec.initContainers()) {
            if (c.name().equals(kubeName)) {
                return c.sidecar() ? Role.SIDECAR : Role.INIT;
            }
        }
        return Role.APP;
    }

    private static String kubeName(PodRow pod, ContainerRow c) {
        if (c.config().kubeName() != null) { // a container renamed keeps its name in the pod
            return c.config().kubeName();
        }
        return c.name().startsWith(pod.name() + "-") ? c.name().substring(pod.name().length() + 1) : c.name();
    }

    /** The pod's containers other than the infra, in the pod's order: init containers first. */
    private List<ContainerRow> ordered(PodRow pod) {
        List<ContainerRow> rows = state.containersOf(pod.id()).stream().filter(c -> !c.infra()).toList();
        List<ContainerRow> out = new ArrayList<>();
        for (ContainerSpec spec : pod.spec().initContainers()) {
            rows.stream().filter(r -> kubeName(pod, r).equals(spec.name())).findFirst().ifPresent(out::add);
        }
        rows.stream().filter(r -> !out.contains(r)).forEach(out::add);
        return out;
    }

    private Progress progress(ContainerRow c, Map<String, Instant> waiting) {
        if (waiting.containsKey(c.id())) {
            return Progress.BACKING_OFF;
        }
        return switch (c.status().state()) {
            case CREATED -> Progress.NOT_STARTED;
            case RUNNING, PAUSED -> Processes.running(c.status().pid()) ? Progress.RUNNING
                    : c.status().exitCode() != null && c.status().exitCode() == 0 ? Progress.SUCCEEDED : Progress.FAILED;
            case EXITED, STOPPED -> c.status().exitCode() != null && c.status().exitCode() == 0 ? Progress.SUCCEEDED : Progress.FAILED;
        };
    }

    private List<Slot> slots(PodRow pod, List<ContainerRow> rows) {
        Map<String, Instant> waiting = backOff.waiting();
        return rows.stream().map(c -> new Slot(c.id(), role(pod.spec(), kubeName(pod, c)), progress(c, waiting))).toList();
    }

    /**
     * A new run of the pod: every container not running starts again from the beginning (init
     * containers run again, the back-off starts again).
     */
    void resetForStart(PodRow pod) {
        List<ContainerRow> rows = ordered(pod);
        backOff.forget(rows.stream().map(ContainerRow::id).toList());
        for (ContainerRow c : rows) {
            try (Locks.Held l = life.lock(c.id())) {
                state.container(c.id()).filter(r -> r.status().state() != ContainerState.CREATED
                        && !(r.status().state() == ContainerState.RUNNING && Processes.running(r.status().pid())))
                        .ifPresent(r -> state.updateContainer(r.withStatus(r.status().restarting(r.status().restartCount()).withState(ContainerState.CREATED))));
            }
        }
    }

    /**
     * Says once, when a pod starts, that without the launcher nothing handles what comes later: conmon has
     * no exit command to run (restartPolicy, cleanup) and no supervisor can be started (probes, back-off, workloads).
     */
    synchronized void warnIfWithoutLauncher() {
        if (withoutLauncher && !warnedWithoutLauncher) {
            warnedWithoutLauncher = true;
            events.warning("jpod runs without its launcher (JPOD_LAUNCHER is not set: run bin/jpod): containers' exits are not "
                    + "handled (restartPolicy, cleanup) and no supervisor runs (probes, back-off, workloads)");
        }
    }

    /** Starts what the kubelet's order says may start now, until nothing more may (an init container runs). */
    void startNext(PodRow pod, long infraPid) {
        startNext(pod, infraPid, NetworkGate.OPEN);
    }

    /** As {@link #startNext(PodRow, long)}, each container's process started once {@code network} is open. */
    void startNext(PodRow pod, long infraPid, NetworkGate network) {
        while (true) {
            List<String> next = StartOrder.next(slots(pod, ordered(pod)));
            List<ContainerRow> started = Parallel.map(next, id -> {
                try (Locks.Held l = life.lock(id)) {
                    Optional<ContainerRow> row = state.container(id);
                    // another process may have started it meanwhile
                    if (row.isEmpty() || row.get().status().state() != ContainerState.CREATED) {
                        return null;
                    }
                    return afterStart(pod, life.startLocked(row.get(), pod, infraPid, network), infraPid);
                }
            });
            if (started.stream().allMatch(c -> c == null)) {
                return;
            }
        }
    }

    /**
     * What follows a container's start (under its lock): its postStart hook, whose failure kills it as
     * the kubelet does; and, when it has probes, a supervisor to try them.
     */
    private ContainerRow afterStart(PodRow pod, ContainerRow started, long infraPid) {
        ContainerSpec spec = pod.spec().container(started.config().kubeName());
        if (spec == null) {
            return started;
        }
        if (spec.lifecycle().postStart() != null) {
            Prober.Outcome o = prober.run(started, spec, pod, spec.lifecycle().postStart(), hookTimeout(pod), infraPid);
            if (!o.success()) {
                events.warning("container " + started.name() + ": its postStart hook failed (" + o.message() + "): it is killed");
                eventLog.container(started, "failed-post-start-hook", Map.of("message", String.valueOf(o.message())));
                life.killLocked(started, pod.spec().stopTimeoutSeconds());
                return started;
            }
        }
        if (spec.probed()) {
            supervisorNeeded.run();
        }
        return started;
    }

    /** How long a hook may run: the pod's grace period, at least 30 s. */
    private static java.time.Duration hookTimeout(PodRow pod) {
        return java.time.Duration.ofSeconds(Math.max(30, pod.spec().stopTimeoutSeconds()));
    }

    /**
     * Runs the preStop hook of {@code c} if it has one and runs, within {@code graceSeconds}; returns the
     * seconds it took, which the stop signal's grace period then lacks (the kubelet's one grace period).
     */
    long preStop(PodRow pod, ContainerRow c, long graceSeconds) {
        ContainerSpec spec = c.infra() ? null : pod.spec().container(c.config().kubeName());
        if (spec == null || spec.lifecycle().preStop() == null || c.status().state() != ContainerState.RUNNING
                || !Processes.running(c.status().pid())) {
            return 0;
        }
        Optional<ContainerRow> infra = state.container(pod.infraId()).filter(i -> Processes.running(i.status().pid()));
        if (infra.isEmpty()) {
            return 0;
        }
        long t0 = System.nanoTime();
        Prober.Outcome o = prober.run(c, spec, pod, spec.lifecycle().preStop(), java.time.Duration.ofSeconds(Math.max(1, graceSeconds)),
                infra.get().status().pid());
        if (!o.success()) {
            events.warning("container " + c.name() + ": its preStop hook failed: " + o.message());
            eventLog.container(c, "failed-pre-stop-hook", Map.of("message", String.valueOf(o.message())));
        }
        return (System.nanoTime() - t0) / 1_000_000_000L;
    }

    /** Whether the pod has init containers that have not all completed (a sidecar: started). */
    boolean initializing(PodRow pod) {
        return !pod.spec().initContainers().isEmpty() && !StartOrder.initialized(slots(pod, ordered(pod)));
    }

    /** An init container of the pod that failed and holds it (not started again), or empty. */
    Optional<ContainerRow> failedInit(PodRow pod) {
        List<ContainerRow> rows = ordered(pod);
        List<Slot> slots = slots(pod, rows);
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).role() == Role.INIT && slots.get(i).progress() == Progress.FAILED) {
                return Optional.of(rows.get(i));
            }
        }
        return Optional.empty();
    }

    /** An init container of the pod waiting in back-off, or empty. */
    Optional<ContainerRow> backingOffInit(PodRow pod) {
        List<ContainerRow> rows = ordered(pod);
        List<Slot> slots = slots(pod, rows);
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).role() != Role.APP && slots.get(i).progress() == Progress.BACKING_OFF) {
                return Optional.of(rows.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * After container {@code exited} of {@code pod} ended (its exit recorded): the next init
     * container or the app containers start, or it starts again now or after its back-off, or
     * nothing happens, as the restartPolicy says.
     */
    void afterExit(ContainerRow exited, PodRow pod) {
        if (exited.infra() || exited.status().stopRequested() || exited.status().exitCode() == null) {
            return;
        }
        Role role = role(pod.spec(), kubeName(pod, exited));
        RestartPolicy policy = pod.spec().restartPolicy();
        boolean again = switch (role) {
            case SIDECAR -> true;
            case INIT -> exited.status().exitCode() != 0 && policy != RestartPolicy.NEVER;
            case APP -> policy.restarts(exited.status().exitCode());
        };
        Optional<ContainerRow> infra = state.container(pod.infraId()).filter(i -> Processes.running(i.status().pid()));
        if (infra.isEmpty()) {
            return;
        }
        if (role == Role.INIT && exited.status().exitCode() == 0) {
            startNext(pod, infra.get().status().pid());
            return;
        }
        if (!again) {
            return;
        }
        BackOff.Restart r = BackOff.of(pod.spec().annotations()).next(backOff.step(exited.id()), exited.status().startedAt(),
                exited.status().finishedAt() != null ? exited.status().finishedAt() : Instant.now());
        if (r.delay().isZero()) {
            backOff.record(exited.id(), r.nextStep(), null);
            restartNow(exited.id(), pod, infra.get().status().pid());
        } else {
            Instant at = r.at(exited.status().finishedAt() != null ? exited.status().finishedAt() : Instant.now());
            backOff.record(exited.id(), r.nextStep(), at);
            eventLog.container(exited, "back-off", Map.of("reason", "CrashLoopBackOff", "delay", r.delay().toMillis() + "ms",
                    "restartAt", at.toString()));
            supervisorNeeded.run();
        }
    }

    /** Starts container {@code id} again unless it runs, was stopped or is gone; whether it did. */
    private boolean restartNow(String id, PodRow pod, long infraPid) {
        try (Locks.Held l = life.lock(id)) {
            Optional<ContainerRow> row = state.container(id);
            if (row.isEmpty() || row.get().status().stopRequested() || row.get().status().state() == ContainerState.RUNNING) {
                return false;
            }
            ContainerRow again = row.get().withStatus(row.get().status().restarting(row.get().status().restartCount() + 1));
            state.updateContainer(again);
            afterStart(pod, life.startLocked(again, pod, infraPid), infraPid);
            return true;
        }
    }

    /** A container stopped or removed by the user waits for no restart. */
    void cancelRestart(String id) {
        backOff.clearRestart(id);
    }

    /** What the kubelet knows of containers beyond their rows: restarts waiting in back-off, and the probes' results. */
    record Watch(Map<String, Instant> waiting, Map<String, Map<String, ProbeTable.Row>> probes) {
        static final Watch NONE = new Watch(Map.of(), Map.of());

        /** Whether a running container counts as ready. */
        boolean ready(PodRow pod, ContainerRow c) {
            ContainerSpec spec = c.infra() ? null : pod.spec().container(c.config().kubeName());
            return spec == null || Probes.ready(c, spec, probes.get(c.id()));
        }
    }

    /** The containers waiting in back-off and the probes' results, read once for a listing. */
    Watch watch() {
        return new Watch(backOff.waiting(), probeTable.all());
    }

    /**
     * Starts a supervisor if work is left without one (it was killed, or the host rebooted): a restart
     * waiting in back-off, a running container with probes, or a workload to keep. Any listing calls this.
     */
    void superviseIfNeeded(Watch watch, List<PodService.ContainerInfo> listed, List<PodRow> pods) {
        boolean probedRunning = listed.stream().anyMatch(i -> i.current() == ContainerState.RUNNING && !i.row().infra()
                && pods.stream().filter(p -> p.id().equals(i.row().podId())).findFirst()
                        .map(p -> p.spec().container(i.row().config().kubeName())).map(ContainerSpec::probed).orElse(false));
        if (!watch.waiting().isEmpty() || probedRunning || workloadsPlayed.getAsBoolean()) {
            supervisorNeeded.run();
        }
    }

    /** What holds a pod's start: an init container that failed for good, or one waiting in its back-off. */
    record InitHold(ContainerRow container, String kubeName, boolean failed) {
    }

    /**
     * Waits while the pod's init containers run: each exit's cleanup (conmon's exit command) starts
     * the next, then the app containers. When an init container's process has ended and no cleanup
     * has recorded it for a while (no launcher, or a lost exit command), {@code cleanup} is run here.
     * Returns what holds the pod, if anything does.
     */
    Optional<InitHold> awaitInit(PodRow pod, java.util.function.Consumer<String> cleanup) {
        Instant deadIdSince = null;
        String deadId = null;
        while (initializing(pod)) {
            List<ContainerRow> rows = ordered(pod);
            List<Slot> slots = slots(pod, rows);
            for (int i = 0; i < slots.size(); i++) {
                Slot s = slots.get(i);
                if (s.role() == Role.APP) {
                    continue;
                }
                if (s.progress() == Progress.FAILED && s.role() == Role.INIT && !rows.get(i).status().stopRequested()) {
                    if (rows.get(i).status().state() == ContainerState.RUNNING) {
                        break; // ended, not yet recorded: see below
                    }
                    return Optional.of(new InitHold(rows.get(i), kubeName(pod, rows.get(i)), true));
                }
                if (s.progress() == Progress.BACKING_OFF) {
                    return Optional.of(new InitHold(rows.get(i), kubeName(pod, rows.get(i)), false));
                }
            }
            Optional<ContainerRow> unrecorded = rows.stream().filter(r -> r.status().state() == ContainerState.RUNNING
                    && !Processes.running(r.status().pid())).findFirst();
            if (unrecorded.isEmpty()) {
                deadId = null;
            } else if (!unrecorded.get().id().equals(deadId)) {
                deadId = unrecorded.get().id();
                deadIdSince = Instant.now();
            } else if (Instant.now().isAfter(deadIdSince.plusSeconds(2))) {
                cleanup.accept(deadId);
                deadId = null;
            }
            if (rows.stream().anyMatch(r -> r.status().stopRequested())) {
                return Optional.empty(); // stopped meanwhile
            }
            Processes.sleep(50);
        }
        return Optional.empty();
    }

    /** This process becomes the supervisor: it no longer starts one (see {@link SystemService#supervise}). */
    void supervising() {
        supervising = true;
    }

    /** Starts the supervisor unless one runs. */
    void ensureSupervisor() {
        supervisorNeeded.run();
    }

    /** The lock file the supervisor holds while it runs. */
    java.nio.file.Path supervisorLock() {
        return supervisorLock;
    }

    @Override
    public Optional<Instant> nextDue() {
        Optional<Instant> restart = backOff.nextRestart();
        Optional<Instant> probe = probes.nextDue();
        return restart.isEmpty() ? probe : probe.isEmpty() || restart.get().isBefore(probe.get()) ? restart : probe;
    }

    @Override
    public void runDue(Instant now) {
        probes.runDue(now);
        runDueRestarts(now);
    }

    private void runDueRestarts(Instant now) {
        for (Map.Entry<String, Instant> w : backOff.waiting().entrySet()) {
            if (w.getValue().isAfter(now)) {
                break;
            }
            String id = w.getKey();
            try {
                Optional<ContainerRow> c = state.container(id);
                Optional<PodRow> pod = c.flatMap(row -> state.podById(row.podId()));
                Optional<ContainerRow> infra = pod.flatMap(p -> state.container(p.infraId()))
                        .filter(i -> Processes.running(i.status().pid()));
                if (infra.isPresent() && restartNow(id, pod.get(), infra.get().status().pid())) {
                    events.progress(c.get().name(), "started again after its back-off");
                }
            } catch (RuntimeException e) {
                events.warning("cannot restart container " + id + ": " + e.getMessage());
            }
            // only once it has started (or cannot): a supervisor killed before this line leaves the restart to the next one
            backOff.clearRestart(id);
        }
    }

    /** The status of {@code pod} as the kubelet reports it, its containers as listed ({@code infos}). */
    static PodStatus status(PodRow pod, List<PodService.ContainerInfo> infos) {
        List<PodService.ContainerInfo> order = new ArrayList<>();
        for (ContainerSpec spec : pod.spec().initContainers()) {
            infos.stream().filter(i -> kubeName(pod, i.row()).equals(spec.name())).findFirst().ifPresent(order::add);
        }
        infos.stream().filter(i -> !i.row().infra() && !order.contains(i)).forEach(order::add);
        return PodStatus.of(order.stream().map(i -> containerStatus(pod, i)).toList(), pod.spec().restartPolicy());
    }

    /** A container's status as the kubelet reports it. */
    static KubeContainerStatus containerStatus(PodRow pod, PodService.ContainerInfo info) {
        ContainerRow r = info.row();
        ContainerState now = info.current();
        Role role = role(pod.spec(), kubeName(pod, r));
        if (info.restartAt() != null) {
            return new KubeContainerStatus(kubeName(pod, r), role, KubeContainerStatus.State.WAITING, "CrashLoopBackOff", r.status().exitCode(),
                    r.status().restartCount(), false);
        }
        return switch (now) {
            case RUNNING, PAUSED -> new KubeContainerStatus(kubeName(pod, r), role, KubeContainerStatus.State.RUNNING, null, null,
                    r.status().restartCount(), info.ready());
            case CREATED -> new KubeContainerStatus(kubeName(pod, r), role, KubeContainerStatus.State.WAITING,
                    role == Role.APP && !pod.spec().initContainers().isEmpty() ? "PodInitializing" : "ContainerCreating", null,
                    r.status().restartCount(), false);
            case EXITED, STOPPED -> new KubeContainerStatus(kubeName(pod, r), role, KubeContainerStatus.State.TERMINATED,
                    KubeContainerStatus.terminatedReason(r.status().exitCode() == null ? 0 : r.status().exitCode()), r.status().exitCode(), r.status().restartCount(), false);
        };
    }
}
