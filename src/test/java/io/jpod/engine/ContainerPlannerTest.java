package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.RuntimeFailureException;
import io.jpod.oci.ContainerPlan;
import io.jpod.oci.RuntimeSpec;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodOptions;
import io.jpod.pod.PodSpec;
import io.jpod.pod.ProcessPlan;
import io.jpod.pod.RestartPolicy;
import io.jpod.pod.SecurityContext;
import io.jpod.state.ContainerConfig;
import io.jpod.state.ContainerRow;
import io.jpod.state.ContainerStatus;
import io.jpod.state.PodRow;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plans of an infra and an app container, from facts alone. */
class ContainerPlannerTest {
    private static final String INFRA_ID = "1".repeat(64);
    private static final String APP_ID = "2".repeat(64);
    private static final Path CATATONIT = Path.of("/usr/libexec/podman/catatonit");
    private static final Path POD_FILES = Path.of("/data/containers/" + INFRA_ID + "/userdata");
    private static final ContainerPaths INFRA_PATHS = new ContainerPaths(INFRA_ID, Path.of("/data/containers/" + INFRA_ID),
            Path.of("/run/containers/" + INFRA_ID), Path.of("/run/exits/" + INFRA_ID), Path.of("/run/net/111111111111.sock"));
    private static final List<String> PASSWD = List.of("root:x:0:0:root:/root:/bin/sh",
            "nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin");
    private static final List<String> GROUP = List.of("root:x:0:", "nginx:x:101:", "www:x:33:");
    private static final ContainerPlanner PLANNER = new ContainerPlanner(CATATONIT,
            new ContainerTuning(Path.of("/seccomp"), Map.of("nofile", 4096L), true));

    private static PodSpec pod(SecurityContext sc, boolean share, boolean hostNetwork, Map<String, String> sysctls,
            List<PodOptions.Ulimit> ulimits) {
        ContainerSpec web = ContainerSpec.builder("web", "nginx").securityContext(sc).build();
        return PodSpec.builder("shop").hostname("shop-host").restartPolicy(RestartPolicy.ALWAYS).shareProcessNamespace(share)
                .containers(web).stopTimeoutSeconds(10)
                .options(new PodOptions(List.of(), null, hostNetwork, false, false, sysctls, ulimits)).build();
    }

    private static PodRow row(PodSpec spec) {
        return new PodRow("p".repeat(64), spec.name(), Instant.EPOCH, spec, INFRA_ID);
    }

    private static ContainerRow infra() {
        return new ContainerRow(INFRA_ID, "1111111111111-infra", "p".repeat(64), true, null, null, Instant.EPOCH,
                new ContainerConfig(null, new ProcessPlan(ContainerPlanner.INFRA_ARGS, List.of(), "/", null), List.of(), null, "/usr/bin/runc"),
                ContainerStatus.CREATED);
    }

    private static ContainerRow app(String imageUser, List<String> env) {
        return new ContainerRow(APP_ID, "shop-web", "p".repeat(64), false, "i".repeat(64), "nginx", Instant.EPOCH,
                new ContainerConfig("web", new ProcessPlan(List.of("nginx", "-g", "daemon off;"), env, "/srv", imageUser),
                        List.of("/layers/a/diff"), "overlay", "/usr/bin/runc"),
                ContainerStatus.CREATED);
    }

    private static ContainerPlanner.AppFacts facts(String hostHostname, List<RuntimeSpec.Mount> volumes, String seccomp) {
        return new ContainerPlanner.AppFacts(Path.of("/data/overlay/merged"), PASSWD, GROUP, 42, hostHostname, INFRA_PATHS, volumes,
                seccomp);
    }

    @Test
    void theInfraCreatesThePodsNamespacesWithCatatonit() {
        PodSpec spec = pod(SecurityContext.NONE, true, false, Map.of("net.ipv4.ip_forward", "1"), List.of());
        ContainerPlan plan = PLANNER.infra(infra(), row(spec), Path.of("/data/rootfs"));

        assertEquals(INFRA_ID, plan.id());
        assertEquals(List.of("/catatonit", "-P"), plan.args());
        assertEquals(List.of("PATH=" + ProcessPlan.DEFAULT_PATH), plan.env());
        assertEquals("/", plan.cwd());
        assertEquals(0, plan.uid());
        assertEquals(0, plan.gid());
        assertEquals("/data/rootfs", plan.rootfs());
        assertEquals("shop-host", plan.hostname());
        assertEquals(List.of("network", "uts", "ipc", "pid"), plan.created());
        assertEquals(Map.of(), plan.joined());
        assertEquals(List.of(RuntimeSpec.Mount.bind("/usr/libexec/podman/catatonit", "/catatonit", true)), plan.mounts());
        assertEquals(Map.of("io.jpod.pod.name", "shop", "io.jpod.container.name", "1111111111111-infra",
                "io.kubernetes.cri-o.ContainerType", "sandbox"), plan.annotations());
        assertEquals(ContainerPlan.Security.DEFAULT, plan.security());
        assertEquals(Map.of("net.ipv4.ip_forward", "1"), plan.tuning().sysctls(), "the infra sets the pod's sysctls");
        assertEquals(List.of(), plan.tuning().hostNamespaces());
    }

    @Test
    void withHostNetworkTheInfraKeepsTheHostsNetworkAndName() {
        ContainerPlan plan = PLANNER.infra(infra(), row(pod(SecurityContext.NONE, false, true, Map.of(), List.of())),
                Path.of("/data/rootfs"));
        assertEquals(List.of("ipc"), plan.created());
        assertNull(plan.hostname(), "no UTS namespace of its own: the host's name");
        assertEquals(List.of("network"), plan.tuning().hostNamespaces());
    }

