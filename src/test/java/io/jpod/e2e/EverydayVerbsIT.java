package io.jpod.e2e;

import static io.jpod.e2e.Harness.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The verbs podman users type without thinking (issue 16): exists, kill and pod kill, wait, restart, logs --since and
 * --until, top and pod top, stats and pod stats (once and streamed), pause refused rootless on cgroup v1, rename, pod logs,
 * --all and --latest, pod rm -f -t 0, all on one small pod of two containers, each seen through what it leaves: exit codes,
 * states, start times, logs, tables.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EverydayVerbsIT {
    private static final Duration SOON = Duration.ofSeconds(30);
    private static final String APP = "verbs-app";
    private static final String SIDE = "verbs-side";
    private static final String RENAMED = "verbs-renamed";
    /** Says when it starts and when it gets SIGHUP; SIGTERM ends it with 0. */
    private static final String SCRIPT = "trap 'echo got-hup' HUP; trap 'exit 0' TERM; echo started; "
            + "while true; do sleep 1 & wait $!; done";
    private static Harness h;
    /** When the killed container was killed, before it was restarted. */
    private static Instant betweenRuns;
    private static String firstStart;

    @BeforeAll
    static void setUp() {
        h = Harness.forClass();
        h.importBusybox();
        h.play(h.writeYaml("verbs.yaml", PodYaml.pod("verbs").restartPolicy("Never").container("app", SCRIPT)
                .container("side", "echo side-started; " + Harness.SLEEPER).yaml()));
        h.waitForState(APP, "running", SOON);
        h.waitForState(SIDE, "running", SOON);
    }

    @AfterAll
    static void tearDown() {
        h.cleanUp();
    }

    private static JsonNode inspectState() {
        return Harness.json(h.jpodOk("inspect", APP)).get(0).path("State");
    }

    @Test
    @Order(1)
    void existsAnswersWithItsExitCodeAlone() {
        for (List<String> args : List.of(List.of("container", "exists", APP), List.of("image", "exists", Harness.IMAGE),
                List.of("pod", "exists", "verbs"))) {
            Result r = h.jpod(args.toArray(String[]::new));
            assertEquals(0, r.code(), r::describe);
            assertEquals("", r.out() + r.err(), "nothing printed");
        }
        for (List<String> args : List.of(List.of("container", "exists", "nosuch"), List.of("image", "exists", "localhost/nosuch:1"))) {
            Result r = h.jpod(args.toArray(String[]::new));
            assertEquals(1, r.code(), r::describe);
            assertEquals("", r.out() + r.err(), "nothing printed");
        }
    }

    @Test
    @Order(2)
    void killSignalsAndTheExitIsHandledAsAnyExit() {
        assertEquals(APP + "\n", h.jpodOk("kill", "-s", "HUP", APP).out(), "podman prints the name given");
        assertEquals(APP + "\n", h.jpodOk("kill", APP).out(), "SIGKILL by default");
        assertEquals("137\n", h.jpodOk("wait", APP).out(), "wait prints the exit code: 128 + SIGKILL");
        betweenRuns = Instant.now();
        h.waitForExitHandled(APP, SOON);
        JsonNode state = inspectState();
        assertEquals("exited", state.path("Status").asText(), () -> "restartPolicy Never: no restart. State: " + state);
        assertEquals(137, state.path("ExitCode").asInt(-1), () -> "State: " + state);
        firstStart = state.path("StartedAt").asText();
        Result again = h.jpodError("kill", APP);
        assertTrue(again.err().contains("can only kill running containers"), again::describe);
    }

    @Test
    @Order(3)
    void restartStartsItAgain() {
        assertEquals(APP + "\n", h.jpodOk("restart", "-t", "0", APP).out());
        JsonNode state = inspectState();
        assertEquals("running", state.path("Status").asText(), () -> "State: " + state);
        assertTrue(Instant.parse(state.path("StartedAt").asText()).isAfter(Instant.parse(firstStart)),
                () -> "a new start time: " + firstStart + " then " + state);
    }

    @Test
    @Order(4)
    void logsSinceAndUntilSplitTheRuns() {
        Result since = h.jpodOk("logs", "--since", betweenRuns.toString(), APP);
        assertEquals("started\n", since.out(), "only the second run: " + since.describe());
        String unixSeconds = betweenRuns.getEpochSecond() + "." + String.format("%09d", betweenRuns.getNano());
        Result until = h.jpodOk("logs", "--until", unixSeconds, APP);
        assertEquals(1, count(until.out(), "started"), until::describe);
        assertEquals(1, count(until.out(), "got-hup"), () -> "kill -s HUP reached the trap: " + until.describe());
    }

    @Test
    @Order(5)
    void topListsTheProcessesFromProc() {
        Result top = h.jpodOk("top", APP);
        List<String> lines = top.out().lines().toList();
        assertEquals(List.of("USER", "PID", "PPID", "%CPU", "ELAPSED", "TTY", "TIME", "COMMAND"), List.of(lines.get(0).split("\\s{2,}")),
                top::describe);
        assertTrue(lines.get(1).matches("root +1 +0 +\\d+\\.\\d{3} +[0-9.]+(ms|s|m\\S*) +\\? +\\S+ +sh -c trap .*"), top::describe);
        assertTrue(lines.stream().anyMatch(l -> l.matches("root +\\d+ +1 .* sleep 1")), () -> "the loop's sleep, a child of init: " + top.describe());
        Result some = h.jpodOk("top", APP, "pid,comm", "%U");
        assertEquals(List.of("PID", "COMMAND", "USER"), List.of(some.out().lines().findFirst().orElseThrow().split("\\s{2,}")), some::describe);
        Result pod = h.jpodOk("pod", "top", "verbs");
        assertTrue(pod.out().contains("catatonit") && count(pod.out(), "sh -c") == 2, () -> "infra, app and side: " + pod.describe());
        Result bad = h.jpodError("top", APP, "nosuch");
        assertEquals("Error: 'nosuch': unknown descriptor\n", bad.err(), bad::describe);
    }

    @Test
    @Order(6)
    void statsReadTheProcessesWithoutACgroup() {
        JsonNode one = Harness.json(h.jpodOk("stats", "--no-stream", "--format", "json", APP)).get(0);
        assertEquals(APP, one.path("name").asText(), one::toString);
        assertTrue(one.path("id").asText().matches("[0-9a-f]{12}"), one::toString);
        assertTrue(Integer.parseInt(one.path("pids").asText()) >= 2, () -> "sh and its sleep: " + one);
        assertTrue(one.path("mem_usage").asText().matches("[0-9.]+[kM]B / [0-9.]+GB"), () -> "resident memory of the host's: " + one);
        assertTrue(one.path("cpu_percent").asText().matches("\\d+\\.\\d\\d%"), one::toString);
        Result table = h.jpodOk("stats", "--no-stream", "--format", "{{.Name}} {{.PIDS}}");
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith(SIDE + " ")) && table.out().lines().anyMatch(l -> l.startsWith(APP + " ")),
                () -> "every running container: " + table.describe());
        JsonNode pod = Harness.json(h.jpodOk("pod", "stats", "--no-stream", "--format", "json", "verbs"));
        assertEquals(3, pod.size(), () -> "infra, app, side: " + pod);
        assertTrue(java.util.stream.StreamSupport.stream(pod.spliterator(), false).anyMatch(r -> r.path("Name").asText().equals(APP)),
                pod::toString);
        try (Background streamed = h.start("stats", "-i", "1", "--no-reset", "--format", "{{.Name}}", APP)) {
            Harness.waitFor("two readings", SOON, () -> count(streamed.out(), APP) >= 2);
            streamed.signalJpod("TERM");
            assertEquals(0, streamed.waitForExit(SOON), streamed.err());
        }
    }

    @Test
    @Order(7)
    void pauseIsRefusedWithoutTheFreezerAndSaysWhy() {
        for (String[] args : List.of(new String[] {"pause", APP}, new String[] {"pod", "pause", "verbs"})) {
            Result r = h.jpodError(args);
            Harness.assertOneErrorLine(r);
            assertTrue(r.err().contains("cgroup freezer") && r.err().contains("cgroup v1"), r::describe);
        }
        Result r = h.jpodError("unpause", APP);
        assertTrue(r.err().contains("is not paused"), r::describe);
        assertEquals("running", h.state(APP));
    }

    @Test
    @Order(8)
    void renameThenPodLogsPrefixEachContainersLines() {
        assertEquals("", h.jpodOk("rename", SIDE, RENAMED).out(), "podman prints nothing");
        assertEquals(1, h.jpod("container", "exists", SIDE).code());
        Result taken = h.jpodError("rename", RENAMED, APP);
        assertTrue(taken.err().contains("name " + APP + " is in use"), taken::describe);
        Result named = h.jpodOk("pod", "logs", "--names", "verbs");
        assertTrue(named.out().contains(RENAMED + " side-started\n") && named.out().contains(APP + " started\n"), named::describe);
        String sideId = Harness.json(h.jpodOk("inspect", RENAMED)).get(0).path("Id").asText().substring(0, 12);
        Result byId = h.jpodOk("pod", "logs", "--tail", "1", "verbs");
        assertTrue(byId.out().contains(sideId + " side-started\n"), () -> "short ids by default: " + byId.describe());
        assertEquals(2, byId.out().lines().count(), () -> "--tail 1 per container: " + byId.describe());
        assertEquals("side-started\n", h.jpodOk("pod", "logs", "-c", RENAMED, "verbs").out(), "one container: no prefix");
    }

    @Test
    @Order(9)
    void allAndLatest() {
        assertEquals(RENAMED + "\n", h.jpodOk("inspect", "-l", "--format", "{{.Name}}").out(), "the container created last");
        Result stopped = h.jpodOk("stop", "-a", "-t", "0");
        assertEquals(2, stopped.out().lines().filter(l -> l.matches("[0-9a-f]{64}")).count(), () -> "both app containers' ids: " + stopped.describe());
        assertEquals("exited", h.state(APP));
        assertEquals(2, h.jpodOk("start", "--all").out().lines().count());
        h.waitForState(APP, "running", SOON);
        assertEquals("-1\n", h.jpodOk("wait", "--condition", "running", "-l").out());
    }

    @Test
    @Order(10)
    void podKillByNameThenPodRmWithoutGrace() {
        Result killed = h.jpodOk("pod", "kill", "-s", "SIGTERM", "verbs");
        assertTrue(killed.out().matches("[0-9a-f]{64}\n"), () -> "the pod's id: " + killed.describe());
        assertEquals("0\n", h.jpodOk("wait", APP).out(), "SIGTERM reached the trap, which exits 0");
        long started = System.nanoTime();
        assertEquals(killed.out(), h.jpodOk("pod", "rm", "-f", "-t", "0", "verbs").out());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 8, "no grace period waited for");
        assertEquals(1, h.jpod("pod", "exists", "verbs").code());
    }
}
