package io.jpod.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodSpec;
import io.jpod.pod.RestartPolicy;
import io.jpod.pod.Workload;
import io.jpod.pod.Workload.JobSpec;
import io.jpod.workload.JobController.Condition;
import io.jpod.workload.JobController.Decision;
import io.jpod.workload.JobController.JobState;
import io.jpod.workload.JobController.JobStatus;
import io.jpod.workload.ReplicaView.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class JobControllerTest {
    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
    private static final Duration BACK_OFF = Duration.ofSeconds(10);
    private static final Duration MAX_BACK_OFF = Duration.ofSeconds(60);
    private static final JobState STARTED = new JobState(T0, null, null, null, null);

    // --- unit rules ---

    @Test
    void theFirstDecisionRecordsTheStartAndCreatesUpToParallelism() {
        Decision d = decide(job(5, 2), JobState.NEW, List.of(), T0);
        assertEquals(Arrays.asList(null, null), d.create());
        assertEquals(new JobState(T0, null, null, null, null), d.next());
        assertEquals(List.of(), d.remove());
        assertEquals(Optional.empty(), d.recheckAt());
        assertFalse(d.delete());
        assertEquals(new JobStatus(0, 0, 0), d.status());
    }

    @Test
    void theStartTimeIsKept() {
        Decision d = decide(job(5, 2), STARTED, List.of(running("p1", null)), T0.plusSeconds(30));
        assertEquals(T0, d.next().startTime());
        assertEquals(Arrays.asList((Integer) null), d.create());
        assertEquals(new JobStatus(1, 0, 0), d.status());
    }

    @Test
    void noMorePodsRunThanTheCompletionsStillMissing() {
        assertEquals(3, decide(job(3, 5), STARTED, List.of(), T0).create().size());
        List<ReplicaView> pods = List.of(succeeded("p1", null), succeeded("p2", null), running("p3", null));
        Decision d = decide(job(4, 5), STARTED, pods, T0);
        assertEquals(1, d.create().size());
        assertEquals(new JobStatus(1, 2, 0), d.status());
        assertEquals(List.of(), decide(job(3, 5), STARTED, pods, T0).create(), "the running pod is the last one wanted");
    }

    @Test
    void withoutCompletionsParallelPodsRunUntilOneSucceedsAndTheOthersEnd() {
        Workload w = job(null, 2);
        assertEquals(2, decide(w, STARTED, List.of(), T0).create().size());
        assertEquals(1, decide(w, STARTED, List.of(running("p1", null)), T0).create().size());

        Decision waiting = decide(w, STARTED, List.of(succeeded("p1", null), running("p2", null)), T0);
        assertEquals(List.of(), waiting.create(), "a success: no new pod");
        assertFalse(waiting.next().finished(), "the other pod still runs");

        Decision done = decide(w, STARTED, List.of(succeeded("p1", null), failed("p2", null, T0)), T0.plusSeconds(1));
        assertEquals(Condition.COMPLETE, done.next().condition());
        assertEquals(T0.plusSeconds(1), done.next().finishedAt());
        assertEquals(new JobStatus(0, 1, 1), done.status());
    }

    @Test
    void aCompleteJobRemovesThePodsLeftRunning() {
        Decision d = decide(job(2, 3), STARTED, List.of(succeeded("p1", null), succeeded("p2", null), running("p3", null)),
                T0.plusSeconds(5));
        assertEquals(new JobState(T0, T0.plusSeconds(5), Condition.COMPLETE, null, null), d.next());
        assertEquals(List.of("p3"), d.remove());
        assertEquals(List.of(), d.create());
        assertFalse(d.delete());
        assertEquals(new JobStatus(0, 2, 0), d.status());
    }

    @Test
    void anIndexedJobCreatesTheLowestIndexesNeitherDoneNorRunning() {
        List<ReplicaView> pods = List.of(succeeded("p0", 0), succeeded("p2", 2), running("p1", 1));
        assertEquals(List.of(3, 4), decide(indexed(5, 3), STARTED, pods, T0).create());
        assertEquals(List.of(3), decide(indexed(5, 2), STARTED, pods, T0).create());
        assertEquals(List.of(0, 1), decide(indexed(5, 2), STARTED, List.of(), T0).create());
    }

    @Test
    void anIndexedJobCountsEachSucceededIndexOnce() {
        List<ReplicaView> pods = List.of(succeeded("a", 0), succeeded("b", 0), failed("c", 1, T0.minusSeconds(100)), running("d", 1));
        Decision d = decide(indexed(3, 3), STARTED, pods, T0);
        assertEquals(new JobStatus(1, 1, 1), d.status());
        assertEquals(List.of(2), d.create());

        Decision done = decide(indexed(3, 3), STARTED, List.of(succeeded("a", 0), succeeded("b", 2), succeeded("c", 1)), T0);
        assertEquals(Condition.COMPLETE, done.next().condition());
    }

    @Test
    void anIndexedJobNeedsCompletions() {
        assertThrows(IllegalArgumentException.class, () -> decide(indexed(null, 1), STARTED, List.of(), T0));
    }

    @Test
    void moreFailuresThanTheBackoffLimitFailTheJobAndRemoveItsActivePods() {
        List<ReplicaView> pods = List.of(failed("f1", null, T0), failed("f2", null, T0), failed("f3", null, T0),
                running("r1", null), pending("r2", null), succeeded("s1", null));
        Decision d = decide(job(5, 3, 2, null, null, false, RestartPolicy.NEVER), STARTED, pods, T0.plusSeconds(1));
        assertEquals(new JobState(T0, T0.plusSeconds(1), Condition.FAILED, JobController.BACKOFF_LIMIT_EXCEEDED,
                "Job has reached the specified backoff limit"), d.next());
        assertEquals(List.of("r1", "r2"), d.remove());
        assertEquals(List.of(), d.create());
        assertEquals(new JobStatus(0, 1, 3), d.status());

        Decision atTheLimit = decide(job(5, 3, 3, null, null, false, RestartPolicy.NEVER), STARTED, pods, T0.plusSeconds(100));
        assertFalse(atTheLimit.next().finished(), "3 failures are within a limit of 3");
    }

    @Test
    void withOnFailureRestartsCountTowardsTheBackoffLimit() {
        List<ReplicaView> pods = List.of(restarted("p1", 3), restarted("p2", 4));
        Decision failed = decide(job(2, 2, 6, null, null, false, RestartPolicy.ON_FAILURE), STARTED, pods, T0);
        assertEquals(Condition.FAILED, failed.next().condition());
        assertEquals("BackoffLimitExceeded", failed.next().reason());
        assertEquals(List.of("p1", "p2"), failed.remove());
        assertEquals(new JobStatus(0, 0, 7), failed.status());

        Decision running = decide(job(2, 2, 7, null, null, false, RestartPolicy.ON_FAILURE), STARTED, pods, T0);
        assertFalse(running.next().finished());
        assertEquals(new JobStatus(2, 0, 7), running.status());

        Decision never = decide(job(2, 2, 6, null, null, false, RestartPolicy.NEVER), STARTED, pods, T0);
        assertFalse(never.next().finished(), "with Never restarts do not count");
    }

    @Test
    void theDeadlineFailsTheJobAndRemovesItsActivePods() {
        Workload w = job(3, 2, 6, 10L, null, false, RestartPolicy.NEVER);
        List<ReplicaView> pods = List.of(running("p1", null), succeeded("p2", null));
        Decision before = decide(w, STARTED, pods, T0.plusSeconds(9));
        assertFalse(before.next().finished());
        assertEquals(Optional.of(T0.plusSeconds(10)), before.recheckAt());

        Decision at = decide(w, STARTED, pods, T0.plusSeconds(10));
        assertEquals(new JobState(T0, T0.plusSeconds(10), Condition.FAILED, "DeadlineExceeded",
                "Job was active longer than specified deadline"), at.next());
        assertEquals(List.of("p1"), at.remove());
        assertEquals(List.of(), at.create());
        assertEquals(new JobStatus(0, 1, 0), at.status());
    }

    @Test
    void theDeadlineComesBeforeTheBackoffLimitAndCompletion() {
        List<ReplicaView> pods = List.of(failed("f1", null, T0), failed("f2", null, T0), succeeded("s1", null));
        Decision d = decide(job(1, 1, 0, 5L, null, false, RestartPolicy.NEVER), STARTED, pods, T0.plusSeconds(5));
        assertEquals("DeadlineExceeded", d.next().reason());
    }

    @Test
    void theDeadlineCountsFromTheFirstDecision() {
        Workload w = job(1, 1, 6, 0L, null, false, RestartPolicy.NEVER);
        Decision d = decide(w, JobState.NEW, List.of(), T0);
        assertEquals("DeadlineExceeded", d.next().reason(), "a deadline of 0 has passed at once");
        assertEquals(T0, d.next().startTime());
    }

    @Test
    void aNewPodWaitsAfterAFailureTheBackOffDoubledPerFailureUpToTheMaximum() {
        Workload w = job(1, 1, 20, null, null, false, RestartPolicy.NEVER);
        Decision waiting = decide(w, STARTED, List.of(failed("f1", null, T0)), T0.plusSeconds(5));
        assertEquals(List.of(), waiting.create());
        assertEquals(Optional.of(T0.plusSeconds(10)), waiting.recheckAt());
        assertFalse(waiting.next().finished());

        Decision then = decide(w, STARTED, List.of(failed("f1", null, T0)), T0.plusSeconds(10));
        assertEquals(1, then.create().size());
        assertEquals(Optional.empty(), then.recheckAt());

        assertEquals(Optional.of(T0.plusSeconds(20)), backOffFor(w, 2));
        assertEquals(Optional.of(T0.plusSeconds(40)), backOffFor(w, 3));
        assertEquals(Optional.of(T0.plusSeconds(60)), backOffFor(w, 4), "80s, capped at 60s");
        assertEquals(Optional.of(T0.plusSeconds(60)), backOffFor(w, 15));
    }

    @Test
    void theBackOffCountsFromTheLatestFailure() {
        Workload w = job(1, 1, 20, null, null, false, RestartPolicy.NEVER);
        List<ReplicaView> pods = List.of(failed("f1", null, T0.minusSeconds(100)), failed("f2", null, T0));
        assertEquals(Optional.of(T0.plusSeconds(20)), decide(w, STARTED, pods, T0).recheckAt());
    }

    @Test
    void theRecheckIsTheEarliestOfTheBackOffAndTheDeadline() {
        Workload w = job(1, 1, 20, 15L, null, false, RestartPolicy.NEVER);
        List<ReplicaView> pods = List.of(failed("f1", null, T0.plusSeconds(1)), failed("f2", null, T0.plusSeconds(1)));
        assertEquals(Optional.of(T0.plusSeconds(15)), decide(w, STARTED, pods, T0.plusSeconds(2)).recheckAt());
        Workload later = job(1, 1, 20, 60L, null, false, RestartPolicy.NEVER);
        assertEquals(Optional.of(T0.plusSeconds(21)), decide(later, STARTED, pods, T0.plusSeconds(2)).recheckAt());
    }

    @Test
    void withOnFailureAFailedPodIsReplacedWithoutDelay() {
        Workload w = job(1, 1, 20, null, null, false, RestartPolicy.ON_FAILURE);
        Decision d = decide(w, STARTED, List.of(failed("f1", null, T0)), T0);
        assertEquals(1, d.create().size());
        assertEquals(Optional.empty(), d.recheckAt());
    }

    @Test
    void goneOrEndedPodsAreReplacedWhileStillNeeded() {
        Decision d = decide(job(2, 2), STARTED, List.of(running("p1", null), gone("p2", null)), T0);
        assertEquals(List.of("p2"), d.remove());
        assertEquals(1, d.create().size());
        assertEquals(new JobStatus(1, 0, 0), d.status());

        Decision idx = decide(indexed(2, 2), STARTED, List.of(running("p0", 0), gone("p1", 1)), T0);
        assertEquals(List.of(1), idx.create());
    }

    @Test
    void aGonePodsRestartsDoNotCount() {
        Workload w = job(1, 1, 2, null, null, false, RestartPolicy.ON_FAILURE);
        ReplicaView gone = new ReplicaView("p1", "hash1", null, Phase.GONE, T0, null, null, 5);
        Decision d = decide(w, STARTED, List.of(gone), T0);
        assertFalse(d.next().finished());
        assertEquals(new JobStatus(0, 0, 0), d.status());
    }

    @Test
    void parallelismZeroCreatesNothing() {
        assertEquals(List.of(), decide(job(3, 0), STARTED, List.of(), T0).create());
        assertEquals(List.of(), decide(indexed(3, 0), STARTED, List.of(), T0).create());
        assertEquals(List.of(), decide(job(null, 0), STARTED, List.of(), T0).create());
    }

    @Test
    void aFinishedJobIsDeletedOnceItsTtlHasPassed() {
        Workload w = job(1, 1, 6, null, 30L, false, RestartPolicy.NEVER);
        JobState done = new JobState(T0, T0.plusSeconds(5), Condition.COMPLETE, null, null);
        List<ReplicaView> pods = List.of(succeeded("p1", null));

        Decision kept = decide(w, done, pods, T0.plusSeconds(20));
        assertFalse(kept.delete());
        assertEquals(Optional.of(T0.plusSeconds(35)), kept.recheckAt());
        assertEquals(done, kept.next());
        assertEquals(List.of(), kept.create());
        assertEquals(List.of(), kept.remove());
        assertEquals(new JobStatus(0, 1, 0), kept.status());

        Decision deleted = decide(w, done, pods, T0.plusSeconds(35));
        assertTrue(deleted.delete());
        assertEquals(Optional.empty(), deleted.recheckAt());
    }

    @Test
    void withoutTtlAFinishedJobIsKept() {
        JobState failed = new JobState(T0, T0, Condition.FAILED, "BackoffLimitExceeded", "Job has reached the specified backoff limit");
        Decision d = decide(job(1, 1), failed, List.of(failed("p1", null, T0)), T0.plusSeconds(100_000));
        assertFalse(d.delete());
        assertEquals(Optional.empty(), d.recheckAt());
        assertEquals(failed, d.next());
        assertEquals(List.of(), d.create());
    }

    @Test
    void aTtlOfZeroDeletesAtTheNextDecision() {
        Workload w = job(1, 1, 6, null, 0L, false, RestartPolicy.NEVER);
        Decision finishing = decide(w, STARTED, List.of(succeeded("p1", null)), T0.plusSeconds(3));
        assertEquals(Condition.COMPLETE, finishing.next().condition());
        assertFalse(finishing.delete());
        assertEquals(Optional.of(T0.plusSeconds(3)), finishing.recheckAt());

        assertTrue(decide(w, finishing.next(), List.of(succeeded("p1", null)), T0.plusSeconds(3)).delete());
    }

    @Test
    void aFinishedJobRemovesStrayActiveAndGonePods() {
        JobState done = new JobState(T0, T0, Condition.COMPLETE, null, null);
        Decision d = decide(job(1, 1), done, List.of(succeeded("p1", null), running("p2", null), gone("p3", null)), T0);
        assertEquals(List.of("p3", "p2"), d.remove());
        assertEquals(List.of(), d.create());
        assertEquals(new JobStatus(0, 1, 0), d.status());
    }

    // --- simulated runs ---

    @Test
    void aSimulatedJobOfThreeCompletionsRunsAtMostTwoPodsAtOnce() {
        // pod n runs n % 3 + 1 steps, then succeeds
        Run run = simulate(job(3, 2), (p, now) -> ranFor(p, now, seq(p) % 3 + 1) ? Phase.SUCCEEDED : Phase.RUNNING, Duration.ZERO);
        assertEquals(Condition.COMPLETE, run.state().condition());
        assertEquals(2, run.maxActive());
        assertEquals(3, count(run.pods(), Phase.SUCCEEDED));
        assertEquals(0, run.pods().stream().filter(ReplicaView::active).count());
    }

    @Test
    void aSimulatedIndexedJobSucceedsEachIndexExactlyOnce() {
        Set<Integer> failedOnce = new HashSet<>();
        // index 1 fails at its first try; index i runs 3 - i steps
        Run run = simulate(indexed(3, 2), (p, now) -> {
            if (!ranFor(p, now, 3 - p.index())) {
                return Phase.RUNNING;
            }
            return p.index() == 1 && failedOnce.add(1) ? Phase.FAILED : Phase.SUCCEEDED;
        }, Duration.ZERO);
        assertEquals(Condition.COMPLETE, run.state().condition());
        assertTrue(run.maxActive() <= 2);
        Map<Integer, Integer> successes = new HashMap<>();
        run.pods().stream().filter(p -> p.phase() == Phase.SUCCEEDED).forEach(p -> successes.merge(p.index(), 1, Integer::sum));
        assertEquals(Map.of(0, 1, 1, 1, 2, 1), successes);
        assertEquals(1, count(run.pods(), Phase.FAILED));
        assertTrue(run.pods().stream().allMatch(p -> p.name().startsWith("batch-" + p.index() + "-")));
    }

    @Test
    void aSimulatedJobWhosePodsFailStopsAtTheBackoffLimitRemovingTheActiveOnes() {
        // the first pod runs forever, every other fails at once
        Run run = simulate(job(5, 2, 2, null, null, false, RestartPolicy.NEVER),
                (p, now) -> seq(p) == 0 ? Phase.RUNNING : Phase.FAILED, Duration.ZERO);
        assertEquals(new JobState(T0, run.state().finishedAt(), Condition.FAILED, "BackoffLimitExceeded",
                "Job has reached the specified backoff limit"), run.state());
        assertEquals(3, count(run.pods(), Phase.FAILED));
        assertTrue(run.removed().contains("batch-0"), "the running pod was removed");
        assertEquals(0, run.pods().stream().filter(ReplicaView::active).count());
        assertTrue(run.maxActive() <= 2);
    }

    @Test
    void aSimulatedJobPastItsDeadlineFails() {
        Run run = simulate(job(1, 1, 6, 5L, null, false, RestartPolicy.NEVER), (p, now) -> Phase.RUNNING, Duration.ZERO);
        assertEquals(Condition.FAILED, run.state().condition());
        assertEquals("DeadlineExceeded", run.state().reason());
        assertEquals(T0.plusSeconds(5), run.state().finishedAt());
        assertEquals(List.of("batch-0"), run.removed());
        assertEquals(0, run.pods().stream().filter(ReplicaView::active).count());
    }

    @Test
    void aSimulatedJobWithATtlIsDeletedThatLongAfterItFinished() {
        Run run = simulate(job(1, 1, 6, null, 4L, false, RestartPolicy.NEVER),
                (p, now) -> ranFor(p, now, 2) ? Phase.SUCCEEDED : Phase.RUNNING, Duration.ZERO);
        assertEquals(Condition.COMPLETE, run.state().condition());
        assertEquals(T0.plusSeconds(2), run.state().finishedAt(), "its pod succeeded after 2s");
        assertEquals(T0.plusSeconds(6), run.deletedAt());
    }

    @Test
    void aSimulatedFailingJobWaitsLongerAfterEachFailure() {
        Run run = simulate(job(1, 1, 6, null, null, false, RestartPolicy.NEVER), (p, now) -> Phase.FAILED, BACK_OFF);
        assertEquals("BackoffLimitExceeded", run.state().reason());
        List<ReplicaView> pods = run.pods();
        assertEquals(7, pods.size());
        List<Long> waits = new ArrayList<>();
        for (int i = 1; i < pods.size(); i++) {
            waits.add(Duration.between(pods.get(i - 1).finished(), pods.get(i).created()).toSeconds());
        }
        assertEquals(List.of(10L, 20L, 40L, 60L, 60L, 60L), waits);
    }

    // --- the simulation ---

    /**
     * A Job run to its end.
     *
     * @param state     the state last recorded
     * @param pods      the pods left (the ended ones stay, as the store keeps them)
     * @param removed   the names of the pods the controller removed
     * @param maxActive the most pods active at once
     * @param deletedAt when the controller deleted the Job, or null
     */
    private record Run(JobState state, List<ReplicaView> pods, List<String> removed, int maxActive, Instant deletedAt) {
    }

    /**
     * Decides every second, applies the decision, then lets each active pod run a second: it ends, or keeps running, as
     * {@code outcome} says for it at the new time. Stops when the Job is deleted, or finished without a TTL.
     */
    private static Run simulate(Workload w, BiFunction<ReplicaView, Instant, Phase> outcome, Duration backOff) {
        JobState state = JobState.NEW;
        List<ReplicaView> pods = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        int maxActive = 0;
        int seq = 0;
        Instant now = T0;
        for (int step = 0; step < 1000; step++) {
            Decision d = JobController.decide(w, state, pods, now, backOff, MAX_BACK_OFF);
            state = d.next();
            if (d.delete()) {
                return new Run(state, pods, removed, maxActive, now);
            }
            pods.removeIf(p -> d.remove().contains(p.name()));
            removed.addAll(d.remove());
            for (Integer index : d.create()) {
                String name = index == null ? "batch-" + seq : ReplicaNames.podName("batch", index.toString(), Integer.toString(seq));
                pods.add(new ReplicaView(name, "hash1", index, Phase.RUNNING, now, now, null, 0));
                seq++;
            }
            int active = (int) pods.stream().filter(ReplicaView::active).count();
            assertTrue(active <= w.job().parallelism(), "step " + step + ": " + active + " pods active");
            maxActive = Math.max(maxActive, active);
            if (state.finished() && w.job().ttlSecondsAfterFinished() == null) {
                return new Run(state, pods, removed, maxActive, null);
            }
            Instant later = now.plusSeconds(1);
            pods.replaceAll(p -> p.active() ? end(p, outcome.apply(p, later), later) : p);
            now = later;
        }
        fail("the Job did not finish");
        return null;
    }

    private static ReplicaView end(ReplicaView p, Phase phase, Instant now) {
        if (phase == Phase.RUNNING) {
            return p;
        }
        return new ReplicaView(p.name(), p.templateHash(), p.index(), phase, p.created(), null, now, p.restarts());
    }

    private static boolean ranFor(ReplicaView p, Instant now, int seconds) {
        return !now.isBefore(p.created().plusSeconds(seconds));
    }

    /** The creation number the simulation put at the end of a pod's name. */
    private static int seq(ReplicaView p) {
        return Integer.parseInt(p.name().substring(p.name().lastIndexOf('-') + 1));
    }

    private static long count(List<ReplicaView> pods, Phase phase) {
        return pods.stream().filter(p -> p.phase() == phase).count();
    }

    // --- building ---

    private static Decision decide(Workload w, JobState state, List<ReplicaView> pods, Instant now) {
        return JobController.decide(w, state, pods, now, BACK_OFF, MAX_BACK_OFF);
    }

    /** When a new pod may start after {@code failures} failed pods, the last at T0. */
    private static Optional<Instant> backOffFor(Workload w, int failures) {
        List<ReplicaView> pods = new ArrayList<>();
        for (int i = 0; i < failures; i++) {
            pods.add(failed("f" + i, null, T0));
        }
        Decision d = decide(w, STARTED, pods, T0);
        assertEquals(List.of(), d.create());
        return d.recheckAt();
    }

    private static Workload job(Integer completions, int parallelism) {
        return job(completions, parallelism, JobSpec.DEFAULT_BACKOFF_LIMIT, null, null, false, RestartPolicy.NEVER);
    }

    private static Workload indexed(Integer completions, int parallelism) {
        return job(completions, parallelism, JobSpec.DEFAULT_BACKOFF_LIMIT, null, null, true, RestartPolicy.NEVER);
    }

    private static Workload job(Integer completions, int parallelism, int backoffLimit, Long deadline, Long ttl, boolean indexed,
            RestartPolicy restartPolicy) {
        PodSpec template = PodSpec.builder("batch").restartPolicy(restartPolicy)
                .containers(ContainerSpec.builder("app", "busybox").build()).build();
        return new Workload(Workload.Kind.JOB, "batch", null, Map.of(), Map.of(), template, "hash1", 1, null, 0,
                new JobSpec(completions, parallelism, backoffLimit, deadline, ttl, indexed));
    }

    private static ReplicaView running(String name, Integer index) {
        return new ReplicaView(name, "hash1", index, Phase.RUNNING, T0, T0, null, 0);
    }

    private static ReplicaView pending(String name, Integer index) {
        return new ReplicaView(name, "hash1", index, Phase.PENDING, T0, null, null, 0);
    }

    private static ReplicaView restarted(String name, int restarts) {
        return new ReplicaView(name, "hash1", null, Phase.RUNNING, T0, T0, null, restarts);
    }

    private static ReplicaView succeeded(String name, Integer index) {
        return new ReplicaView(name, "hash1", index, Phase.SUCCEEDED, T0.minusSeconds(60), null, T0.minusSeconds(1), 0);
    }

    private static ReplicaView failed(String name, Integer index, Instant at) {
        return new ReplicaView(name, "hash1", index, Phase.FAILED, at.minusSeconds(1), null, at, 0);
    }

    private static ReplicaView gone(String name, Integer index) {
        return new ReplicaView(name, "hash1", index, Phase.GONE, T0, null, null, 0);
    }

    @Test
    void aJobStateIsFinishedOnceItHasACondition() {
        assertFalse(JobState.NEW.finished());
        assertNull(JobState.NEW.startTime());
        assertTrue(new JobState(T0, T0, Condition.FAILED, "DeadlineExceeded", "x").finished());
        assertEquals("Complete", Condition.COMPLETE.kubeName());
        assertEquals("Failed", Condition.FAILED.kubeName());
    }
}
