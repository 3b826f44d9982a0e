package io.jpod.engine;

import io.jpod.error.ConflictException;
import io.jpod.error.JpodException;
import io.jpod.error.NotFoundException;
import io.jpod.events.Events;
import io.jpod.image.registry.RegistryOptions;
import io.jpod.kubelet.BackOff;
import io.jpod.kubelet.PodStatus;
import io.jpod.network.PortInUseException;
import io.jpod.pod.PodSpec;
import io.jpod.pod.Workload;
import io.jpod.state.ContainerState;
import io.jpod.state.WorkloadTable;
import io.jpod.workload.JobController;
import io.jpod.workload.ReplicaNames;
import io.jpod.workload.ReplicaSpecs;
import io.jpod.workload.ReplicaView;
import io.jpod.workload.RolloutPlanner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The controllers of Deployments, DaemonSets and Jobs, over the state store: a workload's row says
 * what it wants, its pods (those whose owner annotation names it) what there is, and
 * {@link RolloutPlanner} or {@link JobController} what to do about it. Each step is taken under the
 * workload's lock by whichever process gets there (the command that played or scaled it, then the
 * supervisor, which looks again every second): nothing is kept outside the store, so a supervisor
 * killed during a rollout is followed by one that goes on from where it was.
 */
public final class Workloads implements Supervisor.Work {
    /** How often the supervisor looks at a workload that is not finished. */
    private static final Duration LOOK_EVERY = Duration.ofSeconds(1);
    /** How long the supervisor keeps the workloads read before reading them again unless the store changed. */
    private static final Duration CACHE_AT_MOST = Duration.ofSeconds(2);
    private static final String READY_SINCE = "readySince/";
    private static final String HELD = "held/";
    /** A workload auto-update moved: its replicas are made on the images their names give now, never pulled (see {@link #restartRollout}). */
    private static final String NO_PULL = "autoUpdate/noPull";
    /** The template hash of the rollout auto-update started, while it runs (see {@link #autoUpdateStrategy}). */
    private static final String AUTO_ROLLOUT = "autoUpdate/rollout";
    /** The template annotation {@code kubectl rollout restart} sets, which auto-update sets too. */
    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    private final WorkloadTable table;
    private final PodService pods;
    private final EventLog eventLog;
    private final Events events;
    private final Runnable supervisorNeeded;
    private final Map<String, Instant> due = new HashMap<>();
    private final Map<String, Seen> lastSeen = new HashMap<>();
    /** How often a workload's step is taken even when the store has not changed. */
    private static final Duration LOOK_ANYWAY = Duration.ofSeconds(10);
    private final LostExits lostExits;
    private List<WorkloadTable.Row> cached;
    private io.jpod.state.Database.ChangeMark cachedMark;
    private Instant cachedUntil = Instant.MIN;

    Workloads(WorkloadTable table, PodService pods, EventLog eventLog, Events events, Runnable supervisorNeeded) {
        this.table = table;
        this.pods = pods;
        this.eventLog = eventLog;
        this.events = events;
        this.supervisorNeeded = supervisorNeeded;
        this.lostExits = new LostExits(pods, events);
    }

    private static String key(Workload.Kind kind, String name) {
        return kind.name() + "/" + name;
    }

    private static String shown(Workload w) {
        return w.kind().resource() + "/" + w.name();
    }

    /** The lock of workload {@code kind}/{@code name}: one step at a time (not reentrant: released before the next step). */
    private Locks.Held lock(Workload.Kind kind, String name) {
        return pods.lifecycle().lock("workload-" + key(kind, name).replace('/', '-'));
    }

    /** What a play or scale of one workload did. */
    public record Applied(Workload workload, boolean created, boolean rolled, List<PodService.CreatedPod> pods,
            List<JpodException> errors) {
        public Applied {
            pods = List.copyOf(pods);
            errors = List.copyOf(errors);
        }
    }

