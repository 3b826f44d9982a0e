package io.jpod.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpod.kubelet.KubeContainerStatus.Role;
import io.jpod.kubelet.KubeContainerStatus.State;
import io.jpod.kubelet.PodStatus.Phase;
import io.jpod.pod.RestartPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodStatusTest {
    private static KubeContainerStatus running(String name, Role role) {
        return new KubeContainerStatus(name, role, State.RUNNING, null, null, 0, true);
    }

    private static KubeContainerStatus exited(String name, Role role, int code, int restarts) {
        return new KubeContainerStatus(name, role, State.TERMINATED, null, code, restarts, false);
    }

    private static KubeContainerStatus waiting(String name, Role role, String reason) {
        return new KubeContainerStatus(name, role, State.WAITING, reason, null, 0, false);
    }

    @Test
    void allAppContainersRunningIsRunningAndReady() {
        PodStatus s = PodStatus.of(List.of(running("a", Role.APP), running("b", Role.APP)), RestartPolicy.ALWAYS);
        assertEquals(Phase.RUNNING, s.phase());
        assertEquals("Running", s.shown());
        assertEquals("2/2", s.readyColumn());
    }

    @Test
    void theSecondOfTwoInitContainersRunningShowsInitOneOfTwo() {
        PodStatus s = PodStatus.of(List.of(exited("i1", Role.INIT, 0, 0), running("i2", Role.INIT),
                waiting("app", Role.APP, "PodInitializing")), RestartPolicy.ALWAYS);
        assertEquals(Phase.PENDING, s.phase());
        assertEquals("Init:1/2", s.shown());
        assertEquals("0/1", s.readyColumn());
        assertEquals(false, s.initialized());
        assertEquals(java.util.Map.of("PodScheduled", true, "Initialized", false, "ContainersReady", false, "Ready", false), s.conditions());
        assertEquals(List.of("PodScheduled", "Initialized", "ContainersReady", "Ready"), List.copyOf(s.conditions().keySet()));
    }

    @Test
    void aFailedInitContainerBlocksThePodAndWithNeverFailsIt() {
        List<KubeContainerStatus> cs = List.of(exited("i1", Role.INIT, 3, 0), waiting("app", Role.APP, "PodInitializing"));
        PodStatus never = PodStatus.of(cs, RestartPolicy.NEVER);
        assertEquals(Phase.FAILED, never.phase());
        assertEquals("Init:Error", never.shown());
        PodStatus always = PodStatus.of(cs, RestartPolicy.ALWAYS);
        assertEquals(Phase.PENDING, always.phase());
    }

    @Test
    void anInitContainerInBackOffShowsInitCrashLoopBackOff() {
        KubeContainerStatus backingOff = new KubeContainerStatus("i1", Role.INIT, State.WAITING, "CrashLoopBackOff", 1, 2, false);
        PodStatus s = PodStatus.of(List.of(backingOff, waiting("app", Role.APP, "PodInitializing")), RestartPolicy.ALWAYS);
        assertEquals("Init:CrashLoopBackOff", s.shown());
        assertEquals(2, s.restarts());
    }

    @Test
    void aStartedSidecarCountsAsInitializedAndInReady() {
        PodStatus s = PodStatus.of(List.of(running("proxy", Role.SIDECAR), running("app", Role.APP)), RestartPolicy.ALWAYS);
        assertEquals("Running", s.shown());
        assertEquals("2/2", s.readyColumn());
        assertEquals(true, s.initialized());
    }

    @Test
    void aCrashLoopingContainerShowsItsWaitingReasonAndThePodStaysRunning() {
        KubeContainerStatus crashing = new KubeContainerStatus("app", Role.APP, State.WAITING, "CrashLoopBackOff", 1, 4, false);
        PodStatus s = PodStatus.of(List.of(crashing, running("side", Role.APP)), RestartPolicy.ALWAYS);
        assertEquals(Phase.RUNNING, s.phase());
        assertEquals("CrashLoopBackOff", s.shown());
        assertEquals(4, s.restarts());
        assertEquals("1/2", s.readyColumn());
    }

    @Test
    void finishedContainersGiveSucceededOrFailedAsThePolicySays() {
        assertEquals(Phase.SUCCEEDED, PodStatus.of(List.of(exited("a", Role.APP, 0, 0)), RestartPolicy.NEVER).phase());
        assertEquals("Completed", PodStatus.of(List.of(exited("a", Role.APP, 0, 0)), RestartPolicy.NEVER).shown());
        PodStatus failed = PodStatus.of(List.of(exited("a", Role.APP, 0, 0), exited("b", Role.APP, 2, 0)), RestartPolicy.NEVER);
        assertEquals(Phase.FAILED, failed.phase());
        assertEquals("Completed", failed.shown());
        assertEquals("Error", PodStatus.of(List.of(exited("b", Role.APP, 2, 0), exited("a", Role.APP, 0, 0)), RestartPolicy.NEVER).shown());
        assertEquals(Phase.RUNNING, PodStatus.of(List.of(exited("b", Role.APP, 2, 0)), RestartPolicy.ON_FAILURE).phase());
    }

    @Test
    void aCompletedContainerBesideARunningOneShowsNotReady() {
        PodStatus s = PodStatus.of(List.of(exited("job", Role.APP, 0, 0), running("web", Role.APP)), RestartPolicy.ON_FAILURE);
        assertEquals("NotReady", s.shown());
        assertEquals(Phase.RUNNING, s.phase());
    }

    @Test
    void notYetStartedContainersArePending() {
        PodStatus s = PodStatus.of(List.of(waiting("a", Role.APP, "ContainerCreating")), RestartPolicy.ALWAYS);
        assertEquals(Phase.PENDING, s.phase());
        assertEquals("ContainerCreating", s.shown());
    }
}
