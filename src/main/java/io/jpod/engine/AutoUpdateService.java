package io.jpod.engine;

import io.jpod.autoupdate.CronSchedule;
import io.jpod.autoupdate.HealthGate;
import io.jpod.autoupdate.UpdateDecision;
import io.jpod.autoupdate.UpdateOutcome;
import io.jpod.autoupdate.UpdatePolicy;
import io.jpod.error.InvalidInputException;
import io.jpod.error.JpodException;
import io.jpod.error.NotFoundException;
import io.jpod.events.Events;
import io.jpod.host.Processes;
import io.jpod.image.Image;
import io.jpod.image.ImageReference;
import io.jpod.image.Platform;
import io.jpod.image.registry.RegistryOptions;
import io.jpod.kubelet.GoDuration;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodSpec;
import io.jpod.state.AutoUpdateTable;
import io.jpod.state.AutoUpdateTable.Change;
import io.jpod.state.AutoUpdateTable.Entry;
import io.jpod.state.AutoUpdateTable.HistoryRow;
import io.jpod.state.AutoUpdateTable.Phase;
import io.jpod.state.ContainerRow;
import io.jpod.workload.ReplicaSpecs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code jpod auto-update}: moves the pods whose annotations ask for it ({@link UpdatePolicy}) to
 * the image their containers' names give now (in the registry, or in the local store), one pod or
 * workload at a time, each held by its row in the store's journal, and checks it
 * ({@link UpdateMove}: the health gate, the rollback). A pod is created again; a Deployment's or
 * DaemonSet's pods are replaced by its own strategy, as {@code kubectl rollout restart} does. An
 * update whose jpod was killed is finished by the next run, from its journal row. Every run's
 * results are recorded ({@code auto-update history}).
 */
public final class AutoUpdateService {
    private static final String TRIGGER_MANUAL = "manual";

    private final PodService pods;
    private final ImageService images;
    private final AutoUpdateTable table;
    private final Events events;
    private final Runnable supervisorNeeded;
    private final UpdateMove mover;

    AutoUpdateService(PodService pods, ImageService images, Workloads workloads, AutoUpdateTable table, Events events, EventLog eventLog,
            Runnable supervisorNeeded) {
        this.pods = pods;
        this.images = images;
        this.table = table;
        this.events = events;
        this.supervisorNeeded = supervisorNeeded;
        this.mover = new UpdateMove(pods, images, workloads, table, events, eventLog);
    }

    /**
     * What a run does.
     *
     * @param dryRun   only check: say what would change ({@code pending}), change nothing, record nothing
     * @param rollback put the previous images back when the new ones fail the gate
     * @param gate     when a moved pod counts as healthy
     * @param registry how registries are reached (a pod's {@value UpdatePolicy#AUTHFILE_KEY} annotation names its own auth file)
     * @param trigger  who asked: {@code manual}, or {@code scheduled}
     * @param recoverOnly only finish the updates whose jpod was killed (the supervisor's {@code --recover})
     */
    public record Options(boolean dryRun, boolean rollback, HealthGate gate, RegistryAccess registry, String trigger,
            boolean recoverOnly) {
        public Options(boolean dryRun, boolean rollback, HealthGate gate, RegistryAccess registry) {
            this(dryRun, rollback, gate, registry, TRIGGER_MANUAL, false);
        }
    }

    /**
     * What a run found and did to one container: podman's row of {@code auto-update}, and why.
     *
     * @param pod      the pod's name, or the workload's
     * @param workload the workload ({@code Kind/name}) whose pods these are, or null for a pod of its own
     */
    public record Result(String pod, String workload, String container, String image, UpdatePolicy policy, UpdateOutcome outcome,
            String reason) {
        /** podman's CONTAINER column: the container's full name. */
        public String containerName() {
            return pod + "-" + container;
        }
    }

    /** One run: when, and its results in the pods' order. */
    public record Report(String run, List<Result> results) {
        /** Whether something failed (the command's exit code says so). */
        public boolean failed() {
            return results.stream().anyMatch(r -> r.outcome() == UpdateOutcome.FAILED);
        }
    }

    /** The gate that {@code --timeout} and {@code --settle} (Go durations) ask for. */
    public static HealthGate gate(String timeout, String settle) {
        return new HealthGate(positive("--timeout", timeout), duration("--settle", settle));
    }