    /**
     * Plays {@code w}: a new workload is stored and its first pods made now; an existing one is refused unless
     * {@code replace}, which stores the new spec (a changed template starts a rollout, a changed count a scale) and
     * takes the first step now. The supervisor takes the rest. {@code start} false: its pods are created, not started.
     */
    Applied apply(Workload w, boolean replace, boolean start, RegistryOptions registry) {
        // the images first, so that a missing one is the play's error, not the supervisor's
        pods.resolveImages(w.template(), registry);
        Step step;
        boolean created;
        boolean rolled = false;
        // the row and the first step under the workload's lock: a supervisor that sees the new row meanwhile waits, so
        // the play makes its first pods itself (and reports them); for a Job played again, no step of the old Job makes
        // a pod the new one would count
        try (Locks.Held l = lock(w.kind(), w.name())) {
            Optional<WorkloadTable.Row> before = table.find(w.kind(), w.name());
            Instant now = Instant.now();
            if (before.isPresent() && !replace) {
                throw new ConflictException(w.kind().kubeName().toLowerCase(java.util.Locale.ROOT), w.name(),
                        ConflictException.Reason.EXISTS, w.kind().kubeName() + " " + w.name() + " already exists");
            }
            Map<String, String> status = new LinkedHashMap<>();
            if (!start) {
                status.put("start", "false");
            }
            if (before.isPresent()) {
                WorkloadTable.Row old = before.get();
                rolled = !old.workload().templateHash().equals(w.templateHash());
                if (w.kind() == Workload.Kind.JOB) {
                    // a Job's pods are not updated: a new Job starts over, as delete and create would
                    removeAll(old.workload());
                    table.put(new WorkloadTable.Row(w, now, now, old.revision() + 1, status));
                } else {
                    table.put(new WorkloadTable.Row(w, old.created(), now, old.revision() + (rolled ? 1 : 0), keep(old.status(), status)));
                    if (rolled) {
                        eventLog.workload(shown(w), "rolling-update", Map.of("revision", Integer.toString(old.revision() + 1)));
                    }
                    if (old.workload().replicas() != w.replicas()) {
                        eventLog.workload(shown(w), "scaled", Map.of("replicas", Integer.toString(w.replicas())));
                    }
                }
            } else {
                table.put(new WorkloadTable.Row(w, now, now, 1, status));
                eventLog.workload(shown(w), "create", w.kind() == Workload.Kind.JOB ? Map.of()
                        : Map.of("replicas", Integer.toString(w.replicas())));
            }
            created = before.isEmpty();
            step = reconcileLocked(w.kind(), w.name(), registry);
        }
        supervisorNeeded.run();
        return new Applied(w, created, rolled, step.created(), step.errors());
    }

    /** The controller's own entries of {@code old} (when pods became ready, which are held) with {@code fresh}. */
    private static Map<String, String> keep(Map<String, String> old, Map<String, String> fresh) {
        Map<String, String> out = new LinkedHashMap<>();
        old.forEach((k, v) -> {
            if (k.startsWith(READY_SINCE) || k.startsWith(HELD)) {
                out.put(k, v);
            }
        });
        out.putAll(fresh);
        return out;
    }

    /** {@code jpod kube scale}: a Deployment's replicas set to {@code replicas}, the first step taken now. */
    public Applied scale(String kindName, String name, int replicas) {
        Workload.Kind kind = kindName == null ? Workload.Kind.DEPLOYMENT : kindOf(kindName);
        if (kind != Workload.Kind.DEPLOYMENT) {
            throw new io.jpod.error.InvalidInputException(kindName, "only a Deployment can be scaled: a " + kind.kubeName()
                    + (kind == Workload.Kind.JOB ? " runs its completions" : " runs one pod on this node"));
        }
        WorkloadTable.Row row = table.find(kind, name).orElseThrow(() -> new NotFoundException("deployment", name,
                "no Deployment named \"" + name + "\": jpod kube ps lists the workloads played"));
        int before = row.workload().replicas();
        table.put(new WorkloadTable.Row(row.workload().withReplicas(replicas), row.created(), Instant.now(), row.revision(), row.status()));
        if (before != replicas) {
            eventLog.workload(shown(row.workload()), "scaled", Map.of("replicas", Integer.toString(replicas), "from", Integer.toString(before)));
        }
        Step step = reconcile(kind, name, null);
        supervisorNeeded.run();
        return new Applied(row.workload().withReplicas(replicas), false, false, step.created(), step.errors());
    }

