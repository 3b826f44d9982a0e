package io.jpod.engine;

import io.jpod.autoupdate.HealthGate;
import io.jpod.autoupdate.UpdateOutcome;
import io.jpod.autoupdate.UpdatePolicy;
import io.jpod.error.JpodException;
import io.jpod.error.NotFoundException;
import io.jpod.events.Events;
import io.jpod.host.Processes;
import io.jpod.state.AutoUpdateTable;
import io.jpod.state.AutoUpdateTable.Change;
import io.jpod.state.AutoUpdateTable.Entry;
import io.jpod.state.AutoUpdateTable.HistoryRow;
import io.jpod.state.AutoUpdateTable.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One claimed update, as its journal entry says: the pod created again on the new images (a
 * workload's pods replaced by its strategy), then checked by the {@link HealthGate}; when it
 * fails (and rollback is asked for), the old images put back under their names, the entry marked
 * {@code ROLLING_BACK}, and the pod moved again. The entry ends with the outcome recorded in the
 * history, in one transaction. Whatever point a killed jpod stopped at, doing the entry's phase
 * again from its start gives the same end.
 */
final class UpdateMove {
    private static final Duration LOOK_EVERY = Duration.ofMillis(300);

    private final PodService pods;
    private final ImageService images;
    private final Workloads workloads;
    private final AutoUpdateTable table;
    private final Events events;
    private final EventLog eventLog;

    UpdateMove(PodService pods, ImageService images, Workloads workloads, AutoUpdateTable table, Events events, EventLog eventLog) {
        this.eventLog = eventLog;
        this.pods = pods;
        this.images = images;
        this.workloads = workloads;
        this.table = table;
        this.events = events;
    }

    static long self() {
        return ProcessHandle.current().pid();
    }

    /**
     * Does {@code entry} (claimed by this process) to its end, by the rules of the run that started
     * it; its containers' results.
     */
    List<AutoUpdateService.Result> move(Entry entry) {
        HealthGate gate = new HealthGate(Duration.ofMillis(entry.rules().timeoutMillis()), Duration.ofMillis(entry.rules().settleMillis()));
        boolean rollback = entry.rules().rollback();
        Entry e = entry;
        String reason = entry.reason();
        if (e.phase() == Phase.UPDATING) {
            events.progress(e.key() + " to " + String.join(", ", e.changes().stream().map(Change::image).distinct().toList()), "Updating");
            Optional<String> failure = moveAndCheck(e, gate);
            if (failure.isEmpty()) {
                return finish(e, UpdateOutcome.UPDATED, null);
            }
            if (gone(e)) { // taken down while it was checked: nothing to put back
                return finish(e, UpdateOutcome.FAILED, "removed during the update: " + failure.get());
            }
            reason = "the new image failed: " + failure.get();
            if (!rollback) {
                return finish(e, UpdateOutcome.FAILED, reason + "; not rolled back (--rollback=false)");
            }
            e = e.withPhase(Phase.ROLLING_BACK, reason);
            table.update(e.key(), self(), e);
        }
        events.progress(e.key() + " (" + reason + ")", "Rolling back");
        try {
            for (Change c : e.changes()) {
                images.tag(c.oldId(), List.of(c.image()));
            }
        } catch (JpodException ex) {
            events.warning("auto-update of " + e.key() + ": the rollback failed, the previous images are kept in the store: " + ex.getMessage());
            return finish(e, UpdateOutcome.FAILED, reason + "; the rollback failed: " + ex.getMessage());
        }
        Optional<String> again = moveAndCheck(e, gate);
        if (again.isPresent()) {
            events.warning("auto-update of " + e.key() + ": the rollback failed too: " + again.get() + "; the previous images are kept in the store");
            return finish(e, UpdateOutcome.FAILED, reason + "; the rollback failed too: " + again.get());
        }
        return finish(e, UpdateOutcome.ROLLED_BACK, reason);
    }

    /** Whether the entry's pod or workload is no longer there. */
    private boolean gone(Entry e) {
        if (e.workload() != null) {
            return workloads.status(e.workload()).isEmpty();
        }
        try {
            pods.pod(e.spec().name());
            return false;
        } catch (NotFoundException ex) {
            return true;
        }
    }

    /** Moves the entry's pod or workload to the images the names give now and waits for the gate: empty when healthy, else why not. */
    private Optional<String> moveAndCheck(Entry e, HealthGate gate) {
        boolean probed = e.spec().containers().stream().anyMatch(c -> c.readinessProbe() != null || c.startupProbe() != null);
        Instant since = Instant.now();
        try {
            if (e.workload() != null) {
                String hash = workloads.restartRollout(e.workload());
                return waitFor(() -> rolloutVerdict(e.workload(), hash, gate, probed, since));
            }
            pods.create(e.spec(), true, true, null, false);
        } catch (JpodException ex) {
            return Optional.of(ex.getMessage());
        }
        return waitFor(() -> {
            try {
                return gate.judge(pods.pod(e.spec().name()).kube(), probed, since, Instant.now());
            } catch (NotFoundException ex) {
                return HealthGate.Verdict.failed("the pod was removed");
            }
        });
    }

    /**
     * The verdict on a workload's rollout to template {@code hash}: healthy once it is complete
     * and each new pod passes the gate on its own (from its creation); failed when a new pod fails
     * it, or the rollout is not complete within the timeout.
     */
    private HealthGate.Verdict rolloutVerdict(String owner, String hash, HealthGate gate, boolean probed, Instant since) {
        Optional<Workloads.Status> st = workloads.status(owner);
        if (st.isEmpty()) {
            return HealthGate.Verdict.failed(owner + " was removed");
        }
        Instant now = Instant.now();
        boolean allHealthy = true;
        for (PodService.PodInfo p : st.get().pods()) {
            if (!hash.equals(Workloads.templateHashOf(st.get().row().workload(), p))) {
                continue;
            }
            Optional<String> broken = HealthGate.broken(p.kube());
            if (broken.isPresent()) {
                return HealthGate.Verdict.failed("pod " + p.pod().name() + ": " + broken.get());
            }
            Instant created = p.pod().created().isAfter(since) ? p.pod().created() : since;
            allHealthy &= gate.judge(p.kube(), probed, created, now).kind() == HealthGate.Verdict.Kind.HEALTHY;
        }
        var r = st.get().rollout();
        if (r != null && r.complete() && allHealthy) {
            return HealthGate.Verdict.HEALTHY;
        }
        if (Duration.between(since, now).compareTo(gate.timeout()) >= 0) {
            return HealthGate.Verdict.failed("the rollout was not complete within "
                    + io.jpod.kubelet.GoDuration.format(gate.timeout()) + (r == null ? "" : ": " + r.updated() + " of " + r.replicas()
                    + " updated, " + r.available() + " available"));
        }
        return HealthGate.Verdict.WAIT;
    }

    private static Optional<String> waitFor(java.util.function.Supplier<HealthGate.Verdict> verdict) {
        while (true) {
            HealthGate.Verdict v = verdict.get();
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

    private List<AutoUpdateService.Result> finish(Entry e, UpdateOutcome outcome, String reason) {
        List<AutoUpdateService.Result> results = new ArrayList<>();
        List<HistoryRow> rows = new ArrayList<>();
        String name = e.workload() != null ? e.workload().substring(e.workload().indexOf('/') + 1) : e.spec().name();
        for (Change c : e.changes()) {
            AutoUpdateService.Result r = new AutoUpdateService.Result(name, e.workload(), c.container(), c.image(),
                    UpdatePolicy.parse(c.policy(), c.container()), outcome, reason);
            results.add(r);
            rows.add(row(e.run(), e.trigger(), r, c.oldId(), c.newId()));
        }
        table.finish(e.key(), self(), rows);
        for (AutoUpdateService.Result r : results) {
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("container", r.container());
            attrs.put("updated", r.outcome().word());
            if (r.reason() != null) {
                attrs.put("reason", r.reason());
            }
            eventLog.autoUpdate(r.pod(), r.workload(), r.image(), attrs);
        }
        return results;
    }

    static HistoryRow row(String run, String trigger, AutoUpdateService.Result r, String oldId, String newId) {
        return new HistoryRow(0, run, Instant.now(), trigger, r.workload() != null ? r.workload() : r.pod(), r.container(), r.image(),
                r.policy().word(), r.outcome().word(), oldId, newId, r.reason());
    }
}