    private static Duration duration(String flag, String text) {
        Duration d = GoDuration.parse(text);
        if (d == null) {
            throw new InvalidInputException(flag, "invalid duration \"" + text + "\": write it as Go does, e.g. 90s, 2m, 1m30s");
        }
        return d;
    }

    private static Duration positive(String flag, String text) {
        Duration d = duration(flag, text);
        if (d.isZero()) {
            throw new InvalidInputException(flag, "must be longer than 0");
        }
        return d;
    }

    // ---- schedules ----------------------------------------------------------------------------

    /** A stored schedule as {@code schedule show} says it: the expression, the flags of each run, the last run and the next. */
    public record ScheduleInfo(String expression, List<String> args, Instant since, Optional<Instant> next) {
    }

    /**
     * Stores {@code expression} (checked first) as the schedule the supervisor runs {@code jpod
     * auto-update ARGS} on, replacing any; the supervisor is started if none runs.
     */
    public ScheduleInfo setSchedule(String expression, List<String> args) {
        CronSchedule cron = CronSchedule.parse(expression);
        Instant now = Instant.now();
        table.setSchedule(new AutoUpdateTable.Schedule(cron.expression(), now, args));
        supervisorNeeded.run();
        return new ScheduleInfo(cron.expression(), args, now, cron.nextAfter(now));
    }

    /** The stored schedule, if one is set. */
    public Optional<ScheduleInfo> schedule() {
        return table.schedule().map(s -> new ScheduleInfo(s.expression(), s.args(), s.since(),
                CronSchedule.parse(s.expression()).nextAfter(s.since())));
    }

    /** Clears the stored schedule; whether one was set. */
    public boolean clearSchedule() {
        boolean was = table.schedule().isPresent();
        table.setSchedule(null);
        return was;
    }

    /** Waits for a time; false when told to stop meanwhile. */
    @FunctionalInterface
    public interface Waiter {
        boolean waitUntil(Instant time);
    }

    /**
     * Runs on {@code schedule} in this process ({@code auto-update --schedule}) until {@code waiter}
     * says stop, handing each run's report to {@code each}. A due time missed while the machine
     * slept gives one run, then the schedule goes on from then.
     */
    public void runOnSchedule(CronSchedule schedule, Options o, Consumer<Report> each, Waiter waiter) {
        Instant since = Instant.now();
        while (true) {
            Optional<Instant> next = schedule.nextAfter(since);
            if (next.isEmpty() || !waiter.waitUntil(next.get())) {
                return;
            }
            since = Instant.now();
            each.accept(run(o));
        }
    }

    /** The history of every run, oldest first. */
    public List<HistoryRow> history() {
        return table.history();
    }

    // ---- a run ------------------------------------------------------------------------------------

    /** Runs once: first finishes the updates left by a killed jpod, then checks and moves every annotated pod and workload. */
    public Report run(Options o) {
        String run = Instant.now().toString();
        List<Result> results = new ArrayList<>();
        List<String> finished = new ArrayList<>();
        if (!o.dryRun()) {
            for (AutoUpdateTable.Journal j : table.journal()) {
                if (table.takeOver(j, UpdateMove.self(), Processes::running)) {
                    events.progress(j.pod(), "Finishing the interrupted update of");
                    results.addAll(mover.move(j.entry()));
                    finished.add(j.pod());
                }
            }
        }
        if (o.recoverOnly()) {
            return new Report(run, results);
        }
        List<HistoryRow> notMoved = new ArrayList<>();
        for (Unit u : units(pods.pods())) {
            if (!finished.contains(u.key())) {
                PodResults r = checkAndMove(u, o, run);
                r.checked().forEach(x -> notMoved.add(UpdateMove.row(run, o.trigger(), x, null, null)));
                results.addAll(r.checked());
                results.addAll(r.moved());
            }
        }
        if (!o.dryRun() && !notMoved.isEmpty()) {
            table.record(notMoved);
        }
        return new Report(run, results);
    }

    /**
     * What is moved as one: a pod of its own ({@code workload} null), or the pods of a workload,
     * whose template is {@code spec}.
     */
    private record Unit(String name, String workload, PodSpec spec, List<PodService.PodInfo> pods) {
        String key() {
            return workload != null ? workload : name;
        }
    }

