package io.jpod.workload;

import io.jpod.pod.RestartPolicy;
import io.jpod.pod.Workload;
import io.jpod.pod.Workload.JobSpec;
import io.jpod.workload.ReplicaView.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Job controller's decisions, pure: from the Job, what it has recorded, and its pods now,
 * which pods to create (with their completion index), which to remove, and whether the Job has
 * completed or failed (completions, parallelism, backoffLimit, activeDeadlineSeconds,
 * ttlSecondsAfterFinished, Indexed).
 */
public final class JobController {
    /** The reason of a Job that ran past its activeDeadlineSeconds, as Kubernetes gives it. */
    public static final String DEADLINE_EXCEEDED = "DeadlineExceeded";
    /** The reason of a Job that failed more than backoffLimit times, as Kubernetes gives it. */
    public static final String BACKOFF_LIMIT_EXCEEDED = "BackoffLimitExceeded";
    private static final String DEADLINE_MESSAGE = "Job was active longer than specified deadline";
    private static final String BACKOFF_LIMIT_MESSAGE = "Job has reached the specified backoff limit";

    private JobController() {
    }

    /** A finished Job's condition. */
    public enum Condition {
        COMPLETE("Complete"), FAILED("Failed");

        private final String kubeName;

        Condition(String kubeName) {
            this.kubeName = kubeName;
        }

        public String kubeName() {
            return kubeName;
        }
    }

    /**
     * What the controller records of a Job between decisions (kept in the store).
     *
     * @param startTime  when it started (null before the first decision)
     * @param finishedAt when it completed or failed, else null
     * @param condition  COMPLETE or FAILED once finished, else null
     * @param reason     why it failed (BackoffLimitExceeded, DeadlineExceeded), else null
     * @param message    the failure in words, else null
     */
    public record JobState(Instant startTime, Instant finishedAt, Condition condition, String reason, String message) {
        public static final JobState NEW = new JobState(null, null, null, null, null);

        public boolean finished() {
            return condition != null;
        }
    }

