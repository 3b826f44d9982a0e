package io.jpod.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a securityContext changes in the generated spec. */
class SpecGeneratorSecurityTest {
    private static RuntimeSpec spec(ContainerPlan.Security security) {
        return SpecGenerator.generate(ContainerPlan.builder("ab".repeat(32)).process(List.of("sh"), List.of(), "/")
                .user(1000, 1000, List.of(5L)).rootfs("/rootfs").joined(Map.of("network", "/proc/1/ns/net")).security(security).build(),
                true);
    }

    private static List<String> caps(ContainerPlan.Security s) {
        RuntimeSpec spec = spec(s);
        assertEquals(spec.process().capabilities().bounding(), spec.process().capabilities().effective());
        assertEquals(spec.process().capabilities().bounding(), spec.process().capabilities().permitted());
        return spec.process().capabilities().bounding();
    }

    private static ContainerPlan.Security caps(List<String> add, List<String> drop) {
        return new ContainerPlan.Security(false, false, add, drop, false);
    }

    @Test
    void defaultsAreUnchanged() {
        RuntimeSpec s = spec(null);
        assertFalse(s.root().readonly());
        assertFalse(s.process().noNewPrivileges());
        assertEquals(SpecGenerator.DEFAULT_CAPS, s.process().capabilities().bounding());
        assertEquals(new RuntimeSpec.User(1000, 1000, List.of(5L)), s.process().user());
    }

    @Test
    void readOnlyRootFilesystem() {
        assertTrue(spec(new ContainerPlan.Security(true, false, List.of(), List.of(), false)).root().readonly());
    }

    @Test
    void noPrivilegeEscalation() {
        assertTrue(spec(new ContainerPlan.Security(false, true, List.of(), List.of(), false)).process().noNewPrivileges());
    }

    @Test
    void dropAllLeavesNone() {
        assertEquals(List.of(), caps(caps(List.of(), List.of("ALL"))));
    }

    @Test
    void dropAllThenAddKeepsOnlyTheAdded() {
        assertEquals(List.of("CAP_NET_BIND_SERVICE"), caps(caps(List.of("CAP_NET_BIND_SERVICE"), List.of("ALL"))));
    }

    @Test
    void addAndDropNamed() {
        List<String> c = caps(caps(List.of("CAP_NET_ADMIN"), List.of("CAP_CHOWN")));
        assertTrue(c.contains("CAP_NET_ADMIN"));
        assertFalse(c.contains("CAP_CHOWN"));
        assertEquals(SpecGenerator.DEFAULT_CAPS.size(), c.size());
    }

    @Test
    void addAllDropOne() {
        List<String> c = caps(caps(List.of("ALL"), List.of("CAP_SYS_ADMIN")));
        assertEquals(SpecGenerator.ALL_CAPS.size() - 1, c.size());
        assertFalse(c.contains("CAP_SYS_ADMIN"));
    }

    @Test
    void privilegedGetsEveryCapability() {
        assertEquals(SpecGenerator.ALL_CAPS, caps(new ContainerPlan.Security(false, false, List.of(), List.of(), true)));
    }
}
