package io.jpod.e2e;

import static io.jpod.e2e.Harness.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A pod kept as a kubelet keeps it: init containers in order, the crash-loop back-off (with the
 * short timings a pod may ask for), restart counts and waiting reasons in ps and pod ps, and the
 * supervisor that does restarts later, killed and replaced.
 */
class LifecycleIT {
    private static final Duration SOON = Duration.ofSeconds(60);
    private static final String IMAGE = Harness.IMAGE;
    private static Harness h;

    @BeforeAll
    static void setUp() {
        h = Harness.forClass();
        h.importBusybox();
    }

    @AfterAll
    static void tearDown() {
        h.cleanUp();
    }

    private static String initPod(String name, String policy, String firstScript) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                spec:
                  restartPolicy: %s
                  volumes:
                  - name: work
                    emptyDir: {}
                  initContainers:
                  - name: first
                    image: %s
                    command: ["sh", "-c", %s]
                    volumeMounts:
                    - {name: work, mountPath: /work}
                  - name: second
                    image: %s
                    command: ["sh", "-c", "echo two >> /work/order"]
                    volumeMounts:
                    - {name: work, mountPath: /work}
                  containers:
                  - name: app
                    image: %s
                    command: ["sh", "-c", "trap 'exit 0' TERM; cat /work/order; while true; do sleep 1; done"]
                    volumeMounts:
                    - {name: work, mountPath: /work}
                """.formatted(name, policy, IMAGE, PodYaml.quote(firstScript), IMAGE, IMAGE);
    }

    private static JsonNode pod(String name) {
        return Harness.podByName(h.podPs(), name).orElseThrow(() -> new AssertionError("no pod " + name));
    }

    @Test
    void initContainersRunInOrderToCompletionBeforeTheApp() {
        h.play(h.writeYaml("inits.yaml", initPod("inits", "Always", "sleep 1; echo one >> /work/order")));
        h.waitForState("inits-app", "running", SOON);
        String logs = h.waitForLog("inits-app", "two", 1, SOON);
        assertTrue(logs.indexOf("one") >= 0 && logs.indexOf("one") < logs.indexOf("two"), "first, then second: " + logs);
        for (String init : List.of("inits-first", "inits-second")) {
            JsonNode c = h.container(init);
            assertEquals("exited", Harness.text(c, "State"), init);
            assertEquals(0, c.path("ExitCode").asInt(-1), init);
        }
        JsonNode p = pod("inits");
        assertEquals("1/1", Harness.text(p, "Ready"), p.toString());
        assertEquals("Running", Harness.text(p, "Phase"), p.toString());
        JsonNode kube = Harness.json(h.jpodOk("pod", "inspect", "inits")).path("KubeStatus");
        assertEquals("True", kube.path("Conditions").path(1).path("Status").asString(), kube.toString());
        assertEquals("Initialized", kube.path("Conditions").path(1).path("Type").asString(), kube.toString());
        JsonNode first = kube.path("ContainerStatuses").path(0);
        assertEquals("first", first.path("Name").asString(), kube.toString());
        assertEquals("Completed", first.path("Reason").asString(), kube.toString());
        assertEquals(true, first.path("Init").asBoolean(), kube.toString());
    }

    @Test
    void aFailingInitContainerWithNeverFailsThePodAndTheAppNeverStarts() {
        Result r = h.jpod("kube", "play", h.writeYaml("blocked.yaml", initPod("blocked", "Never", "echo broken; exit 3")).toString());
        assertNotEquals(0, r.code(), r.describe());
        assertTrue(r.err().contains("blocked") && r.err().contains("first") && r.err().contains("3"), r.describe());
        assertEquals("created", h.state("blocked-app"), "the app never started");
        assertEquals("created", h.state("blocked-second"), "nor the next init container");
        assertTrue(h.jpodOk("logs", "blocked-first").out().contains("broken"));
        JsonNode p = pod("blocked");
        assertEquals("Failed", Harness.text(p, "Phase"), p.toString());
        assertEquals("Init:Error", Harness.text(p, "Reason"), p.toString());
    }

    @Test
    void aCrashingContainerBacksOffAsTheKubeletDoesWithThePodsTimings() {
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: crashy
                  annotations:
                    io.jpod.crashloop/initial: "1s"
                    io.jpod.crashloop/max: "4s"
                spec:
                  containers:
                  - name: app
                    image: %s
                    command: ["sh", "-c", "echo run; exit 1"]
                """.formatted(IMAGE);
        h.play(h.writeYaml("crashy.yaml", yaml));
        h.waitForLog("crashy-app", "run", 5, SOON);
        // runs at 0, then at once, then after 1 s, 2 s, 4 s (the maximum)
        List<Instant> runs = new ArrayList<>();
        for (String line : h.jpodOk("logs", "-t", "crashy-app").outLines()) {
            if (line.endsWith("run")) {
                runs.add(Instant.parse(line.substring(0, line.indexOf(' '))));
            }
        }
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < 5; i++) {
            gaps.add(Duration.between(runs.get(i - 1), runs.get(i)).toMillis());
        }
        String events = h.jpodOk("events", "--stream=false", "--filter", "event=back-off", "--filter", "container=crashy-app").out();
        List<Long> delays = new ArrayList<>();
        Matcher m = Pattern.compile("delay=(\\d+)ms").matcher(events);
        while (m.find()) {
            delays.add(Long.parseLong(m.group(1)));
        }
        String seen = "gaps between runs (ms): " + gaps + ", back-off delays (ms): " + delays + "\n" + events;
        assertTrue(delays.size() >= 3, seen);
        assertEquals(List.of(1000L, 2000L, 4000L), delays.subList(0, 3), seen);
        assertTrue(delays.stream().skip(3).allMatch(d -> d == 4000L), "the maximum holds: " + seen);
        // no run comes before its delay is over; how long after depends on the machine's load (a run and its
        // handling are a JVM each), so the upper bound only tells the pod's timings from the kubelet's 10 s
        List<Long> waits = List.of(0L, 1000L, 2000L, 4000L);
        for (int i = 0; i < 4; i++) {
            assertTrue(gaps.get(i) >= waits.get(i) - 100 && gaps.get(i) < waits.get(i) + 8000, "gap " + i + ": " + seen);
        }
        JsonNode c = h.container("crashy-app");
        assertTrue(c.path("Restarts").asInt() >= 4, c.toString());
        Harness.waitFor("the pod to show CrashLoopBackOff", SOON, () -> "CrashLoopBackOff".equals(Harness.text(pod("crashy"), "Reason")));
        assertTrue(pod("crashy").path("Restarts").asInt() >= 4);
        h.jpodOk("kube", "down", h.writeYaml("crashy.yaml", yaml).toString());
    }

    @Test
    void theSupervisorKilledMidRunIsReplacedAndRestartsGoOn() {
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: orphan
                  annotations:
                    io.jpod.crashloop/initial: "2s"
                    io.jpod.crashloop/max: "2s"
                spec:
                  restartPolicy: OnFailure
                  containers:
                  - name: app
                    image: %s
                    command: ["sh", "-c", "echo try; exit 2"]
                """.formatted(IMAGE);
        h.play(h.writeYaml("orphan.yaml", yaml));
        h.waitForLog("orphan-app", "try", 2, SOON);
        Harness.waitFor("a supervisor", SOON, () -> !supervisors().isEmpty());
        for (HostProcess p : supervisors()) {
            Harness.rootOk("kill", "-KILL", Long.toString(p.pid()));
        }
        Harness.waitFor("the supervisor to be gone", SOON, () -> supervisors().isEmpty());
        int before = count(h.jpodOk("logs", "orphan-app").out(), "try");
        h.jpodOk("ps", "-a"); // any listing notices the work left and starts a new supervisor
        h.waitForLog("orphan-app", "try", before + 2, SOON);
        assertFalse(supervisors().isEmpty(), "a new supervisor runs");
        h.jpodOk("pod", "rm", "-f", "orphan");
    }

    private static List<HostProcess> supervisors() {
        return h.userProcesses().stream().filter(p -> p.comm().equals("java") && p.args().contains("supervise")).toList();
    }
}
