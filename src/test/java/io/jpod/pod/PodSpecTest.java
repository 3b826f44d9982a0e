package io.jpod.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodSpecTest {
    private static final ContainerSpec APP = ContainerSpec.builder("app", "busybox").build();

    @Test
    void containerNameIsPodDashContainer() {
        assertEquals("web-app", PodSpec.builder("web").containers(APP).build().containerName(APP));
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
        PodSpec p = PodSpec.builder("web").labels(labels).containers(cs).build();
        labels.put("m", "3");
        cs.clear();
        assertEquals(List.of("z", "a"), List.copyOf(p.labels().keySet()));
        assertEquals(1, p.containers().size());
        assertThrows(UnsupportedOperationException.class, () -> p.annotations().put("k", "v"));
    }

    @Test
    void aBuiltPodHasTheDefaultsOfAPodWithoutThoseFields() {
        assertEquals(new PodSpec("web", Map.of(), Map.of(), "web", RestartPolicy.ALWAYS, false, List.of(), PodSpec.DEFAULT_STOP_TIMEOUT,
                List.of(), PodOptions.NONE, NetworkMode.SLIRP4NETNS, List.of(), null), PodSpec.builder("web").build());
        assertEquals("host", PodSpec.builder("web").hostname("host").build().hostname());
    }

    @Test
    void aBuiltContainerHasTheDefaultsOfAContainerWithoutThoseFields() {
        assertEquals(new ContainerSpec("app", "busybox", List.of(), List.of(), List.of(), null, null, List.of(), SecurityContext.NONE,
                null, Resources.NONE, List.of(), null, null, null, null, Lifecycle.NONE), ContainerSpec.builder("app", "busybox").build());
    }

    @Test
    void toBuilderKeepsEveryField() {
        ContainerSpec c = new ContainerSpec("app", "busybox", List.of("sh"), List.of("-c"), List.of(new EnvVar("A", "b")), "/w",
                PullPolicy.NEVER, List.of(new VolumeMount("v", "/v", true, null)),
                new SecurityContext(1000L, null, true, List.of(), false, null, List.of(), List.of(), false),
                "SIGINT", new Resources(100L, 200L, null, null), List.of(new ContainerPort("http", 80, 8080, "TCP", null)),
                RestartPolicy.ALWAYS, Probe.of(ProbeAction.exec(List.of("true"))),
                Probe.of(ProbeAction.tcpSocket(new ProbeAction.TcpSocket(null, ProbeAction.PortRef.of(80)))),
                Probe.of(ProbeAction.httpGet(new ProbeAction.HttpGet(null, null, "/", ProbeAction.PortRef.named("http"), List.of()))),
                new Lifecycle(ProbeAction.sleep(1), ProbeAction.exec(List.of("stop"))));
        assertEquals(c, c.toBuilder().build());
        PodSpec p = new PodSpec("web", Map.of("a", "1"), Map.of("n", "x"), "host", RestartPolicy.NEVER, true, List.of(c), 3,
                List.of(Volume.emptyDir("v", false, null)),
                new PodOptions(List.of(), null, false, true, false, Map.of(), List.of()), NetworkMode.BRIDGE, List.of(c), "back");
        assertEquals(p, p.toBuilder().build());
        assertEquals("back", p.toBuilder().build().networkName());
        assertEquals("jpod", p.toBuilder().networkName(null).build().networkName(), "the default network when none is named");
        assertEquals(null, p.toBuilder().network(NetworkMode.NONE).build().networkName(), "no network name off the bridge");
        assertEquals(List.of(APP), p.toBuilder().containers(APP).build().containers());
        assertEquals("host", p.toBuilder().containers(APP).build().hostname());
    }

    @Test
    void envEntry() {
        assertEquals("A=b", new EnvVar("A", "b").asEntry());
        assertEquals("A=", new EnvVar("A", null).asEntry());
    }
}
