package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.engine.PodService.ContainerInfo;
import io.jpod.engine.PodService.PodInfo;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodSpec;
import io.jpod.pod.ProcessPlan;
import io.jpod.pod.RestartPolicy;
import io.jpod.state.ContainerConfig;
import io.jpod.state.ContainerRow;
import io.jpod.state.ContainerState;
import io.jpod.state.ContainerStatus;
import io.jpod.state.PodRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When {@code kube play --wait} ends, and with which exit code. */
class PlayWatchTest {
    private static final long NO_PROCESS = 0;

    /** A container of pod "web" as listed: {@code state} stored; running means its process runs. */
    private record C(String name, ContainerState state, Integer exit, boolean stopRequested, Instant restartAt) {
        static C running(String name) {
            return new C(name, ContainerState.RUNNING, null, false, null);
        }

        static C exited(String name, int code) {
            return new C(name, ContainerState.EXITED, code, false, null);
        }

        static C created(String name) {
            return new C(name, ContainerState.CREATED, null, false, null);
        }
    }

    private static PodInfo pod(RestartPolicy policy, List<String> inits, List<String> sidecars, C... cs) {
        List<ContainerSpec> initSpecs = new ArrayList<>();
        inits.forEach(n -> initSpecs.add(ContainerSpec.builder(n, "busybox").build()));
        sidecars.forEach(n -> initSpecs.add(ContainerSpec.builder(n, "busybox").restartPolicy(RestartPolicy.ALWAYS).build()));
        List<ContainerSpec> apps = new ArrayList<>();
        for (C c : cs) {
            if (!inits.contains(c.name()) && !sidecars.contains(c.name())) {
                apps.add(ContainerSpec.builder(c.name(), "busybox").build());
            }
        }
        PodSpec spec = PodSpec.builder("web").restartPolicy(policy).initContainers(initSpecs).containers(apps).build();
        PodRow row = new PodRow("web-id", "web", Instant.EPOCH, spec, "infra-id");
        List<ContainerInfo> infos = new ArrayList<>();
        infos.add(info(row, "infra-id", "web-infra", true, new C("infra", ContainerState.RUNNING, null, false, null), 0));
        int i = 1;
        for (C c : cs) {
            infos.add(info(row, "id-" + c.name(), "web-" + c.name(), false, c, i++));
        }
        return new PodInfo(row, infos, PodService.status(infos));
    }

    private static ContainerInfo info(PodRow pod, String id, String name, boolean infra, C c, int order) {
        ContainerStatus status = new ContainerStatus(c.state(), NO_PROCESS, 0, c.exit(), null, null, 0, c.stopRequested());
        ContainerRow row = new ContainerRow(id, name, pod.id(), infra, null, null, Instant.EPOCH.plusSeconds(order),
                new ContainerConfig(infra ? null : c.name(), new ProcessPlan(List.of("sh"), List.of(), "/", null), List.of(), null, null),
                status);
        // as PodService lists it: RUNNING is what is running now (these tests' RUNNING processes run)
        return new ContainerInfo(row, pod.name(), c.state(), Map.of(), List.of(), c.restartAt(), c.state() == ContainerState.RUNNING,
                List.of(), List.of());
    }

    private static PodInfo pod(RestartPolicy policy, C... cs) {
        return pod(policy, List.of(), List.of(), cs);
    }

    @Test
    void aRunningContainerKeepsTheWaitGoing() {
        assertFalse(PlayWatch.ended(pod(RestartPolicy.NEVER, C.exited("a", 0), C.running("b"))));
    }

    @Test
    void neverEndsOnceAllHaveExited() {
        assertTrue(PlayWatch.ended(pod(RestartPolicy.NEVER, C.exited("a", 0), C.exited("b", 3))));
    }

    @Test
    void alwaysRestartsSoTheWaitGoesOnAfterAnExit() {
        assertFalse(PlayWatch.ended(pod(RestartPolicy.ALWAYS, C.exited("a", 0))), "exited, about to be started again");
    }