    /** The kind {@code word} names: Kubernetes' kind or kubectl's resource (deployment, deploy, deployment.apps, job...). */
    static Workload.Kind kindOf(String word) {
        String w = word.toLowerCase(java.util.Locale.ROOT);
        for (Workload.Kind k : Workload.Kind.values()) {
            String kube = k.kubeName().toLowerCase(java.util.Locale.ROOT);
            if (w.equals(kube) || w.equals(kube + "s") || w.equals(k.resource()) || (k == Workload.Kind.DEPLOYMENT && w.equals("deploy"))
                    || (k == Workload.Kind.DAEMONSET && w.equals("ds"))) {
                return k;
            }
        }
        throw new io.jpod.error.InvalidInputException(word, io.jpod.error.Choices.unsupported(word, "workload kind",
                List.of("deployment", "daemonset", "job")));
    }

    /** The workload {@code owner} names ({@code Kind/name}, as its pods' owner annotation holds it), if played. */
    Optional<Workload> find(String owner) {
        int slash = owner.indexOf('/');
        Workload.Kind kind = slash < 0 ? null : Workload.Kind.of(owner.substring(0, slash));
        if (kind == null) {
            return Optional.empty();
        }
        return table.find(kind, owner.substring(slash + 1)).map(WorkloadTable.Row::workload);
    }

    /** One pod's outcome of a workload's removal. */
    public record Removed(String pod, String id, JpodException error) {
    }

    /**
     * Removes workload {@code kind}/{@code name} and all its pods (their grace periods overlapping);
     * empty when it was not played.
     */
    Optional<List<Removed>> remove(Workload.Kind kind, String name) {
        Optional<WorkloadTable.Row> row = table.find(kind, name);
        if (row.isEmpty() || !table.remove(kind, name)) {
            return Optional.empty();
        }
        List<Removed> out;
        try (Locks.Held l = lock(kind, name)) {
            out = removeAll(row.get().workload());
        }
        eventLog.workload(shown(row.get().workload()), "remove", Map.of());
        return Optional.of(out);
    }

    private List<Removed> removeAll(Workload w) {
        List<PodService.PodInfo> mine = podsOf(w);
        return Parallel.map(mine, p -> {
            try {
                pods.removePod(p.pod().id(), true);
                return new Removed(p.pod().name(), p.pod().id(), null);
            } catch (NotFoundException e) {
                return new Removed(p.pod().name(), p.pod().id(), null);
            } catch (JpodException e) {
                return new Removed(p.pod().name(), p.pod().id(), e);
            }
        });
    }

    /** The pods of {@code w} now. */
    private List<PodService.PodInfo> podsOf(Workload w) {
        return owned(w, pods.pods());
    }

    /** The pods of {@code w} among {@code all}. */
    private static List<PodService.PodInfo> owned(Workload w, List<PodService.PodInfo> all) {
        String owner = w.kind().kubeName() + "/" + w.name();
        return all.stream().filter(p -> owner.equals(ReplicaSpecs.owner(p.pod().spec()))).toList();
    }

    /** What one step of a controller did. */
    private record Step(List<PodService.CreatedPod> created, List<JpodException> errors, Optional<Instant> next,
            Optional<Instant> recheck) {
    }

