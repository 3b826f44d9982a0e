package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpod.pod.ProcessPlan;
import io.jpod.state.ContainerConfig;
import io.jpod.state.ContainerRow;
import io.jpod.state.ContainerState;
import io.jpod.state.ContainerStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodServiceTest {
    private static PodService.ContainerInfo info(boolean infra, ContainerState now) {
        ContainerRow row = new ContainerRow("id", infra ? "x-infra" : "p-c", "pod", infra, null, null, Instant.EPOCH,
                new ContainerConfig(null, new ProcessPlan(List.of("x"), List.of(), "/", null), List.of(), null, null),
                ContainerStatus.CREATED);
        return new PodService.ContainerInfo(row, "p", now, java.util.Map.of());
    }

    private static String status(ContainerState infra, ContainerState... apps) {
        List<PodService.ContainerInfo> cs = new ArrayList<>();
        cs.add(info(true, infra));
        for (ContainerState s : apps) {
            cs.add(info(false, s));
        }
        return PodService.status(cs);
    }

    @Test
    void allCreatedIsCreated() {
        assertEquals("Created", status(ContainerState.CREATED, ContainerState.CREATED, ContainerState.CREATED));
    }

    @Test
    void allRunningIsRunning() {
        assertEquals("Running", status(ContainerState.RUNNING, ContainerState.RUNNING, ContainerState.RUNNING));
    }

    @Test
    void someRunningIsDegraded() {
        assertEquals("Degraded", status(ContainerState.RUNNING, ContainerState.RUNNING, ContainerState.EXITED));
        assertEquals("Degraded", status(ContainerState.RUNNING, ContainerState.CREATED, ContainerState.RUNNING));
    }

    @Test
    void allPausedIsPausedAsPodmanSays() {
        assertEquals("Paused", status(ContainerState.PAUSED, ContainerState.PAUSED, ContainerState.PAUSED));
        assertEquals("Degraded", status(ContainerState.RUNNING, ContainerState.PAUSED), "the infra still runs");
        assertEquals("Exited", status(ContainerState.PAUSED, ContainerState.EXITED));
    }

    @Test
    void allStoppedIsExited() {
        assertEquals("Exited", status(ContainerState.EXITED, ContainerState.EXITED, ContainerState.EXITED));
        assertEquals("Exited", status(ContainerState.EXITED, ContainerState.STOPPED));
    }

    @Test
    void podWithOnlyItsInfra() {
        assertEquals("Running", PodService.status(List.of(info(true, ContainerState.RUNNING))));
        assertEquals("Created", PodService.status(List.of()));
    }

}