    /** The pods, each workload's gathered into one unit (at the place of its first pod). */
    private static List<Unit> units(List<PodService.PodInfo> all) {
        Map<String, List<PodService.PodInfo>> byOwner = new LinkedHashMap<>();
        List<Object> order = new ArrayList<>();
        for (PodService.PodInfo p : all) {
            String owner = p.pod().spec().annotations().get(ReplicaSpecs.OWNER);
            if (owner == null) {
                order.add(p);
            } else {
                byOwner.computeIfAbsent(owner, k -> {
                    order.add(k);
                    return new ArrayList<>();
                }).add(p);
            }
        }
        List<Unit> units = new ArrayList<>();
        for (Object o : order) {
            if (o instanceof PodService.PodInfo p) {
                units.add(new Unit(p.pod().name(), null, p.pod().spec(), List.of(p)));
            } else {
                String owner = (String) o;
                List<PodService.PodInfo> replicas = byOwner.get(owner);
                String name = owner.substring(owner.indexOf('/') + 1);
                units.add(new Unit(name, owner, replicas.get(0).pod().spec(), replicas));
            }
        }
        return units;
    }

    /** A container to check: its spec, its policy, and the image its pods run (the first one's). */
    private record Candidate(ContainerSpec spec, UpdatePolicy policy, ContainerRow row, List<String> running) {
    }

    /** What a check found for one container: nothing to do, a failure, or to move (to {@code newId}, when known before a pull). */
    private record Check(Candidate c, UpdateOutcome outcome, String reason, String newId) {
    }

    /** A unit's results: of the containers only checked (or that could not be moved), and of those a move recorded. */
    private record PodResults(List<Result> checked, List<Result> moved) {
        static PodResults checked(List<Result> checked) {
            return new PodResults(checked, List.of());
        }
    }

    private PodResults checkAndMove(Unit u, Options o, String run) {
        PodSpec spec = u.spec();
        List<Candidate> candidates = new ArrayList<>();
        for (ContainerSpec cs : spec.allContainers()) {
            UpdatePolicy policy;
            try {
                policy = UpdatePolicy.of(spec.annotations(), cs.name());
            } catch (JpodException e) {
                return PodResults.checked(List.of(new Result(u.name(), u.workload(), cs.name(), cs.image(), UpdatePolicy.DISABLED,
                        UpdateOutcome.FAILED, e.getMessage())));
            }
            List<ContainerRow> rows = u.pods().stream().flatMap(p -> p.containers().stream()).map(PodService.ContainerInfo::row)
                    .filter(r -> !r.infra() && cs.name().equals(r.config().kubeName())).toList();
            if (policy != UpdatePolicy.DISABLED && !rows.isEmpty()) {
                candidates.add(new Candidate(cs, policy, rows.get(0), rows.stream().map(ContainerRow::imageId).distinct().toList()));
            }
        }
        if (candidates.isEmpty()) {
            return PodResults.checked(List.of());
        }
        if (u.workload() != null && u.workload().startsWith("Job/")) {
            return PodResults.checked(candidates.stream().map(c -> result(u, c, UpdateOutcome.UNCHANGED,
                    "a Job's pods run to completion: they are not moved")).toList());
        }
        RegistryOptions registry = registryOptions(spec, o.registry());
        List<Check> checks = candidates.stream().map(c -> check(c, registry)).toList();
        List<Check> moving = checks.stream().filter(c -> c.outcome() == UpdateOutcome.PENDING).toList();
        if (moving.isEmpty() || o.dryRun()) {
            return PodResults.checked(checks.stream().map(c -> result(u, c.c(), c.outcome(), c.reason())).toList());
        }
        List<Result> out = new ArrayList<>(checks.stream().filter(c -> c.outcome() != UpdateOutcome.PENDING)
                .map(c -> result(u, c.c(), c.outcome(), c.reason())).toList());
        List<Change> changes = new ArrayList<>();
        boolean pullFailed = false;
        for (Check c : moving) {
            try {
                String newId = c.c().policy() == UpdatePolicy.REGISTRY
                        ? images.pull(ImageReference.parse(c.c().spec().image()), registry, Platform.HOST, events).id()
                        : c.newId();
                Optional<HistoryRow> last = table.lastMove(u.key(), c.c().spec().name());
                if (last.isPresent() && UpdateDecision.triedAndRolledBack(newId, last.get().outcome(), last.get().newImage())) {
                    out.add(result(u, c.c(), UpdateOutcome.UNCHANGED, "image " + newId.substring(0, 12) + " is not tried again: "
                            + "it was rolled back at " + last.get().time() + " (" + last.get().reason() + ")"));
                    continue;
                }
                changes.add(new Change(c.c().spec().name(), c.c().row().imageName(), c.c().policy().word(), c.c().row().imageId(), newId));
            } catch (JpodException e) {
                pullFailed = true;
                out.add(result(u, c.c(), UpdateOutcome.FAILED, "cannot pull the new image: " + e.getMessage()));
            }
        }
        if (changes.isEmpty()) {
            return PodResults.checked(out);
        }
        if (pullFailed) {
            changes.forEach(ch -> out.add(changed(u, ch, UpdateOutcome.FAILED, "not moved: another image of the pod could not be pulled")));
            return PodResults.checked(out);
        }
        Entry entry = new Entry(run, o.trigger(), Phase.UPDATING, null, spec, u.workload(), changes,
                new AutoUpdateTable.Rules(o.gate().timeout().toMillis(), o.gate().settle().toMillis(), o.rollback()));
        if (!table.claim(entry.key(), UpdateMove.self(), entry, Processes::running)) {
            changes.forEach(ch -> out.add(changed(u, ch, UpdateOutcome.FAILED, "another auto-update is moving " + u.key()
                    + ", or kube play --replace or kube down is replacing or removing it")));
            return PodResults.checked(out);
        }
        if (u.workload() == null && movedMeanwhile(spec.name(), changes)) { // another run moved it between our check and our claim
            table.finish(entry.key(), UpdateMove.self(), List.of());
            changes.forEach(ch -> out.add(changed(u, ch, UpdateOutcome.UNCHANGED, null)));
            return PodResults.checked(out);
        }
        return new PodResults(out, mover.move(entry));
    }