    /**
     * One step of the controller of {@code kind}/{@code name}, under its lock: read, decide, act, record.
     * {@code registry}: how to reach registries for a pod's images (null: as pull does by default).
     */
    private Step reconcile(Workload.Kind kind, String name, RegistryOptions registry) {
        try (Locks.Held l = lock(kind, name)) {
            return reconcileLocked(kind, name, registry);
        }
    }

    /** A step of workload {@code kind}/{@code name}, whose lock the caller holds. */
    private Step reconcileLocked(Workload.Kind kind, String name, RegistryOptions registry) {
        Optional<WorkloadTable.Row> found = table.find(kind, name);
        if (found.isEmpty()) {
            return new Step(List.of(), List.of(), Optional.empty(), Optional.empty());
        }
        return reconcile(found.get(), registry == null ? new RegistryOptions(true, null, null) : registry, Instant.now());
    }

    private Step reconcile(WorkloadTable.Row row, RegistryOptions registry, Instant now) {
        Workload w = row.workload();
        List<PodService.PodInfo> mine = podsOf(w);
        lostExits.record(mine, now);
        Map<String, String> status = new LinkedHashMap<>(row.status());
        List<ReplicaView> views = mine.stream().map(p -> view(w, p, status, now)).toList();
        // forget what belongs to pods that are gone
        Set<String> names = mine.stream().map(p -> p.pod().name()).collect(Collectors.toSet());
        status.keySet().removeIf(k -> (k.startsWith(READY_SINCE) || k.startsWith(HELD)) && !names.contains(k.substring(k.indexOf('/') + 1)));
        List<String> remove;
        List<Integer> create;
        Optional<Instant> recheck;
        boolean active;
        boolean delete = false;
        if (w.kind() == Workload.Kind.JOB) {
            JobController.JobState before = jobState(status);
            BackOff backOff = BackOff.of(w.template().annotations());
            JobController.Decision d = JobController.decide(w, before, views, now, backOff.initial(), backOff.max());
            remove = d.remove();
            create = d.create();
            recheck = d.recheckAt();
            delete = d.delete();
            putJobState(status, d.next());
            active = !d.next().finished();
            if (!before.finished() && d.next().finished()) {
                Map<String, String> attrs = new LinkedHashMap<>();
                attrs.put("succeeded", Integer.toString(d.status().succeeded()));
                if (d.next().reason() != null) {
                    attrs.put("reason", d.next().reason());
                }
                eventLog.workload(shown(w), d.next().condition() == JobController.Condition.COMPLETE ? "completed" : "failed", attrs);
            }
        } else {
            boolean autoRollout = w.templateHash().equals(status.get(AUTO_ROLLOUT));
            RolloutPlanner.Decision d = RolloutPlanner.plan(autoRollout ? w.withStrategy(autoUpdateStrategy(w)) : w, views, now);
            if (d.status().complete()) {
                status.remove(AUTO_ROLLOUT);
            }
            remove = d.remove();
            create = java.util.Collections.nCopies(d.create(), null);
            recheck = d.recheckAt();
            active = true;
            boolean wasComplete = "true".equals(status.get("complete"));
            status.put("complete", Boolean.toString(d.status().complete()));
            if (d.status().complete() && !wasComplete && row.revision() > 1) {
                eventLog.workload(shown(w), "rolled-out", Map.of("revision", Integer.toString(row.revision())));
            }
        }
        List<JpodException> errors = new ArrayList<>();
        if (delete) {
            table.remove(w.kind(), w.name());
            removeAll(w);
            eventLog.workload(shown(w), "remove", Map.of("reason", "ttlSecondsAfterFinished"));
            due.remove(key(w.kind(), w.name()));
            return new Step(List.of(), List.of(), Optional.empty(), Optional.empty());
        }
        for (String name : remove) {
            try {
                pods.removePod(name, true);
            } catch (NotFoundException e) {
                // removed meanwhile
            } catch (JpodException e) {
                errors.add(e);
                events.warning(shown(w) + ": cannot remove pod " + name + ": " + e.getMessage());
            }
        }
        boolean start = !"false".equals(status.get("start"));
        startHeld(w, mine, status, errors);
        List<PodService.CreatedPod> created = new ArrayList<>(Parallel.map(create, index -> createPod(w, index, start, registry, status, errors)));
        created.removeIf(java.util.Objects::isNull);
        if (!status.equals(row.status())) {
            table.put(row.withStatus(status));
        }
        Instant soon = now.plus(LOOK_EVERY);
        Optional<Instant> next = active ? Optional.of(recheck.filter(r -> r.isBefore(soon)).orElse(soon)) : recheck;
        next.ifPresentOrElse(t -> due.put(key(w.kind(), w.name()), t), () -> due.put(key(w.kind(), w.name()), Instant.MAX));
        return new Step(created, errors, next, recheck);
    }