    @Test
    void onFailureWaitsForAFailedContainerToSucceed() {
        assertFalse(PlayWatch.ended(pod(RestartPolicy.ON_FAILURE, C.exited("a", 0), C.exited("b", 1))));
        assertTrue(PlayWatch.ended(pod(RestartPolicy.ON_FAILURE, C.exited("a", 0), C.exited("b", 0))));
    }

    @Test
    void aContainerWaitingInItsBackOffKeepsTheWaitGoing() {
        C backingOff = new C("a", ContainerState.EXITED, 1, false, Instant.EPOCH.plusSeconds(10));
        assertFalse(PlayWatch.ended(pod(RestartPolicy.ON_FAILURE, backingOff)));
    }

    @Test
    void anExitNotYetRecordedKeepsTheWaitGoing() {
        // stored as running, but its process has ended: the cleanup has not recorded the exit yet
        PodInfo p = pod(RestartPolicy.NEVER, C.exited("a", 0));
        ContainerInfo a = p.containers().get(1);
        ContainerInfo unrecorded = new ContainerInfo(a.row().withStatus(new ContainerStatus(ContainerState.RUNNING, 42, 0, null, null, null, 0, false)),
                "web", ContainerState.EXITED, Map.of());
        PodInfo q = new PodInfo(p.pod(), List.of(p.containers().get(0), unrecorded), "Exited");
        assertFalse(PlayWatch.ended(q));
    }

    @Test
    void aFailedInitContainerEndsAPodThatNeverRestarts() {
        assertTrue(PlayWatch.ended(pod(RestartPolicy.NEVER, List.of("setup"), List.of(), C.exited("setup", 2), C.created("app"))));
    }

    @Test
    void aRunningInitContainerKeepsTheWaitGoing() {
        assertFalse(PlayWatch.ended(pod(RestartPolicy.NEVER, List.of("setup"), List.of(), C.running("setup"), C.created("app"))));
    }

    @Test
    void aSidecarIsNotWaitedFor() {
        assertTrue(PlayWatch.ended(pod(RestartPolicy.NEVER, List.of(), List.of("proxy"), C.running("proxy"), C.exited("app", 0))));
    }

    @Test
    void containersStoppedByTheUserAreNotStartedAgain() {
        C stopped = new C("a", ContainerState.STOPPED, 143, true, null);
        assertTrue(PlayWatch.ended(pod(RestartPolicy.ALWAYS, List.of("setup"), List.of(), C.exited("setup", 0), stopped)));
        assertFalse(PlayWatch.ended(pod(RestartPolicy.ALWAYS, stopped, C.exited("b", 0))), "b is started again");
    }

    @Test
    void exitCodeIsZeroWhenAllSucceeded() {
        assertEquals(0, PlayWatch.exitCode(List.of(pod(RestartPolicy.NEVER, C.exited("a", 0), C.exited("b", 0)))));
    }

    @Test
    void exitCodeIsTheFirstNonZeroInitContainersFirst() {
        PodInfo first = pod(RestartPolicy.NEVER, List.of("setup"), List.of(), C.exited("setup", 0), C.exited("a", 0), C.exited("b", 7),
                C.exited("c", 9));
        assertEquals(7, PlayWatch.exitCode(List.of(first)));
        PodInfo init = pod(RestartPolicy.NEVER, List.of("setup"), List.of(), C.exited("setup", 4), C.created("a"));
        assertEquals(4, PlayWatch.exitCode(List.of(init, first)), "pods in the files' order");
    }

    @Test
    void aSidecarsExitDoesNotCount() {
        PodInfo p = pod(RestartPolicy.NEVER, List.of(), List.of("proxy"), C.exited("proxy", 137), C.exited("app", 0));
        assertEquals(0, PlayWatch.exitCode(List.of(p)));
    }
}
