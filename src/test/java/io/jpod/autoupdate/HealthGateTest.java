package io.jpod.autoupdate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.autoupdate.HealthGate.Verdict.Kind;
import io.jpod.kubelet.KubeContainerStatus;
import io.jpod.kubelet.KubeContainerStatus.Role;
import io.jpod.kubelet.KubeContainerStatus.State;
import io.jpod.kubelet.PodStatus;
import io.jpod.pod.RestartPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthGateTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final HealthGate GATE = new HealthGate(Duration.ofSeconds(30), Duration.ofSeconds(10));

    private static PodStatus pod(KubeContainerStatus... cs) {
        return PodStatus.of(List.of(cs), RestartPolicy.ALWAYS);
    }

    private static KubeContainerStatus running(boolean ready) {
        return new KubeContainerStatus("app", Role.APP, State.RUNNING, null, null, 0, ready);
    }

    private static Kind at(PodStatus s, boolean probed, int seconds) {
        return GATE.judge(s, probed, T0, T0.plusSeconds(seconds)).kind();
    }

    @Test
    void withoutProbesAPodIsHealthyOnceItRanForTheSettleTime() {
        assertEquals(Kind.WAIT, at(pod(running(true)), false, 9));
        assertEquals(Kind.HEALTHY, at(pod(running(true)), false, 10));
    }

    @Test
    void withProbesAPodIsHealthyWhenReadyAndFailsWhenNotReadyInTime() {
        assertEquals(Kind.HEALTHY, at(pod(running(true)), true, 1), "no settle time: Ready is the signal");
        assertEquals(Kind.WAIT, at(pod(running(false)), true, 29));
        HealthGate.Verdict late = GATE.judge(pod(running(false)), true, T0, T0.plusSeconds(30));
        assertEquals(Kind.FAILED, late.kind());
        assertTrue(late.reason().startsWith("not ready within 30s"), late.reason());
    }

    @Test
    void aRestartOrAnExitFailsThePodAtOnce() {
        HealthGate.Verdict restarted = GATE.judge(pod(new KubeContainerStatus("app", Role.APP, State.WAITING, "CrashLoopBackOff", 1, 1, false)),
                false, T0, T0.plusSeconds(2));
        assertEquals(Kind.FAILED, restarted.kind());
        assertEquals("container app restarted (exit code 1)", restarted.reason());
        HealthGate.Verdict exited = GATE.judge(pod(new KubeContainerStatus("app", Role.APP, State.TERMINATED, "Error", 3, 0, false)),
                false, T0, T0.plusSeconds(1));
        assertEquals(Kind.FAILED, exited.kind());
        assertEquals("container app exited with code 3", exited.reason());
    }

    @Test
    void aPodStillStartingWaitsUntilTheTimeout() {
        PodStatus creating = pod(new KubeContainerStatus("app", Role.APP, State.WAITING, "ContainerCreating", null, 0, false));
        assertEquals(Kind.WAIT, at(creating, false, 20));
        HealthGate.Verdict v = GATE.judge(creating, false, T0, T0.plusSeconds(31));
        assertEquals(Kind.FAILED, v.kind());
        assertTrue(v.reason().startsWith("not running within 30s") && v.reason().contains("app ContainerCreating"), v.reason());
    }

    @Test
    void aGateNeedsAPositiveTimeout() {
        assertThrows(IllegalArgumentException.class, () -> new HealthGate(Duration.ZERO, Duration.ZERO));
    }
}