    /** Starts the pods held for a hostPort another pod had, once it is free. */
    private void startHeld(Workload w, List<PodService.PodInfo> mine, Map<String, String> status, List<JpodException> errors) {
        for (PodService.PodInfo p : mine) {
            if (!status.containsKey(HELD + p.pod().name())) {
                continue;
            }
            try {
                io.jpod.network.PodNetwork.checkFree(io.jpod.network.PortMapping.of(p.pod().spec()));
                pods.startPod(p.pod().id());
                status.remove(HELD + p.pod().name());
                eventLog.workload(shown(w), "scheduled", Map.of("pod", p.pod().name()));
            } catch (PortInUseException e) {
                // still taken
            } catch (JpodException e) {
                errors.add(e);
            }
        }
    }

    /** Creates one pod of {@code w} ({@code index}: an Indexed Job's), started unless {@code start} is false or its hostPort is taken. */
    private PodService.CreatedPod createPod(Workload w, Integer index, boolean start, RegistryOptions registry, Map<String, String> status,
            List<JpodException> errors) {
        String suffix = ReplicaNames.suffix(bound -> java.util.concurrent.ThreadLocalRandom.current().nextInt(bound));
        String name = switch (w.kind()) {
            case DEPLOYMENT -> ReplicaNames.podName(w.name(), w.templateHash(), suffix);
            case DAEMONSET -> ReplicaNames.podName(w.name(), suffix);
            case JOB -> index == null ? ReplicaNames.podName(w.name(), suffix) : ReplicaNames.podName(w.name(), index.toString(), suffix);
        };
        PodSpec spec = ReplicaSpecs.pod(w, name, index);
        try {
            try {
                return pods.create(spec, false, start, registry, !status.containsKey(NO_PULL));
            } catch (PortInUseException e) {
                PodService.CreatedPod held = pods.create(spec, false, false, registry, !status.containsKey(NO_PULL));
                String why = "0/1 nodes are available: " + e.getMessage() + " (a hostPort can be bound once): pod " + name + " stays Pending";
                synchronized (status) {
                    status.put(HELD + name, why);
                }
                eventLog.workload(shown(w), "failed-scheduling", Map.of("pod", name, "message", e.getMessage()));
                events.warning(shown(w) + ": " + why);
                return held;
            }
        } catch (JpodException e) {
            synchronized (errors) {
                errors.add(e);
            }
            events.warning(shown(w) + ": cannot create pod " + name + ": " + e.getMessage());
            return null;
        }
    }

