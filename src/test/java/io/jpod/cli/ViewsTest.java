package io.jpod.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpod.engine.PodService.ContainerInfo;
import io.jpod.engine.PodService.PodInfo;
import io.jpod.pod.PodSpec;
import io.jpod.pod.ProcessPlan;
import io.jpod.state.ContainerConfig;
import io.jpod.state.ContainerRow;
import io.jpod.state.ContainerState;
import io.jpod.state.ContainerStatus;
import io.jpod.state.PodRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViewsTest {
    private static ContainerInfo ctr(String name, boolean infra, List<String> mounts, List<String> networks) {
        ContainerRow row = new ContainerRow(name + "0123456789abcdef".repeat(4), name, "pod-id", infra, null, null, Instant.EPOCH,
                new ContainerConfig(null, new ProcessPlan(List.of("sh"), List.of(), "/", null), List.of(), "copy", null),
                new ContainerStatus(ContainerState.RUNNING, 0, 0, null, null, null, 0, false));
        return new ContainerInfo(row, "web", ContainerState.RUNNING, Map.of(), List.of(), null, true, mounts, networks);
    }

    private static final ContainerInfo INFRA = ctr("infra", true, List.of(), List.of("jpod"));
    private static final ContainerInfo APP = ctr("web-app", false, List.of("/data", "/etc/config"), List.of());

    @Test
    void psJsonListsMountDestinationsAndTheInfraContainersNetworks() {
        Map<String, Object> app = Views.containerJson(APP, Instant.EPOCH);
        assertEquals(List.of("/data", "/etc/config"), app.get("Mounts"));
        assertEquals(List.of(), app.get("Networks"), "an app container joins the infra's namespace: podman lists none");
        assertEquals(Map.of(), app.get("Namespaces"), "podman's too without ps --ns");
        assertEquals(List.of("jpod"), Views.containerJson(INFRA, Instant.EPOCH).get("Networks"));
    }

    @Test
    void aPausedContainerIsListedAsPodmanListsIt() {
        ContainerInfo paused = new ContainerInfo(APP.row(), "web", ContainerState.PAUSED, Map.of());
        Map<String, Object> json = Views.containerJson(paused, Instant.EPOCH);
        assertEquals("paused", json.get("State"));
        assertEquals("Paused", json.get("Status"));
        assertEquals(false, json.get("Exited"));
    }

    @Test
    void podPsJsonHasTheCgroupParentWhereThereIsOneAndNoLibpodNamespace() {
        PodInfo pod = new PodInfo(new PodRow("pod-id", "web", Instant.EPOCH, PodSpec.builder("web").build(), INFRA.row().id()),
                List.of(INFRA, APP), "Running");
        Map<String, Object> root = Views.podJson(pod, "/jpod");
        assertEquals("/jpod", root.get("Cgroup"));
        assertEquals(List.of("jpod"), root.get("Networks"), "the pod's networks are its infra container's");
        assertEquals("", root.get("Namespace"), "podman's when no libpod namespace is used");
        assertEquals("", Views.podJson(pod, null).get("Cgroup"), "rootless jpod makes no cgroup");
    }
}