    /** Whether pod {@code pod} no longer runs the old image of one of {@code changes}. */
    private boolean movedMeanwhile(String pod, List<Change> changes) {
        try {
            PodService.PodInfo now = pods.pod(pod);
            return changes.stream().anyMatch(ch -> now.containers().stream()
                    .filter(i -> !i.row().infra() && ch.container().equals(i.row().config().kubeName()))
                    .noneMatch(i -> i.row().imageId().equals(ch.oldId())));
        } catch (NotFoundException e) {
            return true;
        }
    }

    /**
     * Checks one container: {@code PENDING} (with the image to move to, for {@code local}),
     * {@code UNCHANGED} when every pod of it runs the image its name gives, or {@code FAILED} with why.
     */
    private Check check(Candidate c, RegistryOptions registry) {
        String image = c.spec().image();
        try {
            ImageReference ref = ImageReference.parse(image);
            Optional<String> refused = UpdateDecision.refusal(c.policy(), image, ref.isShortName());
            if (refused.isPresent()) {
                return new Check(c, UpdateOutcome.FAILED, refused.get(), null);
            }
            if (c.policy() == UpdatePolicy.REGISTRY) {
                String remote = images.remoteDigest(ref, registry);
                return new Check(c, UpdateDecision.compare(remote, c.running().stream().map(id -> images.resolve(id).digest()).toList()),
                        null, null);
            }
            Image local = images.find(ref);
            return new Check(c, UpdateDecision.compare(local.id(), c.running()), null, local.id());
        } catch (NotFoundException e) {
            return new Check(c, UpdateOutcome.FAILED, "no local image is named " + image + " any more", null);
        } catch (JpodException e) {
            return new Check(c, UpdateOutcome.FAILED, e.getMessage(), null);
        }
    }

    private static Result result(Unit u, Candidate c, UpdateOutcome outcome, String reason) {
        return new Result(u.name(), u.workload(), c.spec().name(), c.spec().image(), c.policy(), outcome, reason);
    }

    private static Result changed(Unit u, Change ch, UpdateOutcome outcome, String reason) {
        return new Result(u.name(), u.workload(), ch.container(), ch.image(), UpdatePolicy.parse(ch.policy(), ch.container()), outcome,
                reason);
    }

    /** The registry options of a pod: the run's, with the pod's own auth file when its annotation names one. */
    private static RegistryOptions registryOptions(PodSpec spec, RegistryAccess access) {
        String authfile = spec.annotations().get(UpdatePolicy.AUTHFILE_KEY);
        RegistryAccess a = authfile == null ? access : new RegistryAccess(access.tlsVerify(), access.creds(), authfile, access.chooser());
        return ImageService.registryOptions(a);
    }
}