    /** A pod as the controllers count it. */
    private static ReplicaView view(Workload w, PodService.PodInfo p, Map<String, String> status, Instant now) {
        String name = p.pod().name();
        PodService.ContainerInfo infra = p.containers().isEmpty() ? null : p.containers().get(0);
        PodStatus kube = p.kube();
        ReplicaView.Phase phase;
        if (infra == null || !infra.row().infra()) {
            phase = ReplicaView.Phase.GONE;
        } else if (infra.current() == ContainerState.CREATED) {
            phase = ReplicaView.Phase.PENDING;
        } else if (p.containers().stream().anyMatch(LostExits::unrecorded)) {
            phase = ReplicaView.Phase.RUNNING; // an exit not yet recorded by conmon's exit command: not known yet
        } else if (kube.phase() == PodStatus.Phase.SUCCEEDED) {
            phase = ReplicaView.Phase.SUCCEEDED;
        } else if (kube.phase() == PodStatus.Phase.FAILED) {
            phase = ReplicaView.Phase.FAILED;
        } else if (!infra.current().live()
                || p.containers().stream().anyMatch(c -> !c.row().infra() && c.row().status().stopRequested() && !c.current().live())) {
            phase = ReplicaView.Phase.GONE;
        } else {
            phase = kube.phase() == PodStatus.Phase.RUNNING ? ReplicaView.Phase.RUNNING : ReplicaView.Phase.PENDING;
        }
        Instant readySince = null;
        if (phase == ReplicaView.Phase.RUNNING && Boolean.TRUE.equals(kube.conditions().get("Ready"))) {
            String since = status.get(READY_SINCE + name);
            if (since == null) {
                readySince = now;
                status.put(READY_SINCE + name, now.toString());
            } else {
                readySince = Instant.parse(since);
            }
        } else {
            status.remove(READY_SINCE + name);
        }
        Instant finished = p.containers().stream().filter(c -> !c.row().infra() && c.row().status().finishedAt() != null)
                .map(c -> c.row().status().finishedAt()).max(Instant::compareTo).orElse(null);
        String hash = templateHashOf(w, p);
        String index = p.pod().spec().annotations().get(ReplicaSpecs.COMPLETION_INDEX);
        return new ReplicaView(name, hash, index == null ? null : Integer.valueOf(index), phase, p.pod().created(), readySince,
                phase == ReplicaView.Phase.SUCCEEDED || phase == ReplicaView.Phase.FAILED ? finished : null, kube.restarts());
    }

    /** The hash of the template pod {@code p} of {@code w} was made from (a Job's pods: the Job's own). */
    static String templateHashOf(Workload w, PodService.PodInfo p) {
        return switch (w.kind()) {
            case DEPLOYMENT -> p.pod().spec().labels().get(ReplicaSpecs.TEMPLATE_HASH_LABEL);
            case DAEMONSET -> p.pod().spec().labels().get("controller-revision-hash");
            case JOB -> w.templateHash();
        };
    }

    /**
     * Rolls workload {@code owner} ({@code Kind/name}) over to the images its containers' names give
     * now, as {@code kubectl rollout restart} does: its template gets {@value #RESTARTED_AT}, so its
     * hash changes and the workload's strategy replaces its pods (a Deployment's RollingUpdate, by
     * default one replica at a time, each new one Ready before an old one goes). Its pods are made
     * from then on without pulling: auto-update has put the image it wants under the name, and a
     * pull could bring back the image a rollback took away. Returns the new template's hash.
     */
    String restartRollout(String owner) {
        Workload w = find(owner).orElseThrow(() -> new NotFoundException("workload", owner, "workload " + owner + " is not played"));
        String hash;
        try (Locks.Held l = lock(w.kind(), w.name())) {
            WorkloadTable.Row row = table.find(w.kind(), w.name())
                    .orElseThrow(() -> new NotFoundException("workload", owner, "workload " + owner + " is not played"));
            Instant now = Instant.now();
            Map<String, String> annotations = new LinkedHashMap<>(row.workload().template().annotations());
            annotations.put(RESTARTED_AT, now.toString());
            hash = ReplicaNames.templateHash(row.workload().templateHash() + "\n" + now);
            Workload moved = row.workload().withTemplate(row.workload().template().toBuilder().annotations(annotations).build(), hash);
            Map<String, String> status = new LinkedHashMap<>(row.status());
            status.put(NO_PULL, "true");
            status.put(AUTO_ROLLOUT, hash);
            table.put(new WorkloadTable.Row(moved, row.created(), now, row.revision() + 1, status));
            eventLog.workload(shown(moved), "rolling-update", Map.of("revision", Integer.toString(row.revision() + 1), "reason", "auto-update"));
            reconcileLocked(w.kind(), w.name(), null);
        }
        supervisorNeeded.run();
        return hash;
    }