    /**
     * What to do now.
     *
     * @param create    the completion index of each pod to create (NonIndexed Jobs: null entries)
     * @param remove    the names of pods to remove: active pods of a finished Job, gone pods
     * @param next      the state to record
     * @param recheckAt when the decision may change without any pod changing (a back-off, the deadline, the TTL); empty if never
     * @param delete    whether the Job and all its pods are to be removed (its ttlSecondsAfterFinished passed)
     * @param status    the Job's counts now
     */
    public record Decision(List<Integer> create, List<String> remove, JobState next, Optional<Instant> recheckAt, boolean delete,
            JobStatus status) {
        public Decision {
            create = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(create));
            remove = List.copyOf(remove);
        }
    }

    /**
     * A Job's counts, as kubectl and the Job's status show them.
     *
     * @param active    pods pending or running
     * @param succeeded pods that succeeded (Indexed: distinct indexes)
     * @param failed    failures counted against backoffLimit
     */
    public record JobStatus(int active, int succeeded, int failed) {
    }

    /**
     * The decision for Job {@code w} ({@code w.job()}, its template's restartPolicy) in {@code state}, with
     * {@code pods} at {@code now}; after a failure a new pod waits {@code backOff} doubled per failure, at most {@code maxBackOff}.
     */
    public static Decision decide(Workload w, JobState state, List<ReplicaView> pods, Instant now, Duration backOff, Duration maxBackOff) {
        JobSpec job = w.job();
        Counts counts = Counts.of(job, w.template().restartPolicy(), pods);
        if (state.finished()) {
            return afterFinish(job, state, counts, now);
        }
        Instant start = state.startTime() != null ? state.startTime() : now;
        Optional<Instant> deadline = Optional.ofNullable(job.activeDeadlineSeconds()).map(start::plusSeconds);
        if (deadline.isPresent() && !now.isBefore(deadline.get())) {
            return finish(job, start, counts, now, Condition.FAILED, DEADLINE_EXCEEDED, DEADLINE_MESSAGE);
        }
        if (counts.failed() > job.backoffLimit()) {
            return finish(job, start, counts, now, Condition.FAILED, BACKOFF_LIMIT_EXCEEDED, BACKOFF_LIMIT_MESSAGE);
        }
        if (complete(job, counts)) {
            return finish(job, start, counts, now, Condition.COMPLETE, null, null);
        }
        List<Integer> create = wanted(job, counts);
        Optional<Instant> backOffUntil = create.isEmpty() || w.template().restartPolicy() == RestartPolicy.ON_FAILURE
                ? Optional.empty() : backOffUntil(counts.failedPods(), now, backOff, maxBackOff);
        if (backOffUntil.isPresent()) {
            create = List.of();
        }
        JobState next = new JobState(start, null, null, null, null);
        return new Decision(create, counts.gone(), next, earliest(backOffUntil, deadline), false, counts.status(counts.active().size()));
    }

    /**
     * A Job's pods counted (gone pods aside, and their restarts with them).
     *
     * @param gone        the names of the gone pods, to remove
     * @param active      the pods pending or running
     * @param failedPods  the pods that failed
     * @param doneIndexes an Indexed Job's indexes in [0, completions) that succeeded
     * @param succeeded   pods that succeeded (Indexed: distinct indexes)
     * @param failed      failures counted against backoffLimit: failed pods, and restarts with OnFailure
     */
    private record Counts(List<String> gone, List<ReplicaView> active, List<ReplicaView> failedPods, Set<Integer> doneIndexes,
            int succeeded, int failed) {
        static Counts of(JobSpec job, RestartPolicy restartPolicy, List<ReplicaView> pods) {
            List<ReplicaView> live = pods.stream().filter(p -> p.phase() != Phase.GONE).toList();
            List<ReplicaView> succeededPods = live.stream().filter(p -> p.phase() == Phase.SUCCEEDED).toList();
            List<ReplicaView> failedPods = live.stream().filter(p -> p.phase() == Phase.FAILED).toList();
            Set<Integer> doneIndexes = succeededPods.stream().map(ReplicaView::index).filter(i -> inRange(job, i)).collect(Collectors.toSet());
            int restarts = restartPolicy == RestartPolicy.ON_FAILURE ? live.stream().mapToInt(ReplicaView::restarts).sum() : 0;
            return new Counts(
                    pods.stream().filter(p -> p.phase() == Phase.GONE).map(ReplicaView::name).toList(),
                    live.stream().filter(ReplicaView::active).toList(),
                    failedPods,
                    doneIndexes,
                    job.indexed() ? doneIndexes.size() : succeededPods.size(),
                    failedPods.size() + restarts);
        }

        JobStatus status(int active) {
            return new JobStatus(active, succeeded, failed);
        }
    }

    private static boolean inRange(JobSpec job, Integer index) {
        return index != null && index >= 0 && (job.completions() == null || index < job.completions());
    }

    /** A finished Job: nothing more runs; it is deleted once its ttlSecondsAfterFinished passed. */
    private static Decision afterFinish(JobSpec job, JobState state, Counts counts, Instant now) {
        List<String> remove = new ArrayList<>(counts.gone());
        counts.active().forEach(p -> remove.add(p.name()));
        Optional<Instant> expiry = expiry(job, state.finishedAt());
        boolean delete = expiry.isPresent() && !now.isBefore(expiry.get());
        return new Decision(List.of(), remove, state, delete ? Optional.empty() : expiry, delete, counts.status(0));
    }

    /** The Job ends now as {@code condition}: its active pods are removed. */
    private static Decision finish(JobSpec job, Instant start, Counts counts, Instant now, Condition condition, String reason,
            String message) {
        List<String> remove = new ArrayList<>(counts.gone());
        counts.active().forEach(p -> remove.add(p.name()));
        JobState next = new JobState(start, now, condition, reason, message);
        return new Decision(List.of(), remove, next, expiry(job, now), false, counts.status(0));
    }

    /** When a Job finished at {@code finishedAt} is to be deleted; empty without ttlSecondsAfterFinished. */
    private static Optional<Instant> expiry(JobSpec job, Instant finishedAt) {
        Long ttl = job.ttlSecondsAfterFinished();
        return ttl == null || finishedAt == null ? Optional.empty() : Optional.of(finishedAt.plusSeconds(ttl));
    }

    /** Completions reached; with no completions, one pod succeeded and none is left running. */
    private static boolean complete(JobSpec job, Counts counts) {
        if (job.completions() != null) {
            return counts.succeeded() >= job.completions();
        }
        return counts.succeeded() >= 1 && counts.active().isEmpty();
    }

    /** The pods to create, without back-off: up to parallelism active, no more than the completions still missing. */
    private static List<Integer> wanted(JobSpec job, Counts counts) {
        if (job.parallelism() <= 0) {
            return List.of();
        }
        if (job.indexed()) {
            return pendingIndexes(job, counts, job.parallelism() - counts.active().size());
        }
        int wanted;
        if (job.completions() != null) {
            wanted = Math.min(job.parallelism(), job.completions() - counts.succeeded());
        } else {
            wanted = counts.succeeded() >= 1 ? 0 : job.parallelism();
        }
        int n = Math.max(0, wanted - counts.active().size());
        return Collections.nCopies(n, null);
    }

    /** The lowest indexes neither succeeded nor active, at most {@code room} of them. */
    private static List<Integer> pendingIndexes(JobSpec job, Counts counts, int room) {
        if (job.completions() == null) {
            throw new IllegalArgumentException("an Indexed Job needs completions");
        }
        Set<Integer> running = counts.active().stream().map(ReplicaView::index).filter(Objects::nonNull).collect(Collectors.toSet());
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < job.completions() && pending.size() < room; i++) {
            if (!counts.doneIndexes().contains(i) && !running.contains(i)) {
                pending.add(i);
            }
        }
        return pending;
    }

    /** When a new pod may start after the failed pods: backOff doubled per failed pod, at most maxBackOff, after the last. */
    private static Optional<Instant> backOffUntil(List<ReplicaView> failedPods, Instant now, Duration backOff, Duration maxBackOff) {
        Optional<Instant> lastFailure = failedPods.stream().map(ReplicaView::finished).filter(Objects::nonNull).max(Comparator.naturalOrder());
        if (lastFailure.isEmpty()) {
            return Optional.empty();
        }
        Instant until = lastFailure.get().plus(backOffDelay(failedPods.size(), backOff, maxBackOff));
        return now.isBefore(until) ? Optional.of(until) : Optional.empty();
    }

    /** {@code backOff} × 2^(failures − 1), at most {@code maxBackOff}. */
    private static Duration backOffDelay(int failures, Duration backOff, Duration maxBackOff) {
        Duration delay = backOff;
        for (int i = 1; i < failures && delay.compareTo(maxBackOff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackOff) > 0 ? maxBackOff : delay;
    }

    private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
        return Stream.concat(a.stream(), b.stream()).min(Comparator.naturalOrder());
    }
}
