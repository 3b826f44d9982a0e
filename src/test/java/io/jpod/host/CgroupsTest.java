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

    @Test
    void oomKillsFromMemoryEventsAndOomControl() {
        String events = """
                low 0
                high 0
                max 12
                oom 3
                oom_kill 2
                oom_group_kill 0
                """;
        assertEquals(2, Cgroups.oomKills(events), "v2 memory.events");
        String control = """
                oom_kill_disable 0
                under_oom 0
                oom_kill 1
                """;
        assertEquals(1, Cgroups.oomKills(control), "v1 memory.oom_control");
        assertEquals(0, Cgroups.oomKills("oom_kill_disable 0\nunder_oom 0\n"), "a kernel before 4.13 does not count");
    }

    @Test
    void oomCounterOfAContainersCgroup() {
        assertEquals(java.nio.file.Path.of("/sys/fs/cgroup/jpod/abc/memory.events"), new Cgroups("v2", List.of()).oomCounter("/jpod/abc"));
        assertEquals(java.nio.file.Path.of("/sys/fs/cgroup/memory/jpod/abc/memory.oom_control"),
                new Cgroups("v1", List.of()).oomCounter("/jpod/abc"));
    }
}