    /**
     * How an auto-update's rollout replaces a workload's pods: a Deployment's RollingUpdate one
     * replica at a time (maxSurge 1, maxUnavailable 0: each new pod Ready before an old one goes,
     * whatever counts it plays with); a DaemonSet's OnDelete as its RollingUpdate default (auto-update
     * deletes for the user); Recreate as it says.
     */
    static Workload.Strategy autoUpdateStrategy(Workload w) {
        Workload.Strategy s = w.strategy();
        if (s == null) {
            return null;
        }
        if (w.kind() == Workload.Kind.DEPLOYMENT && s.type() == Workload.Strategy.Type.ROLLING_UPDATE) {
            return new Workload.Strategy(Workload.Strategy.Type.ROLLING_UPDATE, Workload.IntOrPercent.of(1), Workload.IntOrPercent.of(0));
        }
        if (w.kind() == Workload.Kind.DAEMONSET && s.type() == Workload.Strategy.Type.ON_DELETE) {
            return Workload.Strategy.DAEMONSET_DEFAULT;
        }
        return s;
    }

    /** Workload {@code owner}'s status now, if it is played (that workload's alone, not every one's). */
    Optional<Status> status(String owner) {
        Optional<Workload> w = find(owner);
        return w.flatMap(x -> table.find(x.kind(), x.name())).map(r -> statusOf(r, pods.pods(), Instant.now()));
    }

    private static JobController.JobState jobState(Map<String, String> s) {
        return new JobController.JobState(instant(s.get("startTime")), instant(s.get("finishedAt")),
                s.get("condition") == null ? null : JobController.Condition.valueOf(s.get("condition")), s.get("reason"), s.get("message"));
    }

    private static void putJobState(Map<String, String> s, JobController.JobState j) {
        put(s, "startTime", j.startTime());
        put(s, "finishedAt", j.finishedAt());
        put(s, "condition", j.condition() == null ? null : j.condition().name());
        put(s, "reason", j.reason());
        put(s, "message", j.message());
    }

