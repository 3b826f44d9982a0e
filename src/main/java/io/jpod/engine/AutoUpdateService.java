package io.jpod.engine;

import io.jpod.autoupdate.CronSchedule;
import io.jpod.autoupdate.HealthGate;
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
import java.util.List;
import java.util.Optional;

/**
 * {@code jpod auto-update}: moves the pods whose annotations ask for it ({@link UpdatePolicy}) to
 * the image their containers' names give now (in the registry, or in the local store), one pod at
 * a time, each held by its row in the store's journal; checks the moved pod with the
 * {@link HealthGate}, and if it fails puts the previous images back under their names and creates
 * the pod on them again. An update whose jpod was killed is finished by the next run: the journal
 * holds the pod as played and each container's images, so the pod is created again on the new
 * images (then checked) or on the old ones (when it was rolling back). Every run's results are
 * recorded ({@code auto-update history}).
 */
public final class AutoUpdateService {
    private static final Duration LOOK_EVERY = Duration.ofMillis(300);
    private static final String TRIGGER_MANUAL = "manual";

    private final PodService pods;
    private final ImageService images;
    private final AutoUpdateTable table;
    private final Events events;
    private final Runnable supervisorNeeded;

    AutoUpdateService(PodService pods, ImageService images, AutoUpdateTable table, Events events, Runnable supervisorNeeded) {
        this.pods = pods;
        this.images = images;
        this.table = table;
        this.events = events;
        this.supervisorNeeded = supervisorNeeded;
    }

    /**
     * What a run does.
     *
     * @param dryRun   only check: say what would change ({@code pending}), change nothing, record nothing
     * @param rollback put the previous images back when the new ones fail the gate
     * @param gate     when a moved pod counts as healthy
     * @param registry how registries are reached (a pod's {@value UpdatePolicy#AUTHFILE_KEY} annotation names its own auth file)
     * @param trigger  who asked: {@code manual}, or {@code scheduled}
     */
    public record Options(boolean dryRun, boolean rollback, HealthGate gate, RegistryAccess registry, String trigger) {
        public Options(boolean dryRun, boolean rollback, HealthGate gate, RegistryAccess registry) {
            this(dryRun, rollback, gate, registry, TRIGGER_MANUAL);
        }
    }

