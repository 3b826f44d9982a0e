package io.jpod.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Host namespaces, sysctls, rlimits, cgroup resources, seccomp and procMount in the generated spec. */
class SpecGeneratorTuningTest {
    private static final RuntimeSpec.Resources LIMITS = new RuntimeSpec.Resources(new RuntimeSpec.Memory(1 << 26),
            new RuntimeSpec.Cpu(256L, 50_000L, 100_000L));

    private static RuntimeSpec spec(Map<String, String> joined, ContainerPlan.Security security, ContainerPlan.Tuning tuning,
            boolean rootless) {
        return SpecGenerator.generate(ContainerPlan.builder("ab".repeat(32)).process(List.of("sh"), List.of(), "/")
                .rootfs("/rootfs").joined(joined).security(security).tuning(tuning).build(), rootless);
    }

    private static RuntimeSpec.Mount mount(RuntimeSpec s, String destination) {
        return s.mounts().stream().filter(m -> m.destination().equals(destination)).findFirst().orElseThrow();
    }

    private static List<String> types(RuntimeSpec s) {
        return s.linux().namespaces().stream().map(RuntimeSpec.Namespace::type).toList();
    }

    @Test
    void hostNamespacesAreNeitherCreatedNorJoined() {
        var tuning = new ContainerPlan.Tuning(List.of("network", "ipc", "pid"), Map.of(), List.of(), null);
        RuntimeSpec s = spec(Map.of("uts", "/proc/9/ns/uts"), null, tuning, true);
        assertEquals(List.of("mount", "uts"), types(s), "no pid namespace of its own with hostPID");
        assertEquals(new RuntimeSpec.Mount("/proc", "bind", "/proc", List.of("rbind", "nosuid", "noexec", "nodev")),
                mount(s, "/proc"), "rootless cannot mount procfs for the host's PID namespace");
        assertEquals("bind", mount(s, "/sys").type());
        assertEquals("/dev/shm", mount(s, "/dev/shm").source(), "hostIPC: the host's /dev/shm");
        assertTrue(s.mounts().stream().noneMatch(m -> m.destination().equals("/dev/mqueue")),
                "rootless cannot mount mqueue for the host's IPC namespace");
        assertEquals("mqueue", mount(spec(Map.of(), null, tuning, false), "/dev/mqueue").type(), "root can");
        RuntimeSpec root = spec(Map.of(), null, tuning, false);
        assertEquals("proc", mount(root, "/proc").type(), "root mounts a procfs");
        assertEquals(List.of("mount", "pid"), types(spec(Map.of(), null, ContainerPlan.Tuning.NONE, true)),
                "otherwise a PID namespace of its own");
    }

    @Test
    void sysctlsRlimitsAndResources() {
        var rlimit = RuntimeSpec.Rlimit.of("nofile", 2048, 1024);
        var tuning = new ContainerPlan.Tuning(List.of(), Map.of("kernel.msgmax", "65536"), List.of(rlimit), LIMITS);
        RuntimeSpec root = spec(Map.of(), null, tuning, false);
        assertEquals(Map.of("kernel.msgmax", "65536"), root.linux().sysctl());
        assertEquals(List.of(rlimit), root.process().rlimits());
        assertEquals(LIMITS, root.linux().resources(), "root: the cgroup enforces them");
        assertNotNull(root.linux().cgroupsPath());
        RuntimeSpec rootless = spec(Map.of(), null, tuning, true);
        assertNull(rootless.linux().resources(), "rootless: no cgroup, no resources");
        assertNull(rootless.linux().cgroupsPath());
        assertEquals(Map.of("kernel.msgmax", "65536"), rootless.linux().sysctl());
        assertNull(spec(Map.of(), null, null, true).process().rlimits(), "none given: inherited");
    }

    @Test
    void seccompAndProcMount() {
        var unmasked = new ContainerPlan.Security(false, false, List.of(), List.of(), false, SeccompProfiles.runtimeDefault(), true);
        RuntimeSpec s = spec(Map.of(), unmasked, null, true);
        assertEquals("SCMP_ACT_ERRNO", s.linux().seccomp().defaultAction());
        assertEquals(List.of(), s.linux().maskedPaths());
        assertEquals(List.of(), s.linux().readonlyPaths());
        RuntimeSpec masked = spec(Map.of(), null, null, true);
        assertNull(masked.linux().seccomp());
        assertTrue(masked.linux().maskedPaths().contains("/proc/kcore"));
    }

    @Test
    void capabilitiesDecideTheProfilesRules() {
        var admin = new ContainerPlan.Security(false, false, List.of("CAP_SYS_ADMIN"), List.of(), false,
                SeccompProfiles.runtimeDefault(), false);
        assertTrue(spec(Map.of(), admin, null, true).linux().seccomp().syscalls().stream()
                .anyMatch(r -> r.names().contains("mount") && r.action().equals("SCMP_ACT_ALLOW")));
    }
}
