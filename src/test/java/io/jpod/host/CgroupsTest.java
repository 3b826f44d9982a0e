package io.jpod.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CgroupsTest {
    @Test
    void enabledV1ControllersFromProcCgroups() {
        String proc = """
                #subsys_name	hierarchy	num_cgroups	enabled
                cpuset	5	1	1
                cpu	3	70	1
                memory	9	120	1
                rdma	0	1	0
                """;
        assertEquals(List.of("cpuset", "cpu", "memory"), Cgroups.enabledV1(proc));
    }

    @Test
    void whyResourcesAreNotEnforced() {
        Cgroups v1 = new Cgroups("v1", List.of());
        assertNull(v1.whyNotEnforced(false), "root creates each container's cgroup");
        assertTrue(v1.whyNotEnforced(true).contains("rootless on a cgroup v1 host"));
        assertTrue(new Cgroups("v2", List.of("pids")).whyNotEnforced(true).contains("not delegated"));
    }
}
