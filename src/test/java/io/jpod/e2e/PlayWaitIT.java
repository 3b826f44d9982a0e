package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kube play --wait}: the containers' lines streamed as {@code pod/container line}, stdout and
 * stderr apart; SIGTERM tears the pods down (exit 0); pods that end by themselves end the wait, torn down.
 */
class PlayWaitIT {
    private static final Duration SOON = Duration.ofSeconds(60);
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

    private static boolean podListed(String name) {
        return Harness.podByName(h.podPs(), name).isPresent();
    }

    @Test
    void streamsEveryContainersLinesAndTearsDownOnSigterm() {
        Path yaml = h.writeYaml("wait-echo.yaml", PodYaml.pod("echo")
                .container("a", "echo a line; echo a complaint >&2; " + Harness.SLEEPER)
                .container("b", "echo b line; " + Harness.SLEEPER).yaml());
        try (Background w = h.start("kube", "play", "--wait", yaml.toString())) {
            Harness.waitFor("both containers' lines in " + w.describe(), SOON,
                    () -> w.out().contains("echo/a a line\n") && w.out().contains("echo/b b line\n") && w.err().contains("echo/a a complaint\n"));
            assertFalse(w.out().contains("a complaint"), () -> "stderr lines go to stderr\n" + w.describe());
            assertFalse(w.out().contains("echo/infra") || w.out().contains("-infra "), () -> "not the infra container\n" + w.describe());
            assertTrue(w.isAlive(), () -> "still waiting while the containers run\n" + w.describe());
            assertTrue(podListed("echo"));

            w.signalJpod("TERM");
            int code = w.waitForExit(SOON);
            assertEquals(0, code, w::describe);
            assertTrue(w.out().contains("Pods removed:"), w::describe);
        }
        assertFalse(podListed("echo"), "SIGTERM tore the pod down");
        assertTrue(h.podPs().isEmpty(), "jpod pod ps is empty");
    }

    @Test
    void returnsByItselfWhenThePodsContainersHaveExitedAndTearsDown() {
        Path yaml = h.writeYaml("wait-done.yaml", PodYaml.pod("done").restartPolicy("Never")
                .container("a", "echo a done")
                .container("b", "sleep 1; echo b done").yaml());
        Result r = h.jpodWith(Duration.ofSeconds(120), null, "kube", "play", "--wait", yaml.toString());
        assertEquals(0, r.code(), r::describe);
        assertTrue(r.out().contains("done/a a done\n"), r::describe);
        assertTrue(r.out().contains("done/b b done\n"), r::describe);
        assertTrue(r.out().contains("Pods removed:"), r::describe);
        assertFalse(podListed("done"), "the pod is torn down");
    }

    @Test
    void aFailedContainersExitCodeIsTheWaitsExitCode() {
        Path yaml = h.writeYaml("wait-fail.yaml", PodYaml.pod("fail").restartPolicy("Never")
                .container("ok", "echo fine")
                .container("bad", "echo broken >&2; exit 3").yaml());
        Result r = h.jpodWith(Duration.ofSeconds(120), null, "kube", "play", "--wait", yaml.toString());
        assertEquals(3, r.code(), r::describe);
        assertTrue(r.out().contains("fail/ok fine\n"), r::describe);
        assertTrue(r.err().contains("fail/bad broken\n"), r::describe);
        assertFalse(podListed("fail"), "the pod is torn down");
    }

    @Test
    void stdinIsReadOnceForThePlayAndTheTeardown() {
        String yaml = PodYaml.pod("piped").restartPolicy("Never").container("a", "echo from stdin").yaml();
        Result r = h.jpodWith(Duration.ofSeconds(120), yaml, "kube", "play", "--wait", "-");
        assertEquals(0, r.code(), r::describe);
        assertTrue(r.out().contains("piped/a from stdin\n"), r::describe);
        assertFalse(podListed("piped"), "the pod is torn down");
    }

    @Test
    void waitWithoutStartIsRefused() {
        Path yaml = h.writeYaml("wait-nostart.yaml", PodYaml.pod("nostart").container("a", "echo hi").yaml());
        Result r = h.jpodError("kube", "play", "--wait", "--start=false", yaml.toString());
        assertTrue(r.err().contains("--wait"), r::describe);
        assertFalse(podListed("nostart"), "nothing was played");
    }
}