    private static void put(Map<String, String> s, String k, Object v) {
        if (v == null) {
            s.remove(k);
        } else {
            s.put(k, v.toString());
        }
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    // ---- the supervisor's work --------------------------------------------------------------------

    private List<WorkloadTable.Row> rows(Instant now) {
        io.jpod.state.Database.ChangeMark mark = pods.state().changeMark();
        if (cached == null || !mark.equals(cachedMark) || now.isAfter(cachedUntil)) {
            cached = table.all();
            cachedMark = mark;
            cachedUntil = now.plus(CACHE_AT_MOST);
        }
        return cached;
    }

    @Override
    public Optional<Instant> nextDue() {
        Instant now = Instant.now();
        Instant min = null;
        for (WorkloadTable.Row r : rows(now)) {
            // not looked at yet by this process: due at once (a time before any "now" of the caller)
            Instant t = due.getOrDefault(key(r.workload().kind(), r.workload().name()), Instant.EPOCH);
            if (t != Instant.MAX && (min == null || t.isBefore(min))) {
                min = t;
            }
        }
        return Optional.ofNullable(min);
    }

    @Override
    public void runDue(Instant now) {
        for (WorkloadTable.Row r : rows(now)) {
            String key = key(r.workload().kind(), r.workload().name());
            Instant t = due.getOrDefault(key, now);
            if (t.isAfter(now)) {
                continue;
            }
            io.jpod.state.Database.ChangeMark mark = pods.state().changeMark();
            Seen seen = lastSeen.get(key);
            if (seen != null && seen.unchanged(mark, now)) {
                due.put(key, now.plus(LOOK_EVERY));
                continue;
            }
            try {
                Step step = reconcile(r.workload().kind(), r.workload().name(), null);
                lastSeen.put(key, new Seen(pods.state().changeMark(), now, step.recheck().orElse(null)));
                events.debug(shown(r.workload()) + ": " + step.created().size() + " pod(s) created, next look "
                        + step.next().map(Instant::toString).orElse("never"));
            } catch (RuntimeException e) {
                events.warning(shown(r.workload()) + ": " + e.getMessage());
                due.put(key, now.plus(LOOK_EVERY));
            }
        }
        cached = null; // what was done may have changed the rows
    }

    /**
     * What the supervisor saw when it last took a workload's step: the store's change mark after it, when, and
     * when its decision may change by itself. Nothing changed in the store since, and nothing due: the step
     * would decide the same, so it is skipped (but taken every {@link #LOOK_ANYWAY}, for what the store does
     * not see, as a pod's processes killed together with their conmon).
     */
    private record Seen(io.jpod.state.Database.ChangeMark mark, Instant at, Instant recheck) {
        boolean unchanged(io.jpod.state.Database.ChangeMark now, Instant t) {
            return mark.equals(now) && t.isBefore(at.plus(LOOK_ANYWAY)) && (recheck == null || t.isBefore(recheck));
        }
    }

    // ---- status -----------------------------------------------------------------------------------

    /**
     * A workload as {@code jpod kube ps} shows it.
     *
     * @param row     the workload as stored
     * @param pods    its pods now
     * @param rollout a Deployment's or DaemonSet's counts (else null)
     * @param job     a Job's counts (else null)
     * @param jobState what its controller recorded of a Job (else null)
     * @param held    the pods held Pending, with why
     */
    public record Status(WorkloadTable.Row row, List<PodService.PodInfo> pods, RolloutPlanner.RolloutStatus rollout,
            JobController.JobStatus job, JobController.JobState jobState, Map<String, String> held) {
    }

    /** Every workload played, with its pods and counts now (nothing is changed). */
    public List<Status> list() {
        List<Status> out = new ArrayList<>();
        Instant now = Instant.now();
        List<WorkloadTable.Row> all = table.all();
        if (!all.isEmpty()) {
            supervisorNeeded.run();
        }
        List<PodService.PodInfo> allPods = all.isEmpty() ? List.of() : pods.pods(); // one listing for every workload
        for (WorkloadTable.Row r : all) {
            out.add(statusOf(r, allPods, now));
        }
        return out;
    }

    /** Workload {@code r}'s status at {@code now}, its pods found among {@code allPods}. */
    private static Status statusOf(WorkloadTable.Row r, List<PodService.PodInfo> allPods, Instant now) {
        Workload w = r.workload();
        List<PodService.PodInfo> mine = owned(w, allPods);
        Map<String, String> status = new LinkedHashMap<>(r.status());
        List<ReplicaView> views = mine.stream().map(p -> view(w, p, status, now)).toList();
        Map<String, String> held = new LinkedHashMap<>();
        r.status().forEach((k, v) -> {
            if (k.startsWith(HELD)) {
                held.put(k.substring(HELD.length()), v);
            }
        });
        if (w.kind() == Workload.Kind.JOB) {
            BackOff b = BackOff.of(w.template().annotations());
            JobController.JobState state = jobState(r.status());
            return new Status(r, mine, null, JobController.decide(w, state, views, now, b.initial(), b.max()).status(), state, held);
        }
        return new Status(r, mine, RolloutPlanner.plan(w, views, now).status(), null, null, held);
    }

    /** Whether a workload is played (the supervisor must watch it). */
    boolean any() {
        return table.any();
    }
}
