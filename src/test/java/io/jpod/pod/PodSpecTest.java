package io.jpod.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodSpecTest {
    private static final ContainerSpec APP = new ContainerSpec("app", "busybox", List.of(), List.of(), List.of(), null);

    @Test
    void containerNameIsPodDashContainer() {
        PodSpec p = new PodSpec("web", Map.of(), Map.of(), "web", RestartPolicy.ALWAYS, false, List.of(APP), 10);
        assertEquals("web-app", p.containerName(APP));
    }

    @Test
    void infraNameIsTwelveHexDigitsThenInfra() {
        String id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        assertEquals("0123456789ab-infra", PodSpec.infraName(id));
    }

    @Test
    void copiesItsCollectionsAndKeepsTheirOrder() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("z", "1");
        labels.put("a", "2");
        List<ContainerSpec> cs = new ArrayList<>(List.of(APP));
        PodSpec p = new PodSpec("web", labels, Map.of(), "web", RestartPolicy.NEVER, true, cs, 3);
        labels.put("m", "3");
        cs.clear();
        assertEquals(List.of("z", "a"), List.copyOf(p.labels().keySet()));
        assertEquals(1, p.containers().size());
        assertThrows(UnsupportedOperationException.class, () -> p.annotations().put("k", "v"));
    }

    @Test
    void envEntry() {
        assertEquals("A=b", new EnvVar("A", "b").asEntry());
        assertEquals("A=", new EnvVar("A", null).asEntry());
    }
}
