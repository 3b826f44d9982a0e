package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jpod.error.InvalidInputException;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodSpec;
import io.jpod.pod.RestartPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KubeServiceGenerateTest {
    private static final PodSpec POD = PodSpec.builder("web").labels(Map.of("app", "web")).restartPolicy(RestartPolicy.NEVER)
            .shareProcessNamespace(true).containers(container("server"), container("client")).stopTimeoutSeconds(5).build();

    private static ContainerSpec container(String name) {
        return ContainerSpec.builder(name, "busybox").command("sh").build();
    }

    @Test
    void aPodWithAllItsContainersIsGeneratedAsPlayed() {
        List<String> warnings = new ArrayList<>();
        assertSame(POD, KubeService.withContainers(POD, Set.of("server", "client"), warnings::add));
        assertEquals(List.of(), warnings);
    }

    @Test
    void removedContainersAreLeftOutWithAWarning() {
        List<String> warnings = new ArrayList<>();
        PodSpec out = KubeService.withContainers(POD, Set.of("client"), warnings::add);
        assertEquals(List.of(container("client")), out.containers());
        assertEquals(POD.toBuilder().containers(container("client")).build(), out);
        assertEquals(List.of("pod web: container web-server was removed: it is left out"), warnings);
    }

    @Test
    void aPodWithNoContainersLeftIsAnError() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> KubeService.withContainers(POD, Set.of(), m -> { }));
        assertEquals("pod web: no containers left: Kubernetes needs at least one", e.getMessage());
    }
}
