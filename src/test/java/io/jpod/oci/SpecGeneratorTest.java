package io.jpod.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.oci.RuntimeSpec.Mount;
import io.jpod.oci.RuntimeSpec.Namespace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SpecGeneratorTest {
    private static final String ID = "ab".repeat(32);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The infra container's plan, as the engine builds it. */
    private static ContainerPlan infra(boolean sharePid) {
        List<String> created = new ArrayList<>(List.of("network", "ipc", "uts"));
        if (sharePid) {
            created.add("pid");
        }
        return ContainerPlan.builder(ID).process(List.of("/catatonit", "-P"), List.of("PATH=/usr/bin"), "/")
                .rootfs("/data/rootfs").hostname("webhost").created(created)
                .mounts(List.of(Mount.bind("/usr/libexec/catatonit", "/catatonit", true)))
                .annotations(Map.of("io.kubernetes.cri-o.ContainerType", "sandbox")).build();
    }

    /** An app container's plan: joins the infra's namespaces by path. */
    private static ContainerPlan app(boolean sharePid) {
        Map<String, String> joined = new LinkedHashMap<>();
        joined.put("uts", "/proc/42/ns/uts");
        joined.put("network", "/proc/42/ns/net");
        joined.put("ipc", "/proc/42/ns/ipc");
        if (sharePid) {
            joined.put("pid", "/proc/42/ns/pid");
        }
        return ContainerPlan.builder(ID).process(List.of("nginx", "-g", "daemon off;"), List.of("PATH=/usr/bin", "HOME=/root"), "/srv")
                .user(101, 102, List.of(5L)).rootfs("/data/merged").joined(joined)
                .mounts(List.of(Mount.bind("/data/hosts", "/etc/hosts", false))).annotations(Map.of("io.jpod.pod.name", "web")).build();
    }

    private static Namespace ns(RuntimeSpec s, String type) {
        List<Namespace> l = s.linux().namespaces().stream().filter(n -> n.type().equals(type)).toList();
        assertTrue(l.size() <= 1, "one " + type + " namespace: " + l);
        return l.isEmpty() ? null : l.get(0);
    }

    private static Mount mount(RuntimeSpec s, String destination) {
        return s.mounts().stream().filter(m -> m.destination().equals(destination)).findFirst().orElse(null);
    }

    private static List<String> types(RuntimeSpec s) {
        return s.linux().namespaces().stream().map(Namespace::type).toList();
    }

    @Test
    void infraCreatesTheSharedNamespaces() {
        RuntimeSpec s = SpecGenerator.generate(infra(false), false);
        assertEquals(List.of("mount", "network", "ipc", "uts", "pid"), types(s));
        assertTrue(s.linux().namespaces().stream().allMatch(n -> n.path() == null), "creates every namespace");
        assertEquals("webhost", s.hostname());
    }

    @Test
    void infraCreatesThePidNamespaceWhenShared() {
        RuntimeSpec s = SpecGenerator.generate(infra(true), false);
        assertEquals(List.of("mount", "network", "ipc", "uts", "pid"), types(s));
        assertNull(ns(s, "pid").path());
    }

    @Test
    void infraRunsCatatonitFromABindMount() {
        RuntimeSpec s = SpecGenerator.generate(infra(false), false);
        assertEquals(List.of("/catatonit", "-P"), s.process().args());
        Mount m = mount(s, "/catatonit");
        assertEquals(new Mount("/catatonit", "bind", "/usr/libexec/catatonit", List.of("rbind", "ro")), m);
        assertEquals("/data/rootfs", s.root().path());
        assertFalse(s.root().readonly());
    }

    @Test
    void appJoinsTheInfraNamespacesByPath() {
        RuntimeSpec s = SpecGenerator.generate(app(false), false);
        assertNull(s.hostname(), "the UTS namespace is the infra's; its hostname is already set");
        assertNull(ns(s, "mount").path(), "every container has its own mount namespace");
        assertEquals("/proc/42/ns/net", ns(s, "network").path());
        assertEquals("/proc/42/ns/ipc", ns(s, "ipc").path());
        assertEquals("/proc/42/ns/uts", ns(s, "uts").path());
        assertNull(ns(s, "pid").path(), "its own PID namespace unless the pod shares one");
        assertEquals(5, s.linux().namespaces().size());
    }

    @Test
    void appJoinsThePidNamespaceWhenShared() {
        RuntimeSpec s = SpecGenerator.generate(app(true), false);
        assertEquals("/proc/42/ns/pid", ns(s, "pid").path());
        assertEquals(5, s.linux().namespaces().size());
    }

    @Test
    void joinedNamespacesAreInAStableOrder() {
        assertEquals(List.of("mount", "ipc", "network", "uts", "pid"), types(SpecGenerator.generate(app(false), false)));
    }

    @Test
    void processIsThePlans() {
        RuntimeSpec s = SpecGenerator.generate(app(false), false);
        assertEquals(List.of("nginx", "-g", "daemon off;"), s.process().args());
        assertEquals(List.of("PATH=/usr/bin", "HOME=/root"), s.process().env());
        assertEquals("/srv", s.process().cwd());
        assertEquals(new RuntimeSpec.User(101, 102, List.of(5L)), s.process().user());
        assertFalse(s.process().terminal());
        assertEquals(Map.of("io.jpod.pod.name", "web"), s.annotations());
        assertEquals("1.0.2", s.ociVersion());
    }

    @Test
    void defaultCapabilitiesAreGivenInEverySet() {
        RuntimeSpec s = SpecGenerator.generate(app(false), false);
        List<String> podman = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
                "CAP_NET_BIND_SERVICE", "CAP_SETFCAP", "CAP_SETGID", "CAP_SETPCAP", "CAP_SETUID", "CAP_SYS_CHROOT");
        assertEquals(podman, s.process().capabilities().bounding());
        assertEquals(podman, s.process().capabilities().effective());
        assertEquals(podman, s.process().capabilities().permitted());
        assertFalse(s.process().capabilities().bounding().contains("CAP_SYS_ADMIN"));
    }

    @Test
    void maskedAndReadonlyPaths() {
        RuntimeSpec s = SpecGenerator.generate(app(false), true);
        for (String p : List.of("/proc/kcore", "/proc/keys", "/proc/timer_list", "/sys/firmware", "/proc/acpi")) {
            assertTrue(s.linux().maskedPaths().contains(p), p);
        }
        for (String p : List.of("/proc/sys", "/proc/sysrq-trigger", "/proc/bus", "/proc/irq", "/proc/fs")) {
            assertTrue(s.linux().readonlyPaths().contains(p), p);
        }
        assertFalse(s.linux().maskedPaths().contains("/proc/sys"));
    }

    @Test
    void defaultMountsComeFirstThenThePlans() {
        RuntimeSpec s = SpecGenerator.generate(app(false), false);
        List<String> dest = s.mounts().stream().map(Mount::destination).toList();
        assertEquals(List.of("/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys", "/sys/fs/cgroup", "/etc/hosts"), dest);
        assertEquals(List.of("rbind", "rw"), mount(s, "/etc/hosts").options());
        assertEquals("proc", mount(s, "/proc").type());
        assertTrue(mount(s, "/sys").options().contains("ro"));
    }

    @Test
    void rootfulSpecHasACgroupPath() {
        assertEquals("/jpod/" + ID, SpecGenerator.generate(app(false), false).linux().cgroupsPath());
    }

    @Test
    void rootlessPassDropsTheCgroupPath() {
        RuntimeSpec s = SpecGenerator.generate(app(false), true);
        assertNull(s.linux().cgroupsPath());
        assertEquals(types(SpecGenerator.generate(app(false), false)), types(s), "namespaces are unchanged");
    }

    @Test
    void rootlessAppInThePodsNetworkMountsSysfs() {
        // the infra's network namespace was made in jpod's user namespace, so joining it still allows sysfs
        RuntimeSpec s = SpecGenerator.generate(app(false), true);
        assertEquals("sysfs", mount(s, "/sys").type());
        assertEquals("cgroup", mount(s, "/sys/fs/cgroup").type());
    }

    @Test
    void rootlessContainerWithoutANetworkNamespaceBindsTheHostSys() {
        ContainerPlan hostNet = ContainerPlan.builder(ID).process(List.of("sh"), List.of(), "/").rootfs("/r")
                .created(List.of("ipc")).build();
        RuntimeSpec s = SpecGenerator.generate(hostNet, true);
        assertEquals(new Mount("/sys", "bind", "/sys", List.of("rbind", "nosuid", "noexec", "nodev", "ro")), mount(s, "/sys"));
        assertNull(mount(s, "/sys/fs/cgroup"));
        assertEquals(6, s.mounts().size());
        assertEquals("sysfs", mount(SpecGenerator.generate(hostNet, false), "/sys").type(), "only the rootless pass binds it");
    }

    @Test
    void rootlessInfraOwnsItsNetworkAndMountsSysfs() {
        RuntimeSpec s = SpecGenerator.generate(infra(false), true);
        assertEquals("sysfs", mount(s, "/sys").type());
        assertEquals("cgroup", mount(s, "/sys/fs/cgroup").type());
        assertEquals("webhost", s.hostname());
        assertNull(s.linux().cgroupsPath());
    }

    @Test
    void serializesWithOciFieldNames() {
        JsonNode n = JSON.readTree(JSON.writeValueAsString(SpecGenerator.generate(app(false), false)));
        assertEquals("1.0.2", n.get("ociVersion").asString());
        assertEquals(101, n.at("/process/user/uid").asInt());
        assertEquals(102, n.at("/process/user/gid").asInt());
        assertEquals(5, n.at("/process/user/additionalGids/0").asInt());
        assertEquals("nginx", n.at("/process/args/0").asString());
        assertEquals("/srv", n.at("/process/cwd").asString());
        assertEquals("CAP_CHOWN", n.at("/process/capabilities/bounding/0").asString());
        assertFalse(n.at("/process/noNewPrivileges").asBoolean());
        assertTrue(n.at("/process/terminal").isBoolean());
        assertEquals("/data/merged", n.at("/root/path").asString());
        assertTrue(n.at("/root/readonly").isBoolean());
        assertEquals("/etc/hosts", n.at("/mounts/7/destination").asString());
        assertEquals("bind", n.at("/mounts/7/type").asString());
        assertEquals("/data/hosts", n.at("/mounts/7/source").asString());
        assertEquals("rbind", n.at("/mounts/7/options/0").asString());
        assertEquals("mount", n.at("/linux/namespaces/0/type").asString());
        assertFalse(n.at("/linux/namespaces/0").has("path"), "no path when the namespace is created");
        assertEquals("/proc/42/ns/ipc", n.at("/linux/namespaces/1/path").asString());
        assertEquals("/jpod/" + ID, n.at("/linux/cgroupsPath").asString());
        assertTrue(n.at("/linux/maskedPaths").isArray());
        assertTrue(n.at("/linux/readonlyPaths").isArray());
        assertEquals("web", n.at("/annotations/io.jpod.pod.name").asString());
        assertFalse(n.has("hostname"), "no hostname for a container that joins the UTS namespace");
    }

    @Test
    void serializationLeavesOutWhatIsAbsent() {
        ContainerPlan root = ContainerPlan.builder(ID).process(List.of("sh"), List.of(), "/").rootfs("/r").hostname("h")
                .created(List.of("network")).build();
        JsonNode n = JSON.readTree(JSON.writeValueAsString(SpecGenerator.generate(root, true)));
        assertFalse(n.at("/linux").has("cgroupsPath"), "rootless: no cgroupsPath");
        assertTrue(n.at("/process/user").has("uid"), "uid 0 is written, OCI requires it");
        assertTrue(n.at("/process/user").has("gid"), "gid 0 is written, OCI requires it");
        assertEquals(0, n.at("/process/user/uid").asInt());
        assertFalse(n.at("/process/user").has("additionalGids"));
        assertEquals("h", n.get("hostname").asString());
    }
}
