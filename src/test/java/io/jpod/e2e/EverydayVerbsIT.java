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
 * --until, pod rm -f -t 0, all on one small pod, each seen through what it leaves: exit codes, states, start times, logs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EverydayVerbsIT {
    private static final Duration SOON = Duration.ofSeconds(30);
    private static final String APP = "verbs-app";
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
        h.play(h.writeYaml("verbs.yaml", PodYaml.pod("verbs").restartPolicy("Never").container("app", SCRIPT).yaml()));
        h.waitForState(APP, "running", SOON);
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
