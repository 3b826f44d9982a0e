package io.jpod.e2e;

import static io.jpod.e2e.Harness.count;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** restartPolicy Never, OnFailure and Always, as Kubernetes defines them, seen through ps, inspect and logs. */
class RestartPolicyIT {
    private static final Duration SOON = Duration.ofSeconds(60);
    private static Harness h;

    @BeforeAll
    static void setUp() {
        h = Harness.forClass();
        h.importBusybox();
        // All three pods at once: their restarts happen while the tests look at the others.
        h.play(h.writeYaml("never.yaml", PodYaml.pod("never").restartPolicy("Never")
                .container("zero", "echo ran-zero")
                .container("seven", "echo ran-seven; exit 7").yaml()));
        // a third run comes after the back-off's first delay: 1 s here, not the kubelet's 10 s (LifecycleIT tests the timings)
        h.play(h.writeYaml("onfailure.yaml", PodYaml.pod("onfailure").restartPolicy("OnFailure").initialBackOff("1s")
                .container("fail", "echo attempt; sleep 1; exit 1")
                .container("ok", "echo done-ok").yaml()));
        h.play(h.writeYaml("always.yaml", PodYaml.pod("always").restartPolicy("Always").initialBackOff("1s")
                .container("blink", "echo blink; sleep 1").yaml()));
    }

    @AfterAll
    static void tearDown() {
        h.cleanUp();
    }

    private static JsonNode inspectState(String name) {
        JsonNode arr = Harness.json(h.jpodOk("inspect", name));
        return arr.get(0).path("State");
    }

    private static String logs(String name) {
        Result r = h.jpodOk("logs", name);
        return r.out() + r.err();
    }

    @Test
    void neverLeavesExitedContainersExitedWithTheirCodes() {
        h.waitForState("never-zero", "exited", SOON);
        h.waitForState("never-seven", "exited", SOON);
        h.waitForExitHandled("never-zero", SOON);
        h.waitForExitHandled("never-seven", SOON);
        assertEquals("exited", h.state("never-zero"), "Never: no restart");
        assertEquals("exited", h.state("never-seven"), "Never: no restart, even after a failure");
        assertEquals(0, inspectState("never-zero").path("ExitCode").asInt(-1));
        assertEquals(7, inspectState("never-seven").path("ExitCode").asInt(-1), () -> "inspect State: " + inspectState("never-seven"));
        assertEquals(1, count(logs("never-zero"), "ran-zero"), "ran once");
        assertEquals(1, count(logs("never-seven"), "ran-seven"), "ran once");
    }

    @Test
    void onFailureRestartsOnlyWhatFailed() {
        h.waitForLog("onfailure-fail", "attempt", 2, SOON);
        h.waitForState("onfailure-ok", "exited", SOON);
        h.waitForExitHandled("onfailure-ok", SOON);
        assertEquals("exited", h.state("onfailure-ok"), "OnFailure: exit 0 is not restarted");
        assertEquals(0, inspectState("onfailure-ok").path("ExitCode").asInt(-1));
        assertEquals(1, count(logs("onfailure-ok"), "done-ok"), "ran once");
        h.waitForLog("onfailure-fail", "attempt", 3, SOON);
    }

    @Test
    void alwaysRestartsAContainerThatExitedZero() {
        h.waitForLog("always-blink", "blink", 3, SOON);
    }
}