    /** What a run found and did to one container: podman's row of {@code auto-update}, and why. */
    public record Result(String pod, String container, String image, UpdatePolicy policy, UpdateOutcome outcome, String reason) {
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
    public void runOnSchedule(CronSchedule schedule, Options o, java.util.function.Consumer<Report> each, Waiter waiter) {
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

    /** Runs once: first finishes the updates left by a killed jpod, then checks and moves every annotated pod. */
    public Report run(Options o) {
        String run = Instant.now().toString();
        List<Result> results = new ArrayList<>();
        List<String> done = new ArrayList<>();
        if (!o.dryRun()) {
            for (AutoUpdateTable.Journal j : table.journal()) {
                if (!Processes.running(j.owner()) && table.claim(j.pod(), self(), j.entry(), Processes::running)) {
                    events.progress(j.pod(), "Finishing the interrupted update of pod");
                    results.addAll(move(j.entry(), o));
                    done.add(j.pod());
                }
            }
        }
        List<HistoryRow> notMoved = new ArrayList<>();
        for (PodService.PodInfo p : pods.pods()) {
            if (!done.contains(p.pod().name())) {
                results.addAll(updatePod(p, o, run, notMoved));
            }
        }
        if (!o.dryRun() && !notMoved.isEmpty()) {
            table.record(notMoved);
        }
        return new Report(run, results);
    }

    /** A container to check: its row, its spec in the pod, its policy. */
    private record Candidate(ContainerRow row, ContainerSpec spec, UpdatePolicy policy) {
    }

    /** What a check found for one container: nothing to do, a failure, or the image to move it to. */
    private record Check(Candidate c, UpdateOutcome outcome, String reason, String newId) {
    }

    /**
     * Checks pod {@code p}'s annotated containers and moves it when one of them has a new image;
     * the results of containers not moved are added to {@code notMoved} (a move records its own).
     */
    private List<Result> updatePod(PodService.PodInfo p, Options o, String run, List<HistoryRow> notMoved) {
        PodResults r = checkAndMove(p, o, run);
        r.checked().forEach(x -> notMoved.add(row(run, o.trigger(), x, null, null)));
        List<Result> out = new ArrayList<>(r.checked());
        out.addAll(r.moved());
        return out;
    }

    /** A pod's results: of the containers only checked (or that could not be moved), and of those a move recorded. */
    private record PodResults(List<Result> checked, List<Result> moved) {
        static PodResults checked(List<Result> checked) {
            return new PodResults(checked, List.of());
        }
    }

    private PodResults checkAndMove(PodService.PodInfo p, Options o, String run) {
        PodSpec spec = p.pod().spec();
        List<Candidate> candidates = new ArrayList<>();
        for (PodService.ContainerInfo i : p.containers()) {
            if (i.row().infra()) {
                continue;
            }
            ContainerSpec cs = spec.container(i.row().config().kubeName());
            UpdatePolicy policy;
            try {
                policy = UpdatePolicy.of(spec.annotations(), cs.name());
            } catch (JpodException e) {
                return PodResults.checked(List.of(new Result(spec.name(), cs.name(), cs.image(), UpdatePolicy.DISABLED, UpdateOutcome.FAILED,
                        e.getMessage())));
            }
            if (policy != UpdatePolicy.DISABLED) {
                candidates.add(new Candidate(i.row(), cs, policy));
            }
        }
        if (candidates.isEmpty()) {
            return PodResults.checked(List.of());
        }
        String owner = spec.annotations().get(ReplicaSpecs.OWNER);
        if (owner != null) {
            return PodResults.checked(candidates.stream().map(c -> result(spec, c, UpdateOutcome.FAILED, "pod of " + owner
                    + ": the replicas of a Deployment, DaemonSet or Job are not auto-updated yet; play it as a Pod")).toList());
        }
        RegistryOptions registry = registryOptions(spec, o.registry());
        List<Check> checks = candidates.stream().map(c -> check(c, registry)).toList();
        List<Check> moving = checks.stream().filter(c -> c.outcome() == UpdateOutcome.PENDING).toList();
        if (moving.isEmpty() || o.dryRun()) {
            return PodResults.checked(checks.stream().map(c -> result(spec, c.c(), c.outcome(), c.reason())).toList());
        }
        List<Change> changes = new ArrayList<>();
        List<Result> notMoving = new ArrayList<>();
        for (Check c : moving) {
            try {
                String newId = c.c().policy() == UpdatePolicy.REGISTRY
                        ? images.pull(ImageReference.parse(c.c().spec().image()), registry, Platform.HOST, events).id()
                        : c.newId();
                Optional<HistoryRow> last = table.lastMove(spec.name(), c.c().spec().name());
                if (last.isPresent() && last.get().outcome().equals(UpdateOutcome.ROLLED_BACK.word()) && newId.equals(last.get().newImage())) {
                    notMoving.add(result(spec, c.c(), UpdateOutcome.UNCHANGED, "image " + newId.substring(0, 12) + " is not tried again: "
                            + "it was rolled back at " + last.get().time() + " (" + last.get().reason() + ")"));
                    continue;
                }
                changes.add(new Change(c.c().spec().name(), c.c().row().imageName(), c.c().policy().word(), c.c().row().imageId(), newId));
            } catch (JpodException e) {
                notMoving.add(result(spec, c.c(), UpdateOutcome.FAILED, "cannot pull the new image: " + e.getMessage()));
            }
        }
        List<Result> out = new ArrayList<>(checks.stream().filter(c -> c.outcome() != UpdateOutcome.PENDING)
                .map(c -> result(spec, c.c(), c.outcome(), c.reason())).toList());
        out.addAll(notMoving);
        if (changes.isEmpty()) {
            return PodResults.checked(out);
        }
        if (notMoving.stream().anyMatch(r -> r.outcome() == UpdateOutcome.FAILED)) {
            changes.forEach(ch -> out.add(new Result(spec.name(), ch.container(), ch.image(), UpdatePolicy.parse(ch.policy(), ch.container()),
                    UpdateOutcome.FAILED, "not moved: another image of the pod could not be pulled")));
            return PodResults.checked(out);
        }
        Entry entry = new Entry(run, o.trigger(), Phase.UPDATING, null, spec, changes);
        if (!table.claim(spec.name(), self(), entry, Processes::running)) {
            changes.forEach(ch -> out.add(new Result(spec.name(), ch.container(), ch.image(), UpdatePolicy.parse(ch.policy(), ch.container()),
                    UpdateOutcome.FAILED, "another auto-update is moving pod " + spec.name())));
            return PodResults.checked(out);
        }
        if (movedMeanwhile(spec.name(), changes)) { // another run moved it between our check and our claim
            table.finish(spec.name(), self(), List.of());
            changes.forEach(ch -> out.add(new Result(spec.name(), ch.container(), ch.image(), UpdatePolicy.parse(ch.policy(), ch.container()),
                    UpdateOutcome.UNCHANGED, null)));
            return PodResults.checked(out);
        }
        return new PodResults(out, move(entry, o));
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

    /** Checks one container: {@code PENDING} with the image to move to, {@code UNCHANGED}, or {@code FAILED} with why. */
    private Check check(Candidate c, RegistryOptions registry) {
        String image = c.spec().image();
        try {
            ImageReference ref = ImageReference.parse(image);
            if (c.policy() == UpdatePolicy.REGISTRY) {
                if (ref.isShortName()) {
                    return new Check(c, UpdateOutcome.FAILED, "the registry policy needs a fully qualified image name "
                            + "(registry/repository:tag), not \"" + image + "\"", null);
                }
                String running = images.resolve(c.row().imageId()).digest();
                String remote = images.remoteDigest(ref, registry);
                return remote.equals(running) ? new Check(c, UpdateOutcome.UNCHANGED, null, null)
                        : new Check(c, UpdateOutcome.PENDING, null, null);
            }
            Image local = images.find(ref);
            return local.id().equals(c.row().imageId()) ? new Check(c, UpdateOutcome.UNCHANGED, null, null)
                    : new Check(c, UpdateOutcome.PENDING, null, local.id());
        } catch (NotFoundException e) {
            return new Check(c, UpdateOutcome.FAILED, "no local image is named " + image + " any more", null);
        } catch (JpodException e) {
            return new Check(c, UpdateOutcome.FAILED, e.getMessage(), null);
        }
    }

    /**
     * Moves a claimed pod as its journal entry says: creates it on the new images and checks it,
     * rolling back (the old images put back under their names, the pod created on them and
     * checked) when it fails and {@code o.rollback()}; ends the entry and records the outcome.
     */
    private List<Result> move(Entry entry, Options o) {
        String pod = entry.spec().name();
        Entry e = entry;
        String reason = entry.reason();
        if (e.phase() == Phase.UPDATING) {
            events.progress(pod + " to " + String.join(", ", e.changes().stream().map(Change::image).toList()), "Updating pod");
            Optional<String> failure = createAndCheck(e.spec(), o.gate());
            if (failure.isEmpty()) {
                return finish(e, o, UpdateOutcome.UPDATED, null);
            }
            reason = "the new image failed: " + failure.get();
            if (!o.rollback()) {
                return finish(e, o, UpdateOutcome.FAILED, reason + "; not rolled back (--rollback=false)");
            }
            e = e.withPhase(Phase.ROLLING_BACK, reason);
            table.update(pod, self(), e);
        }
        events.progress(pod + " (" + reason + ")", "Rolling back pod");
        try {
            for (Change c : e.changes()) {
                images.tag(c.oldId(), List.of(c.image()));
            }
        } catch (JpodException ex) {
            events.warning("auto-update of pod " + pod + ": the rollback failed, the previous images are kept in the store: "
                    + ex.getMessage());
            return finish(e, o, UpdateOutcome.FAILED, reason + "; the rollback failed: " + ex.getMessage());
        }
        Optional<String> again = createAndCheck(e.spec(), o.gate());
        if (again.isPresent()) {
            events.warning("auto-update of pod " + pod + ": the rollback failed too: " + again.get()
                    + "; the previous images are kept in the store");
            return finish(e, o, UpdateOutcome.FAILED, reason + "; the rollback failed too: " + again.get());
        }
        return finish(e, o, UpdateOutcome.ROLLED_BACK, reason);
    }

    /** Creates the pod again on the images its names give now and waits for the gate's verdict: empty when healthy, else why not. */
    private Optional<String> createAndCheck(PodSpec spec, HealthGate gate) {
        try {
            pods.create(spec, true, true, null, false);
        } catch (JpodException e) {
            return Optional.of(e.getMessage());
        }
        Instant since = Instant.now();
        boolean probed = spec.containers().stream().anyMatch(c -> c.readinessProbe() != null || c.startupProbe() != null);
        while (true) {
            HealthGate.Verdict v;
            try {
                v = gate.judge(pods.pod(spec.name()).kube(), probed, since, Instant.now());
            } catch (NotFoundException e) {
                return Optional.of("the pod was removed");
            }
            switch (v.kind()) {
                case HEALTHY:
                    return Optional.empty();
                case FAILED:
                    return Optional.of(v.reason());
                default:
                    Processes.sleep(LOOK_EVERY.toMillis());
            }
        }
    }

    private List<Result> finish(Entry e, Options o, UpdateOutcome outcome, String reason) {
        List<Result> results = new ArrayList<>();
        List<HistoryRow> rows = new ArrayList<>();
        for (Change c : e.changes()) {
            Result r = new Result(e.spec().name(), c.container(), c.image(), UpdatePolicy.parse(c.policy(), c.container()), outcome, reason);
            results.add(r);
            rows.add(row(e.run(), e.trigger(), r, c.oldId(), c.newId()));
        }
        table.finish(e.spec().name(), self(), rows);
        return results;
    }

    private static HistoryRow row(String run, String trigger, Result r, String oldId, String newId) {
        return new HistoryRow(0, run, Instant.now(), trigger, r.pod(), r.container(), r.image(), r.policy().word(), r.outcome().word(),
                oldId, newId, r.reason());
    }

    private static Result result(PodSpec spec, Candidate c, UpdateOutcome outcome, String reason) {
        return new Result(spec.name(), c.spec().name(), c.spec().image(), c.policy(), outcome, reason);
    }

    /** The registry options of a pod: the run's, with the pod's own auth file when its annotation names one. */
    private static RegistryOptions registryOptions(PodSpec spec, RegistryAccess access) {
        String authfile = spec.annotations().get(UpdatePolicy.AUTHFILE_KEY);
        RegistryAccess a = authfile == null ? access : new RegistryAccess(access.tlsVerify(), access.creds(), authfile, access.chooser());
        return ImageService.registryOptions(a);
    }

    private static long self() {
        return ProcessHandle.current().pid();
    }
}
