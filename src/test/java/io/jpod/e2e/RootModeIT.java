package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * jpod run by root (no user namespace): the same pod works, state goes where JPOD_ROOT and
 * JPOD_RUNROOT say (kept apart from /var/lib/jpod), and kube down leaves nothing mounted; a container's own cgroup
 * enforces its resources, counts its stats and freezes it for pause.
 */
class RootModeIT {
    private static final Path STATE = Harness.tmp("rootmode");
    private static Harness h;
    private static Path yaml;

    @BeforeAll
    static void setUp() {
        h = Harness.get();
        Harness.root("rm", "-rf", STATE.toString());
        asRoot("system", "reset", "-f");
        rootOk("import", "--change", "ENV=PATH=/bin:/usr/bin", h.rootfsTar().toString(), Harness.IMAGE);
        yaml = h.readableCopy("examples/kube/hello-pod.yaml");
    }

    @AfterAll
    static void tearDown() {
        asRoot("system", "reset", "-f");
        Harness.root("rm", "-rf", STATE.toString());
    }

    static Result asRoot(String... args) {
        List<String> cmd = new ArrayList<>(List.of("env", "JPOD_ROOT=" + STATE.resolve("root"), "JPOD_RUNROOT=" + STATE.resolve("run"),
                Harness.DIST.resolve("bin/jpod").toString()));
        cmd.addAll(List.of(args));
        return Harness.root(cmd.toArray(String[]::new));
    }

    static Result rootOk(String... args) {
        Result r = asRoot(args);
        assertEquals(0, r.code(), () -> "jpod as root failed\n" + r.describe());
        return r;
    }

    @Test
    void playsExecsAndTearsDownAsRoot() {
        PlayOutput played = PlayOutput.parse(rootOk("kube", "play", yaml.toString()));
        assertEquals(2, played.containerIds().size());
        assertTrue(rootOk("info").out().contains("rootless: false"), "info says root mode");
        assertEquals("hello", rootOk("exec", "hello-server", "cat", "/etc/hostname").out().trim());
        assertEquals("0", rootOk("exec", "hello-server", "id", "-u").out().trim());
        Harness.waitFor("the client to reach the server over localhost", Duration.ofSeconds(30),
                () -> asRoot("logs", "hello-client").out().contains("hello from hello"));
        rootOk("kube", "down", yaml.toString());
        assertEquals("[]", rootOk("ps", "-a", "--format", "json").out().replaceAll("\\s", ""));
        String mounts = Harness.rootOk("cat", "/proc/self/mounts").out();
        assertTrue(!mounts.contains(STATE.toString()), () -> "nothing of jpod stays mounted:\n" + mounts);
    }

    @Test
    void aPodRunsOnTheFuseOverlayStorageDriver() {
        // fuse-overlayfs is the rootless fallback where the kernel refuses overlay in a user namespace; rootless it needs
        // /dev/fuse open to the user (0666, as Debian's fuse3 makes it), which this host's is not, so it runs as root here
        StorageDriverCheck.playOn("fuse-overlay", RootModeIT::asRoot, h::writeYaml);
        String mounts = Harness.rootOk("cat", "/proc/self/mounts").out();
        assertTrue(!mounts.contains(STATE.toString()), () -> "nothing of jpod stays mounted:\n" + mounts);
    }

    @Test
    void resourcesAreTheContainersCgroupLimitsAsRoot() {
        Path tuned = h.readableCopy("examples/kube/security-and-dns.yaml");
        Result play = rootOk("kube", "play", tuned.toString());
        try {
            assertTrue(!play.err().contains("not enforced"), play.err());
            assertEquals("67108864", rootOk("exec", "tuned-app", "cat", "/sys/fs/cgroup/memory/memory.limit_in_bytes").out().trim(),
                    "limits.memory 64Mi");
            assertEquals("50000", rootOk("exec", "tuned-app", "cat", "/sys/fs/cgroup/cpu/cpu.cfs_quota_us").out().trim(),
                    "limits.cpu 500m of a 100000 us period");
            assertEquals("256", rootOk("exec", "tuned-app", "cat", "/sys/fs/cgroup/cpu/cpu.shares").out().trim(), "requests.cpu 250m");
            String controllers = rootOk("info").out().lines().filter(l -> l.contains("cgroupControllers:")).findFirst().orElse("");
            assertTrue(controllers.contains("memory") && controllers.contains("cpu"), () -> "info lists the controllers: " + controllers);
            String stats = rootOk("stats", "--no-stream", "--format", "{{.MemUsage}} {{.PIDS}}", "tuned-app").out();
            assertTrue(stats.matches("[0-9.]+[kM]?B / 67.11MB [1-9]\\d*\\n"), () -> "the cgroup's usage and its 64Mi limit: " + stats);
            assertEquals("tuned-app\n", rootOk("pause", "tuned-app").out());
            assertTrue(rootOk("ps", "--all", "--format", "{{.Names}} {{.Status}}").out().contains("tuned-app Paused\n"), "ps says Paused");
            assertEquals("paused true\n", rootOk("inspect", "--format", "{{.State.Status}} {{.State.Paused}}", "tuned-app").out());
            assertEquals("tuned-app\n", rootOk("unpause", "tuned-app").out());
            assertEquals("running\n", rootOk("inspect", "--format", "{{.State.Status}}", "tuned-app").out());
        } finally {
            rootOk("kube", "down", tuned.toString());
        }
    }
}
