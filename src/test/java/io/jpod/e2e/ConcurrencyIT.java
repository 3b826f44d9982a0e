package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Several jpod commands at once: each sees a consistent state and none breaks another. */
class ConcurrencyIT {
    private static final String SLEEPER = Harness.SLEEPER;
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

    private static Path pod(String name) {
        return h.writeYaml(name + ".yaml", PodYaml.pod(name).container("app", SLEEPER).container("side", SLEEPER).yaml());
    }

    @Test
    void twoPlaysOfDifferentPodsAtOnceBothSucceed() {
        Path alpha = pod("alpha");
        Path beta = pod("beta");
        CompletableFuture<Result> a = CompletableFuture.supplyAsync(() -> h.jpod("kube", "play", alpha.toString()));
        CompletableFuture<Result> b = CompletableFuture.supplyAsync(() -> h.jpod("kube", "play", beta.toString()));
        Result ra = a.join();
        Result rb = b.join();
        assertEquals(0, ra.code(), ra::describe);
        assertEquals(0, rb.code(), rb::describe);

        JsonNode pods = h.podPs();
        Set<String> names = pods.values().stream().map(p -> Harness.text(p, "Name")).collect(Collectors.toSet());
        assertEquals(Set.of("alpha", "beta"), names);
        for (String c : List.of("alpha-app", "alpha-side", "beta-app", "beta-side")) {
            h.waitForState(c, "running", Duration.ofSeconds(30));
        }
        assertEquals(6, h.psAll().size(), "2 pods x (infra + 2)");
        Set<String> ids = h.psAll().values().stream().map(c -> Harness.text(c, "Id")).collect(Collectors.toSet());
        assertEquals(6, ids.size(), "every container has its own id");

        CompletableFuture<Result> downA = CompletableFuture.supplyAsync(() -> h.jpod("kube", "down", alpha.toString()));
        CompletableFuture<Result> downB = CompletableFuture.supplyAsync(() -> h.jpod("kube", "down", beta.toString()));
        assertEquals(0, downA.join().code(), () -> downA.join().describe());
        assertEquals(0, downB.join().code(), () -> downB.join().describe());
        assertEquals(0, h.psAll().size());
        h.assertNothingLeft("after two concurrent kube down");
    }

    @Test
    void psWhilePlayingAlwaysAnswersWithValidJson() {
        Path gamma = pod("gamma");
        AtomicBoolean playing = new AtomicBoolean(true);
        CompletableFuture<List<Result>> watcher = CompletableFuture.supplyAsync(() -> {
            List<Result> seen = new ArrayList<>();
            while (playing.get() || seen.isEmpty()) {
                seen.add(h.jpod("ps", "-a", "--format", "json"));
            }
            return seen;
        });
        Result play = h.jpod("kube", "play", gamma.toString());
        playing.set(false);
        List<Result> seen = watcher.join();
        assertEquals(0, play.code(), play::describe);
        for (Result r : seen) {
            assertEquals(0, r.code(), r::describe);
            assertTrue(Harness.json(r).isArray(), r::describe);
        }
        h.waitForState("gamma-app", "running", Duration.ofSeconds(30));
        h.jpodOk("kube", "down", gamma.toString());
        h.assertNothingLeft("after kube down");
    }
}
