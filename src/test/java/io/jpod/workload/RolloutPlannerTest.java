package io.jpod.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodSpec;
import io.jpod.pod.Workload;
import io.jpod.pod.Workload.IntOrPercent;
import io.jpod.pod.Workload.Strategy;
import io.jpod.workload.ReplicaView.Phase;
import io.jpod.workload.RolloutPlanner.Decision;
import io.jpod.workload.RolloutPlanner.RolloutStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RolloutPlannerTest {
    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
    private static final String OLD = "hash1";
    private static final String NEW = "hash2";
    private static final Strategy RECREATE = new Strategy(Strategy.Type.RECREATE, null, null);
    private static final Strategy ON_DELETE = new Strategy(Strategy.Type.ON_DELETE, null, null);

    @Test
    void percentagesOfThreeRoundTheSurgeUpAndTheUnavailableDown() {
        Workload w = deployment(3, Strategy.DEPLOYMENT_DEFAULT, 0);
        List<ReplicaView> old = List.of(ready("o1", OLD, T0.minusSeconds(30)), ready("o2", OLD, T0.minusSeconds(20)),
                ready("o3", OLD, T0.minusSeconds(10)));

        Decision first = RolloutPlanner.plan(w, old, T0);
        assertEquals(1, first.create(), "25% of 3 surges by 1");
        assertEquals(List.of(), first.remove(), "25% of 3 lets none be unavailable");

        Decision waiting = RolloutPlanner.plan(w, plus(old, pending("n1", NEW, T0)), T0.plusSeconds(1));
        assertEquals(0, waiting.create());
        assertEquals(List.of(), waiting.remove(), "the new pod is not available yet");

        Decision next = RolloutPlanner.plan(w, plus(old, ready("n1", NEW, T0)), T0.plusSeconds(1));
        assertEquals(0, next.create(), "4 pods exist, the most allowed");
        assertEquals(List.of("o3"), next.remove(), "an available old pod goes, the newest first");
    }

    @Test
    void noSurgeAndNoUnavailableLetsOnePodBeUnavailable() {
        Workload w = deployment(3, rolling("0", "0"), 0);
        Decision d = RolloutPlanner.plan(w, List.of(ready("o1", OLD, T0), ready("o2", OLD, T0.plusSeconds(1)),
                ready("o3", OLD, T0.plusSeconds(2))), T0.plusSeconds(5));
        assertEquals(0, d.create());
        assertEquals(List.of("o3"), d.remove());
    }

    @Test
    void unavailableOldPodsGoFirstNotReadyBeforeReadyThenAvailableOnesWhileEnoughStayAvailable() {
        Instant now = T0.plusSeconds(100);
        ReplicaView a = readySince("a", OLD, T0.minusSeconds(200), T0);
        ReplicaView b = readySince("b", OLD, T0.minusSeconds(150), T0);
        ReplicaView c = readySince("c", OLD, T0.minusSeconds(300), now.minusSeconds(2));
        ReplicaView d = pending("d", OLD, T0.minusSeconds(50));
        List<ReplicaView> pods = List.of(a, b, c, d);

        assertEquals(List.of("d"), RolloutPlanner.plan(deployment(4, rolling("0", "1"), 10), pods, now).remove(),
                "one may go: the not-ready one, though c is older");
        assertEquals(List.of("d", "c"), RolloutPlanner.plan(deployment(4, rolling("0", "2"), 10), pods, now).remove(),
                "then the ready one not yet available");
        assertEquals(List.of("d", "c", "b"), RolloutPlanner.plan(deployment(4, rolling("0", "3"), 10), pods, now).remove(),
                "then an available one, the newest, while one stays available");
    }

    @Test
    void oldPodsStayWhileTheNewOnesAreUnavailable() {
        Workload w = deployment(2, rolling("1", "0"), 0);
        List<ReplicaView> pods = List.of(ready("o1", OLD, T0), ready("o2", OLD, T0), pending("n1", NEW, T0.plusSeconds(1)));
        Decision d = RolloutPlanner.plan(w, pods, T0.plusSeconds(2));
        assertEquals(0, d.create());
        assertEquals(List.of(), d.remove());
        assertEquals(new RolloutStatus(2, 3, 1, 2, 2, false), d.status());
    }

    @Test
    void recreateRemovesEveryOldPodBeforeCreatingAny() {
        Workload w = deployment(3, RECREATE, 0);
        Decision d = RolloutPlanner.plan(w, List.of(ready("o1", OLD, T0), ready("o2", OLD, T0), pending("o3", OLD, T0)),
                T0.plusSeconds(1));
        assertEquals(0, d.create());
        assertEquals(List.of("o1", "o2", "o3"), d.remove());

        assertEquals(3, RolloutPlanner.plan(w, List.of(), T0.plusSeconds(2)).create());
        Decision partly = RolloutPlanner.plan(w, List.of(pending("n1", NEW, T0.plusSeconds(2))), T0.plusSeconds(3));
        assertEquals(2, partly.create());
        assertEquals(List.of(), partly.remove());
    }

    @Test
    void recreateWaitsForTheOldPodsEvenWithNewOnesAlreadyThere() {
        Workload w = deployment(2, RECREATE, 0);
        Decision d = RolloutPlanner.plan(w, List.of(ready("o1", OLD, T0), ready("n1", NEW, T0)), T0.plusSeconds(1));
        assertEquals(0, d.create());
        assertEquals(List.of("o1"), d.remove());
    }

    @Test
    void onDeleteKeepsOldPodsAndFillsUpWithNewOnes() {
        Workload one = deployment(1, ON_DELETE, 0);
        Decision kept = RolloutPlanner.plan(one, List.of(ready("o1", OLD, T0)), T0.plusSeconds(1));
        assertEquals(0, kept.create());
        assertEquals(List.of(), kept.remove());
        assertFalse(kept.status().complete());

        Decision replaced = RolloutPlanner.plan(one, List.of(ended("o1", OLD, Phase.GONE)), T0.plusSeconds(2));
        assertEquals(1, replaced.create());
        assertEquals(List.of("o1"), replaced.remove());

        Decision filled = RolloutPlanner.plan(deployment(3, ON_DELETE, 0), List.of(ready("o1", OLD, T0), ready("o2", OLD, T0)),
                T0.plusSeconds(1));
        assertEquals(1, filled.create());
        assertEquals(List.of(), filled.remove());
    }

    @Test
    void minReadySecondsDelaysAvailabilityAndAsksForARecheck() {
        Workload w = deployment(1, rolling("1", "0"), 10);
        List<ReplicaView> pods = List.of(readySince("o1", OLD, T0.minusSeconds(100), T0.minusSeconds(100)),
                readySince("n1", NEW, T0.minusSeconds(5), T0));

        Decision early = RolloutPlanner.plan(w, pods, T0.plusSeconds(4));
        assertEquals(List.of(), early.remove());
        assertEquals(0, early.create());
        assertEquals(Optional.of(T0.plusSeconds(10)), early.recheckAt());
        assertEquals(new RolloutStatus(1, 2, 1, 2, 1, false), early.status());

        Decision then = RolloutPlanner.plan(w, pods, T0.plusSeconds(10));
        assertEquals(List.of("o1"), then.remove());
        assertEquals(Optional.empty(), then.recheckAt());
        assertEquals(2, then.status().available());
    }

    @Test
    void theRecheckIsTheEarliestPodToBecomeAvailable() {
        Workload w = deployment(3, Strategy.DEPLOYMENT_DEFAULT, 10);
        List<ReplicaView> pods = List.of(readySince("n1", NEW, T0, T0.plusSeconds(3)), readySince("n2", NEW, T0, T0.plusSeconds(1)),
                readySince("n3", NEW, T0, T0.minusSeconds(60)), pending("n4", NEW, T0));
        Decision d = RolloutPlanner.plan(w, pods, T0.plusSeconds(5));
        assertEquals(Optional.of(T0.plusSeconds(11)), d.recheckAt());
        assertEquals(List.of("n4"), d.remove(), "the extra pod, not ready, goes first");
        assertEquals(Optional.empty(), RolloutPlanner.plan(deployment(3, Strategy.DEPLOYMENT_DEFAULT, 0), pods, T0.plusSeconds(5))
                .recheckAt());
    }

    @Test
    void aCompleteRolloutIsOnlyAvailablePodsOfTheCurrentTemplate() {
        Workload w = deployment(2, Strategy.DEPLOYMENT_DEFAULT, 10);
        List<ReplicaView> pods = List.of(readySince("n1", NEW, T0, T0), readySince("n2", NEW, T0, T0.plusSeconds(5)));
        Decision notYet = RolloutPlanner.plan(w, pods, T0.plusSeconds(12));
        assertEquals(new RolloutStatus(2, 2, 2, 2, 1, false), notYet.status());
        Decision done = RolloutPlanner.plan(w, pods, T0.plusSeconds(15));
        assertEquals(new RolloutStatus(2, 2, 2, 2, 2, true), done.status());
        assertEquals(0, done.create());
        assertEquals(List.of(), done.remove());
        assertEquals(Optional.empty(), done.recheckAt());
    }

    @Test
    void theStatusCountsAsKubectlShowsIt() {
        Workload w = deployment(3, Strategy.DEPLOYMENT_DEFAULT, 10);
        Instant now = T0.plusSeconds(100);
        List<ReplicaView> pods = List.of(readySince("o1", OLD, T0, T0), readySince("n1", NEW, T0, T0), pending("n2", NEW, T0),
                readySince("n3", NEW, T0, now.minusSeconds(1)), notReady("n4", NEW, T0), ended("n5", NEW, Phase.FAILED));
        assertEquals(new RolloutStatus(3, 5, 4, 3, 2, false), RolloutPlanner.plan(w, pods, now).status());
    }

    @Test
    void scalingDownRemovesNotReadyThenNotAvailableThenTheNewest() {
        Instant now = T0.plusSeconds(100);
        List<ReplicaView> pods = List.of(
                readySince("a", NEW, T0.minusSeconds(10), T0),
                readySince("b", NEW, T0.minusSeconds(5), T0),
                pending("c", NEW, T0.minusSeconds(20)),
                notReady("d", NEW, T0.minusSeconds(30)),
                readySince("e", NEW, T0.minusSeconds(40), now.minusSeconds(5)));
        assertEquals(List.of("c", "d", "e"), RolloutPlanner.plan(deployment(2, Strategy.DEPLOYMENT_DEFAULT, 10), pods, now).remove());
        assertEquals(List.of("c", "d", "e", "b"), RolloutPlanner.plan(deployment(1, Strategy.DEPLOYMENT_DEFAULT, 10), pods, now).remove());
        Decision none = RolloutPlanner.plan(deployment(0, Strategy.DEPLOYMENT_DEFAULT, 10), pods, now);
        assertEquals(List.of("c", "d", "e", "b", "a"), none.remove());
        assertEquals(0, none.create());
    }

    @Test
    void scalingUpCreatesTheMissingPods() {
        Workload w = deployment(3, Strategy.DEPLOYMENT_DEFAULT, 0);
        assertEquals(3, RolloutPlanner.plan(w, List.of(), T0).create());
        Decision d = RolloutPlanner.plan(w, List.of(ready("n1", NEW, T0)), T0);
        assertEquals(2, d.create());
        assertEquals(List.of(), d.remove());
    }

    @Test
    void endedPodsAreRemovedFirstAndReplaced() {
        Workload w = deployment(4, Strategy.DEPLOYMENT_DEFAULT, 0);
        List<ReplicaView> pods = List.of(ready("n1", NEW, T0), ended("n2", NEW, Phase.FAILED), ended("n3", NEW, Phase.GONE),
                ended("n4", NEW, Phase.SUCCEEDED));
        Decision d = RolloutPlanner.plan(w, pods, T0.plusSeconds(1));
        assertEquals(List.of("n2", "n3", "n4"), d.remove());
        assertEquals(3, d.create());
        assertEquals(new RolloutStatus(4, 1, 1, 1, 1, false), d.status());
    }

    @Test
    void endedPodsAreListedBeforeThoseTheRolloutRemoves() {
        Workload w = deployment(3, rolling("0", "1"), 0);
        List<ReplicaView> pods = List.of(ready("o1", OLD, T0), ready("o2", OLD, T0.plusSeconds(1)), ready("o3", OLD, T0.plusSeconds(2)),
                ready("o4", OLD, T0.plusSeconds(3)), ended("o5", OLD, Phase.FAILED));
        Decision d = RolloutPlanner.plan(w, pods, T0.plusSeconds(5));
        assertEquals(List.of("o5", "o4", "o3"), d.remove(), "4 old pods, 2 must stay available");
        assertEquals(0, d.create());
    }

    @Test
    void aReplicaCountLoweredDuringARolloutRemovesOldPodsThenExtraNewOnes() {
        Workload w = deployment(2, rolling("1", "0"), 0);
        List<ReplicaView> pods = new ArrayList<>(List.of(ready("o1", OLD, T0), ready("n1", NEW, T0), ready("n2", NEW, T0.plusSeconds(1)),
                ready("n3", NEW, T0.plusSeconds(2)), ready("n4", NEW, T0.plusSeconds(3))));
        Decision d = RolloutPlanner.plan(w, pods, T0.plusSeconds(5));
        assertEquals(0, d.create());
        assertEquals(List.of("o1"), d.remove());

        pods.remove(0);
        Decision then = RolloutPlanner.plan(w, pods, T0.plusSeconds(6));
        assertEquals(List.of("n4", "n3"), then.remove());
        assertEquals(0, then.create());
    }

    @Test
    void aDaemonSetReplacesItsPodWithoutSurge() {
        for (Strategy s : new Strategy[] {Strategy.DAEMONSET_DEFAULT, null}) {
            Workload w = daemonSet(s);
            Decision first = RolloutPlanner.plan(w, List.of(ready("o1", OLD, T0)), T0.plusSeconds(1));
            assertEquals(List.of("o1"), first.remove());
            assertEquals(0, first.create());
            Decision then = RolloutPlanner.plan(w, List.of(), T0.plusSeconds(2));
            assertEquals(1, then.create());
        }
    }

    @Test
    void noStrategyIsTheDeploymentDefault() {
        Workload w = deployment(4, null, 0);
        List<ReplicaView> pods = List.of(ready("o1", OLD, T0), ready("o2", OLD, T0), ready("o3", OLD, T0), ready("o4", OLD, T0));
        Decision d = RolloutPlanner.plan(w, pods, T0.plusSeconds(1));
        assertEquals(1, d.create(), "25% of 4");
        assertEquals(1, d.remove().size(), "25% of 4");
    }

    @Test
    void aRolloutWhoseNewPodsNeverBecomeReadyStopsWithinItsBudget() {
        Workload w = deployment(4, Strategy.DEPLOYMENT_DEFAULT, 0);
        List<ReplicaView> pods = oldPods(4);
        int seq = 0;
        Instant now = T0;
        for (int step = 0; step < 20; step++) {
            Decision d = RolloutPlanner.plan(w, pods, now);
            pods.removeIf(p -> d.remove().contains(p.name()));
            for (int i = 0; i < d.create(); i++) {
                pods.add(pending("n" + seq++, NEW, now));
            }
            assertTrue(pods.size() <= 5);
            assertTrue(available(pods, now, 0) >= 3);
            now = now.plusSeconds(1);
        }
        assertEquals(3, pods.stream().filter(p -> p.templateHash().equals(OLD)).count());
        assertEquals(2, pods.stream().filter(p -> p.templateHash().equals(NEW)).count(), "maxSurge + maxUnavailable");
    }

    @ParameterizedTest(name = "{0} replicas, maxSurge {1}, maxUnavailable {2}, minReadySeconds {3}")
    @CsvSource({
        "3, 25%, 25%, 0",
        "3, 1, 0, 0",
        "3, 0, 1, 0",
        "3, 0, 0, 0",
        "5, 2, 2, 0",
        "10, 25%, 25%, 3",
        "4, 100%, 0, 0",
        "4, 0, 100%, 0",
        "1, 0, 1, 2",
        "1, 1, 0, 0",
        "7, 30%, 10%, 1",
    })
    void aSimulatedRollingUpdateKeepsWithinItsBoundsAndConverges(int replicas, String surge, String unavailable, int minReady) {
        IntOrPercent maxSurge = IntOrPercent.parse(surge, "test", "maxSurge");
        IntOrPercent maxUnavailable = IntOrPercent.parse(unavailable, "test", "maxUnavailable");
        Workload w = deployment(replicas, new Strategy(Strategy.Type.ROLLING_UPDATE, maxSurge, maxUnavailable), minReady);
        int most = replicas + maxSurge.resolve(replicas, true);
        int leastAvailable = replicas - fencepostUnavailable(replicas, maxSurge, maxUnavailable);

        List<ReplicaView> pods = oldPods(replicas);
        Instant now = T0;
        int seq = 0;
        for (int step = 0; step < 200; step++) {
            Instant at = now;
            Decision d = RolloutPlanner.plan(w, pods, at);
            if (d.status().complete()) {
                assertEquals(replicas, pods.size());
                assertTrue(pods.stream().allMatch(p -> p.templateHash().equals(NEW) && p.available(at, minReady)));
                assertEquals(0, d.create());
                assertEquals(List.of(), d.remove());
                return;
            }
            pods.removeIf(p -> d.remove().contains(p.name()));
            for (int i = 0; i < d.create(); i++) {
                pods.add(pending("n" + seq++, NEW, now));
            }
            assertTrue(pods.size() <= most, "step " + step + ": " + pods.size() + " pods exist, at most " + most);
            int available = available(pods, now, minReady);
            assertTrue(available >= leastAvailable, "step " + step + ": " + available + " available, at least " + leastAvailable);
            pods.replaceAll(p -> p.phase() == Phase.PENDING ? readySince(p.name(), p.templateHash(), p.created(), at) : p);
            now = now.plusSeconds(1);
        }
        fail("the rollout did not complete");
    }

    /** The maxUnavailable the simulation checks against, resolved independently of the planner. */
    private static int fencepostUnavailable(int replicas, IntOrPercent surge, IntOrPercent unavailable) {
        int s = surge.resolve(replicas, true);
        int u = unavailable.resolve(replicas, false);
        return Math.min(s == 0 && u == 0 ? 1 : u, replicas);
    }

    private static int available(List<ReplicaView> pods, Instant now, int minReady) {
        return (int) pods.stream().filter(p -> p.available(now, minReady)).count();
    }

    private static List<ReplicaView> oldPods(int n) {
        List<ReplicaView> pods = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pods.add(readySince("o" + i, OLD, T0.minusSeconds(1000 - i), T0.minusSeconds(900)));
        }
        return pods;
    }

    private static Workload deployment(int replicas, Strategy strategy, int minReadySeconds) {
        return new Workload(Workload.Kind.DEPLOYMENT, "web", null, Map.of(), Map.of(), template(), NEW, replicas, strategy,
                minReadySeconds, null);
    }

    private static Workload daemonSet(Strategy strategy) {
        return new Workload(Workload.Kind.DAEMONSET, "agent", null, Map.of(), Map.of(), template(), NEW, 1, strategy, 0, null);
    }

    private static PodSpec template() {
        return PodSpec.builder("web").containers(ContainerSpec.builder("app", "busybox").build()).build();
    }

    private static Strategy rolling(String maxSurge, String maxUnavailable) {
        return new Strategy(Strategy.Type.ROLLING_UPDATE, IntOrPercent.parse(maxSurge, "test", "maxSurge"),
                IntOrPercent.parse(maxUnavailable, "test", "maxUnavailable"));
    }

    private static List<ReplicaView> plus(List<ReplicaView> pods, ReplicaView pod) {
        List<ReplicaView> all = new ArrayList<>(pods);
        all.add(pod);
        return all;
    }

    /** Running and ready since it was created. */
    private static ReplicaView ready(String name, String hash, Instant created) {
        return readySince(name, hash, created, created);
    }

    private static ReplicaView readySince(String name, String hash, Instant created, Instant readySince) {
        return new ReplicaView(name, hash, null, Phase.RUNNING, created, readySince, null, 0);
    }

    private static ReplicaView pending(String name, String hash, Instant created) {
        return new ReplicaView(name, hash, null, Phase.PENDING, created, null, null, 0);
    }

    private static ReplicaView notReady(String name, String hash, Instant created) {
        return new ReplicaView(name, hash, null, Phase.RUNNING, created, null, null, 0);
    }

    private static ReplicaView ended(String name, String hash, Phase phase) {
        return new ReplicaView(name, hash, null, phase, T0.minusSeconds(60), null, T0, 0);
    }
}
