package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.RuntimeFailureException;
import io.jpod.oci.RuntimeSpec;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodOptions;
import io.jpod.pod.PodSpec;
import io.jpod.pod.Resources;
import io.jpod.pod.SecurityContext;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerTuningTest {
    private static final Map<String, Long> OWN = Map.of("nofile", 4096L, "core", -1L);

    private static PodSpec pod(boolean share, boolean hostNetwork, boolean hostPid, boolean hostIpc) {
        return PodSpec.builder("p").shareProcessNamespace(share).containers(ContainerSpec.builder("a", "busybox").build())
                .options(new PodOptions(List.of(), null, hostNetwork, hostPid, hostIpc, Map.of(), List.of())).build();
    }

    @Test
    void theInfraCreatesOnlyTheNamespacesThatAreNotTheHosts() {
        assertEquals(List.of("network", "uts", "ipc", "pid"), ContainerTuning.infraNamespaces(pod(true, false, false, false)));
        assertEquals(List.of("ipc"), ContainerTuning.infraNamespaces(pod(false, true, false, false)), "hostNetwork: host's hostname too");
        assertEquals(List.of("network", "uts"), ContainerTuning.infraNamespaces(pod(true, false, true, true)));
        assertEquals(List.of("network", "ipc", "pid"), ContainerTuning.hostNamespaces(pod(false, true, true, true)));
    }

    @Test
    void ulimitsBecomeRlimits() {
        ContainerTuning t = new ContainerTuning(Path.of("/none"), OWN, true);
        assertEquals(List.of(new RuntimeSpec.Rlimit("RLIMIT_NOFILE", BigInteger.valueOf(2048), BigInteger.valueOf(1024)),
                new RuntimeSpec.Rlimit("RLIMIT_CORE", RuntimeSpec.Rlimit.INFINITY, BigInteger.ZERO)),
                t.rlimits(List.of(new PodOptions.Ulimit("nofile", 1024, 2048), new PodOptions.Ulimit("core", 0, -1)), "c"));
        assertEquals(List.of(new RuntimeSpec.Rlimit("RLIMIT_NOFILE", BigInteger.valueOf(4096), BigInteger.valueOf(4096))),
                t.rlimits(List.of(new PodOptions.Ulimit("nofile", -1, -1)), "c"), "-1 is jpod's own limit");
        String e = assertThrows(RuntimeFailureException.class,
                () -> t.rlimits(List.of(new PodOptions.Ulimit("nofile", 10, 5000)), "web-a")).getMessage();
        assertTrue(e.contains("ulimit nofile=10:5000 raises the hard limit above jpod's own (4096)"), e);
        assertEquals(1, new ContainerTuning(Path.of("/none"), OWN, false)
                .rlimits(List.of(new PodOptions.Ulimit("nofile", 10, 5000)), "c").size(), "root may raise it");
    }

    @Test
    void resourcesAsTheKubeletSetsThem() {
        RuntimeSpec.Resources r = ContainerTuning.resources(new Resources(250L, 500L, null, 64L << 20));
        assertEquals(new RuntimeSpec.Resources(new RuntimeSpec.Memory(64L << 20), new RuntimeSpec.Cpu(256L, 50_000L, 100_000L)), r);
        assertEquals(new RuntimeSpec.Cpu(1024L, 100_000L, 100_000L),
                ContainerTuning.resources(new Resources(null, 1000L, null, null)).cpu(), "the request defaults to the limit");
        assertEquals(2L, ContainerTuning.resources(new Resources(1L, null, null, null)).cpu().shares(), "at least 2 shares");
        assertNull(ContainerTuning.resources(Resources.NONE));
    }

    @Test
    void seccompProfiles(@TempDir Path dir) throws IOException {
        ContainerTuning t = new ContainerTuning(dir, OWN, true);
        assertNull(t.seccomp(SecurityContext.Seccomp.UNSET, "c"));
        assertNull(t.seccomp(new SecurityContext.Seccomp("Unconfined", null), "c"));
        assertTrue(t.seccomp(new SecurityContext.Seccomp("RuntimeDefault", null), "c").contains("SCMP_ACT_ERRNO"));
        Files.createDirectories(dir.resolve("p"));
        Files.writeString(dir.resolve("p/ok.json"), "{\"defaultAction\": \"SCMP_ACT_ALLOW\"}");
        assertTrue(t.seccomp(new SecurityContext.Seccomp("Localhost", "p/ok.json"), "c").contains("SCMP_ACT_ALLOW"),
                "relative to the seccomp directory");
        assertTrue(t.seccomp(new SecurityContext.Seccomp("Localhost", dir.resolve("p/ok.json").toString()), "c")
                .contains("SCMP_ACT_ALLOW"), "or absolute");
        String missing = assertThrows(RuntimeFailureException.class,
                () -> t.seccomp(new SecurityContext.Seccomp("Localhost", "p/none.json"), "web-a")).getMessage();
        assertTrue(missing.contains("seccomp profile " + dir.resolve("p/none.json") + " cannot be read"), missing);
        Files.writeString(dir.resolve("p/bad.json"), "{\"defaultAction\": \"ALLOW\"}");
        String bad = assertThrows(RuntimeFailureException.class,
                () -> t.seccomp(new SecurityContext.Seccomp("Localhost", "p/bad.json"), "web-a")).getMessage();
        assertTrue(bad.contains("is not valid: defaultAction: \"ALLOW\" is not one of"), bad);
    }
}