    @Test
    void anAppResolvesTheImageUserAndJoinsTheInfrasNamespaces() {
        PodSpec spec = pod(SecurityContext.NONE, false, false, Map.of(), List.of(new PodOptions.Ulimit("nofile", 1024, 2048)));
        RuntimeSpec.Mount data = RuntimeSpec.Mount.bind("/data/volumes/cache", "/cache", false);
        ContainerPlan plan = PLANNER.app(app("nginx", List.of("PATH=/usr/bin", "HOSTNAME=shop-host")), row(spec),
                facts(null, List.of(data), "{\"defaultAction\":\"SCMP_ACT_ERRNO\"}"));

        assertEquals(APP_ID, plan.id());
        assertEquals(List.of("nginx", "-g", "daemon off;"), plan.args());
        assertEquals(List.of("PATH=/usr/bin", "HOSTNAME=shop-host", "HOME=/var/cache/nginx"), plan.env(), "HOME from /etc/passwd");
        assertEquals("/srv", plan.cwd());
        assertEquals(101, plan.uid());
        assertEquals(101, plan.gid());
        assertEquals("/data/overlay/merged", plan.rootfs());
        assertNull(plan.hostname());
        assertEquals(List.of(), plan.created());
        assertEquals(Map.of("network", "/proc/42/ns/net", "uts", "/proc/42/ns/uts", "ipc", "/proc/42/ns/ipc"), plan.joined());
        assertEquals(List.of(
                RuntimeSpec.Mount.bind(POD_FILES.resolve("hosts").toString(), "/etc/hosts", false),
                RuntimeSpec.Mount.bind(POD_FILES.resolve("hostname").toString(), "/etc/hostname", false),
                RuntimeSpec.Mount.bind(POD_FILES.resolve("resolv.conf").toString(), "/etc/resolv.conf", false), data), plan.mounts());
        assertEquals(Map.of("io.jpod.pod.name", "shop", "io.jpod.container.name", "shop-web",
                "io.kubernetes.cri-o.ContainerType", "container"), plan.annotations());
        assertEquals("{\"defaultAction\":\"SCMP_ACT_ERRNO\"}", plan.security().seccompProfile());
        assertEquals(List.of(new RuntimeSpec.Rlimit("RLIMIT_NOFILE", BigInteger.valueOf(2048), BigInteger.valueOf(1024))),
                plan.tuning().rlimits());
        assertEquals(Map.of(), plan.tuning().sysctls(), "sysctls are the infra's");
    }

    @Test
    void theSecurityContextWinsOverTheImageUser() {
        SecurityContext sc = new SecurityContext(1000L, 33L, true, List.of(5L, 6L), true, false, List.of("NET_ADMIN"),
                List.of("ALL"), false, SecurityContext.Seccomp.UNSET, false);
        ContainerPlan plan = PLANNER.app(app("nginx", List.of("HOME=/home/app")), row(pod(sc, false, false, Map.of(), List.of())),
                facts(null, List.of(), null));
        assertEquals(1000, plan.uid(), "runAsUser");
        assertEquals(33, plan.gid(), "runAsGroup");
        assertEquals(List.of(5L, 6L), plan.groups());
        assertEquals(List.of("HOME=/home/app"), plan.env(), "a HOME of the container's own is kept");
        assertEquals(new ContainerPlan.Security(true, true, List.of("NET_ADMIN"), List.of("ALL"), false, null, false),
                plan.security(), "read-only root; allowPrivilegeEscalation false: no_new_privs");
        assertEquals(new ContainerPlanner.RunAs(1000, 33, "/"),
                ContainerPlanner.user(app("nginx", List.of()), row(pod(sc, false, false, Map.of(), List.of())), PASSWD, GROUP));
    }

    @Test
    void withHostNetworkAnAppHasTheHostsNameAndJoinsOnlyWhatThePodOwns() {
        ContainerPlan plan = PLANNER.app(app(null, List.of("HOSTNAME=shop-host")),
                row(pod(SecurityContext.NONE, false, true, Map.of(), List.of())), facts("buildhost", List.of(), null));
        assertEquals(List.of("HOSTNAME=buildhost", "HOME=/root"), plan.env());
        assertEquals(Map.of("ipc", "/proc/42/ns/ipc"), plan.joined());
        assertEquals(0, plan.uid(), "no USER: root");
        assertEquals(List.of("network"), plan.tuning().hostNamespaces());
    }

    @Test
    void runAsNonRootRefusesAnImageThatRunsAsRoot() {
        SecurityContext sc = new SecurityContext(null, null, true, List.of(), false, null, List.of(), List.of(), false);
        String e = assertThrows(RuntimeFailureException.class, () -> PLANNER.app(app("root", List.of()),
                row(pod(sc, false, false, Map.of(), List.of())), facts(null, List.of(), null))).getMessage();
        assertTrue(e.contains("container web of pod shop: runAsNonRoot is set but the image runs as root (uid 0)"), e);
    }

    @Test
    void aRootlessUlimitAboveJpodsOwnIsRefused() {
        PodSpec spec = pod(SecurityContext.NONE, false, false, Map.of(), List.of(new PodOptions.Ulimit("nofile", 10, 5000)));
        assertThrows(RuntimeFailureException.class, () -> PLANNER.app(app(null, List.of()), row(spec), facts(null, List.of(), null)));
    }
}
