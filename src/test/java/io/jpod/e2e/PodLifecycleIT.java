package io.jpod.e2e;

import static io.jpod.e2e.Harness.byName;
import static io.jpod.e2e.Harness.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The README's walk-through on examples/kube/hello-pod.yaml: play, list, exec, logs, inspect,
 * stop/start/restart, rm, kube down; each step checked by what a user would see.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PodLifecycleIT {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");
    private static final Duration SOON = Duration.ofSeconds(30);
    private static Harness h;
    private static Path yaml;
    private static PlayOutput play;

    @BeforeAll
    static void setUp() {
        h = Harness.forClass();
        h.importBusybox();
        yaml = h.readableCopy("examples/kube/hello-pod.yaml");
        play = h.play(yaml);
    }

    @AfterAll
    static void tearDown() {
        h.cleanUp();
    }

    private static JsonNode helloPod() {
        JsonNode pods = h.podPs();
        return Harness.podByName(pods, "hello").orElseGet(() -> fail("no pod hello in pod ps --format json: " + pods));
    }

    @Test
    @Order(1)
    void playPrintsThePodIdAndTheContainerIds() {
        assertTrue(ID.matcher(play.podId()).matches(), play::toString);
        assertEquals(2, play.containerIds().size(), () -> "two app containers: " + play);
        assertEquals(play.podId(), text(helloPod(), "Id"));
        assertEquals(Set.of(text(h.container("hello-server"), "Id"), text(h.container("hello-client"), "Id")),
                Set.copyOf(play.containerIds()), "the ids printed are the containers' ids");
    }

    @Test
    @Order(2)
    void podPsJsonHasPodmanFields() {
        h.waitForState("hello-server", "running", SOON);
        h.waitForState("hello-client", "running", SOON);
        JsonNode pod = helloPod();
        assertEquals("Running", text(pod, "Status"), pod::toString);
        assertTrue(ID.matcher(text(pod, "Id")).matches(), pod::toString);
        assertEquals("hello", text(pod.path("Labels"), "app"), () -> "Labels from metadata.labels: " + pod);
        // rootless jpod makes no cgroup; the pod is on the user's shared network, jpod
        assertEquals("", pod.path("Cgroup").asText("?"), pod::toString); // rootless jpod makes no cgroup
        assertEquals("", pod.path("Namespace").asText("?"), pod::toString);
        assertEquals("[\"jpod\"]", pod.path("Networks").toString(), pod::toString);
        JsonNode ctrs = pod.path("Containers");
        assertEquals(3, ctrs.size(), () -> "infra + 2 app containers: " + pod);
        for (JsonNode c : ctrs) {
            assertTrue(ID.matcher(text(c, "Id")).matches(), c::toString);
            assertEquals("running", text(c, "Status"), c::toString);
        }
        Set<String> names = new TreeSet<>();
        ctrs.forEach(c -> names.add(text(c, "Names")));
        assertTrue(names.containsAll(Set.of("hello-server", "hello-client")), () -> "Containers[].Names: " + names);
    }

    @Test
    @Order(3)
    void psAllJsonShowsInfraAndAppContainers() {
        // PodName is filled in with --pod (podman leaves it "" without).
        JsonNode all = Harness.json(h.jpodOk("ps", "-a", "--pod", "--format", "json"));
        List<JsonNode> hello = all.values().stream().filter(c -> "hello".equals(text(c, "PodName"))).toList();
        assertEquals(3, hello.size(), () -> "infra + server + client: " + all);
        List<JsonNode> infra = hello.stream().filter(c -> c.path("IsInfra").asBoolean(false)).toList();
        assertEquals(1, infra.size(), () -> "exactly one IsInfra: " + hello);
        for (JsonNode c : hello) {
            assertTrue(ID.matcher(text(c, "Id")).matches(), () -> "Id is the full 64-hex id: " + c);
            assertTrue(c.path("Names").isArray(), () -> "Names is a list in podman's JSON: " + c);
            assertEquals(play.podId(), text(c, "Pod"), c::toString);
            assertEquals("running", text(c, "State"), c::toString);
            assertTrue(c.has("CreatedAt") && c.has("Command") && c.has("Image"), () -> "podman's fields: " + c);
        }
        JsonNode server = byName(all, "hello-server").orElseGet(() -> fail("no hello-server: " + all));
        assertEquals(Harness.IMAGE, text(server, "Image"));
        assertTrue(!server.path("IsInfra").asBoolean(true), server::toString);
        // the pod has no volumes; the infra container is on network jpod, the others join its namespace; Namespaces only with
        // podman's ps --ns
        assertEquals(0, server.path("Mounts").size(), server::toString);
        assertTrue(hello.stream().allMatch(c -> c.path("Networks").toString().equals(c.path("IsInfra").asBoolean() ? "[\"jpod\"]" : "[]")),
                hello::toString);
        assertTrue(server.path("Namespaces").isObject() && server.path("Namespaces").isEmpty(), server::toString);
    }

    @Test
    @Order(4)
    void goTemplatesAndTables() {
        Set<String> names = Set.copyOf(h.jpodOk("ps", "-a", "--format", "{{.Names}}").outLines());
        assertTrue(names.containsAll(Set.of("hello-server", "hello-client")), () -> "ps --format '{{.Names}}': " + names);
        assertEquals(List.of("hello"), h.jpodOk("pod", "ps", "--format", "{{.Name}}").outLines());

        Result table = h.jpodOk("ps", "-a", "--pod");
        assertTrue(table.outLines().get(0).contains("CONTAINER ID") && table.outLines().get(0).contains("PODNAME"),
                () -> "ps --pod adds POD ID and PODNAME columns\n" + table.describe());
        assertTrue(table.outLines().stream().anyMatch(l -> l.contains("hello-server") && l.contains(play.podId().substring(0, 12))),
                table::describe);

        Result pods = h.jpodOk("pod", "ps");
        assertTrue(pods.outLines().get(0).startsWith("POD ID") && pods.outLines().get(0).contains("NAME"), pods::describe);
        assertTrue(pods.outLines().stream().anyMatch(l -> l.startsWith(play.podId().substring(0, 12)) && l.contains("hello") && l.contains("Running")),
                pods::describe);
    }

    @Test
    @Order(5)
    void execSeesEnvAndPodHostname() {
        List<Harness.Ran> server = h.execEach("hello-server", "echo $GREETING", "env", "hostname", "cat /etc/hostname");
        assertEquals("hello", server.get(0).ok(), "env from the YAML");
        assertTrue(server.get(1).ok().lines().anyMatch("GREETING=hello"::equals));
        assertEquals("hello", server.get(2).ok(), "hostname is the pod name");
        assertEquals("hello", server.get(3).ok());
        assertEquals("hello", h.execOut("hello-client", "hostname"), "the pod shares one UTS namespace");
    }

    @Test
    @Order(6)
    void containersTalkOverLocalhost() {
        h.waitForLog("hello-client", "hello from hello", 1, SOON);
        assertEquals("hello from hello", h.execOut("hello-client", "timeout", "5", "wget", "-q", "-O-", "http://localhost:8080/"));
    }

    @Test
    @Order(7)
    void logsFollowShowsNewLines() {
        try (Background follow = h.start("logs", "-f", "hello-client")) {
            Harness.waitFor("logs -f to print the page", SOON, () -> follow.out().contains("hello from hello"));
            int seen = Harness.count(follow.out(), "hello from hello");
            Harness.waitFor("logs -f to print a line that came later", SOON, () -> Harness.count(follow.out(), "hello from hello") > seen);
            assertTrue(follow.isAlive(), () -> "logs -f keeps following\n" + follow.describe());
        }
    }

    @Test
    @Order(8)
    void execPassesTheExitCodeThrough() {
        assertEquals(3, h.jpod("exec", "hello-server", "sh", "-c", "exit 3").code());
        Result missing = h.jpod("exec", "hello-server", "no-such-command");
        assertEquals(127, missing.code(), () -> "a command that is not found: 127, as podman\n" + missing.describe());
        Result notExecutable = h.jpod("exec", "hello-server", "/etc/passwd");
        assertEquals(126, notExecutable.code(), () -> "a command that cannot run: 126, as podman\n" + notExecutable.describe());
    }

    @Test
    @Order(10)
    void imageOwnershipIsKept() {
        List<Harness.Ran> stat = h.execEach("hello-server", "stat -c %u:%g /home/app/owned", "stat -c %u:%g /bin/busybox", "stat -c %a /tmp");
        assertEquals("1000:1000", stat.get(0).ok());
        assertEquals("0:0", stat.get(1).ok());
        assertEquals("1777", stat.get(2).ok());
    }

    @Test
    @Order(11)
    void idsAreAcceptedByUniquePrefix() {
        String id = text(h.container("hello-server"), "Id");
        assertEquals("hello", h.execOut(id.substring(0, 12), "hostname"));
        JsonNode inspected = Harness.json(h.jpodOk("inspect", id.substring(0, 12)));
        assertEquals(id, text(inspected.get(0), "Id"));
        JsonNode pod = Harness.json(h.jpodOk("pod", "inspect", play.podId().substring(0, 12)));
        assertEquals(play.podId(), text(pod.isArray() ? pod.get(0) : pod, "Id"));
    }

    @Test
    @Order(12)
    void inspectShowsContainerAndPod() {
        JsonNode arr = Harness.json(h.jpodOk("inspect", "hello-server"));
        assertTrue(arr.isArray() && arr.size() == 1, () -> "inspect prints an array (podman): " + arr);
        JsonNode c = arr.get(0);
        assertEquals("hello-server", text(c, "Name"));
        assertEquals(play.podId(), text(c, "Pod"));
        assertEquals("running", text(c.path("State"), "Status"), c::toString);
        assertTrue(c.path("State").path("Running").asBoolean(false), c::toString);
        assertFalse(c.path("State").has("OOMKilled"), () -> "rootless, no cgroup of its own counts OOM kills: " + c);
        assertTrue(Set.of("overlay", "fuse-overlay", "copy").contains(text(c, "Driver")), c::toString);
        assertEquals("hello", text(c.path("Config").path("Labels"), "app"), () -> "the pod's labels, as podman: " + c);
        assertTrue(c.path("Config").path("Env").values().stream().anyMatch(e -> "GREETING=hello".equals(e.asString(""))),
                () -> "Config.Env: " + c.path("Config"));

        JsonNode p = Harness.json(h.jpodOk("pod", "inspect", "hello"));
        JsonNode pod = p.isArray() ? p.get(0) : p;
        assertEquals("hello", text(pod, "Name"));
        assertEquals(play.podId(), text(pod, "Id"));
        assertEquals("Running", text(pod, "State"), pod::toString);
        assertEquals("hello", text(pod, "Hostname"), pod::toString);
        assertEquals(3, pod.path("Containers").size(), () -> "infra + 2: " + pod);
    }

    @Test
    @Order(13)
    void containerStopAndStart() {
        h.jpodOk("stop", "hello-client");
        assertEquals("exited", h.state("hello-client"), "stop waits until the container has stopped");
        h.waitForExitHandled("hello-client", SOON);
        assertEquals("exited", h.state("hello-client"), "a stopped container is not restarted by restartPolicy Always");
        assertEquals("running", h.state("hello-server"), "the rest of the pod runs on");
        listsFilterAsPodman();
        h.jpodOk("start", "hello-client");
        h.waitForState("hello-client", "running", SOON);
    }

    /** With hello-client stopped: --filter on ps, pod ps and images (podman's keys and combinations). */
    private void listsFilterAsPodman() {
        String names = "{{.Names}}";
        assertEquals(List.of("hello-client"), h.jpodOk("ps", "--filter", "status=exited", "--format", names).outLines(),
                "a status filter implies --all");
        assertEquals(List.of("hello-server"), h.jpodOk("ps", "--filter", "name=hello", "--format", names).outLines(),
                "without --all only running containers");
        assertEquals(List.of("hello-client", "hello-server"),
                h.jpodOk("ps", "-a", "--filter", "label=app=hello", "--sort", "names", "--format", names).outLines(),
                "app containers carry their pod's labels");
        assertEquals(List.of("hello-client"), h.jpodOk("ps", "-a", "--filter", "exited=0", "--filter", "pod=hello", "--format", names).outLines());
        assertEquals(1, h.jpodOk("ps", "-l", "--format", names).outLines().size(), "--latest shows one container");
        assertEquals(List.of("hello"), h.jpodOk("pod", "ps", "--filter", "status=degraded", "--format", "{{.Name}}").outLines());
        assertEquals(List.of(), h.jpodOk("pod", "ps", "--filter", "ctr-number=5", "--format", "{{.Name}}").outLines());
        assertEquals(List.of(Harness.IMAGE), h.jpodOk("images", "--filter", "reference=busybox", "--format", "{{.Repository}}:{{.Tag}}").outLines());
        assertTrue(h.jpodError("ps", "--filter", "bogus=1").err().contains("\"bogus\" is an invalid container filter"));
        h.jpodError("pod", "ps", "--filter", "status=sleeping");
    }

    @Test
    @Order(14)
    void podRestartRestartsTheProcesses() {
        String before = h.execOut("hello-server", "sh", "-c", "cut -d' ' -f22 /proc/1/stat");
        String id = text(h.container("hello-server"), "Id");
        h.jpodOk("pod", "restart", "hello");
        h.waitForState("hello-server", "running", SOON);
        String after = h.execOut("hello-server", "sh", "-c", "cut -d' ' -f22 /proc/1/stat");
        assertNotEquals(before, after, "the server's process is a new one (start time of its pid 1)");
        assertEquals(id, text(h.container("hello-server"), "Id"), "restart keeps the container");
        h.waitForLog("hello-client", "hello from hello", 1, SOON);
    }

    @Test
    @Order(15)
    void podStopAndStart() {
        h.jpodOk("pod", "stop", "hello");
        assertEquals("Exited", text(helloPod(), "Status"), () -> "pod ps after pod stop: " + helloPod());
        assertEquals("exited", h.state("hello-server"));
        assertEquals("exited", h.state("hello-client"));
        assertTrue(h.leftovers().stream().noneMatch(p -> p.comm().equals("httpd")), () -> "httpd stopped: " + h.leftovers());

        h.jpodOk("pod", "start", "hello");
        assertEquals("Running", text(helloPod(), "Status"));
        h.waitForState("hello-server", "running", SOON);
        assertEquals("hello", h.execOut("hello-server", "hostname"));
    }

    @Test
    @Order(16)
    void rmOfAStoppedContainer() {
        Result running = h.jpod("rm", "hello-client");
        assertTrue(running.code() != 0, () -> "rm of a running container needs -f (podman)\n" + running.describe());
        h.jpodOk("stop", "hello-client");
        h.jpodOk("rm", "hello-client");
        assertTrue(byName(h.psAll(), "hello-client").isEmpty(), "rm removes the container");
        assertEquals("running", h.state("hello-server"), "the pod runs on");
    }

    @Test
    @Order(17)
    void kubeDownLeavesNothingBehind() {
        h.jpodOk("kube", "down", yaml.toString());
        assertEquals(0, h.psAll().size(), "no containers left (ps -a --format json is [])");
        assertEquals(0, h.podPs().size(), "no pods left");
        h.assertNothingLeft("after kube down");
    }

    @Test
    @Order(18)
    void startFalseCreatesWithoutStartingThenPodRm() {
        PlayOutput created = h.play(yaml, "--start=false");
        assertEquals("Created", text(helloPod(), "Status"), () -> "pod ps after --start=false: " + helloPod());
        assertEquals("created", h.state("hello-server"));
        assertTrue(h.leftovers().stream().noneMatch(p -> p.comm().equals("httpd")), "nothing started");

        h.jpodOk("pod", "start", "hello");
        h.waitForState("hello-server", "running", SOON);
        assertEquals(created.podId(), text(helloPod(), "Id"));

        Result busy = h.jpod("pod", "rm", "hello");
        assertTrue(busy.code() != 0, () -> "pod rm of a running pod needs -f (podman)\n" + busy.describe());
        h.jpodOk("pod", "stop", "hello");
        h.jpodOk("pod", "rm", "hello");
        assertEquals(0, h.podPs().size());
        assertEquals(0, h.psAll().size(), "pod rm removes its containers, infra included");
        h.assertNothingLeft("after pod rm");
    }

    @Test
    @Order(19)
    void aPodRunsOnTheCopyStorageDriver() {
        // the kernel's overlay is what this host uses; a copy of the layers is the rootless fallback of last resort
        // (fuse-overlayfs, the other one, needs /dev/fuse open to the user: RootModeIT runs it, as root)
        StorageDriverCheck.playOn("copy", h::jpod, h::writeYaml);
    }
}
