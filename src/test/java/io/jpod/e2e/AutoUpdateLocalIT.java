package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * {@code jpod auto-update} with the {@code local} policy, as the user: a pod follows a re-tagged
 * local image; a stored schedule and {@code --schedule} in the foreground move pods without being
 * asked; a run killed halfway is finished by the supervisor; two runs at once move a pod once;
 * {@code kube play --replace} and {@code kube down} wait for a run moving their pod; a Deployment
 * is moved one replica at a time and rolled back as a whole.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoUpdateLocalIT extends AutoUpdateTesting {
    @BeforeAll
    static void setUp() {
        h = Harness.forClass();
        importVersions("v1", "v2", "v3");
    }

    @AfterAll
    static void tearDown() {
        h.cleanUp();
    }

    @Test
    @Order(1)
    void theLocalPolicyFollowsARetaggedImageAndAStoredScheduleRunsByItself() {
        h.jpodOk("tag", "localhost/app:v1", "localhost/app:current");
        Path yaml = h.writeYaml("loc.yaml", pod("loc", "io.containers.autoupdate/app: local", "localhost/app:current"));
        h.play(yaml);
        h.waitForLog("loc-app", "serving v1", 1, SOON);
        h.jpodOk("tag", "localhost/app:v2", "localhost/app:current");
        assertEquals("true", updated(run(), "loc-app"));
        assertEquals("v2", version("loc-app"));

        Result bad = h.jpod("auto-update", "schedule", "set", "0 0 25 * * ?");
        assertEquals(125, bad.code(), bad::describe);
        Harness.assertOneErrorLine(bad);
        assertTrue(bad.err().contains("position"), bad::describe);

        h.jpodOk("auto-update", "schedule", "set", "0/2 * * * * ?", "--settle", "1s");
        try {
            assertTrue(h.jpodOk("auto-update", "schedule", "show").out().contains("0/2 * * * * ?"));
            h.jpodOk("tag", "localhost/app:v1", "localhost/app:current");
            Harness.waitFor("a scheduled run to move the pod back to v1", SOON, () -> {
                for (JsonNode n : Harness.json(h.jpodOk("auto-update", "history", "--format", "json"))) {
                    if (Harness.text(n, "Trigger").equals("scheduled") && Harness.text(n, "Updated").equals("true")) {
                        return true;
                    }
                }
                return false;
            });
            assertEquals("v1", version("loc-app"));
        } finally {
            h.jpod("auto-update", "schedule", "clear");
            h.jpod("kube", "down", yaml.toString());
        }
    }

    @Test
    @Order(2)
    void aRunKilledMidUpdateIsFinishedWithoutBeingAskedAndTwoRunsAtOnceMoveAPodOnce() {
        Path yaml = playUnprobed("slow");
        try {
            h.jpodOk("tag", "localhost/app:v2", "localhost/app:slow");
            // killed while the pod settles; whoever finishes the update checks it as this run would: 12 s without a restart
            try (Background run = h.start("auto-update", "--settle", "12s")) {
                Harness.waitFor("the pod to run v2 while the run waits for it to settle", SOON,
                        () -> h.jpod("exec", "slow-app", "sh", "-c", "echo $VERSION").out().strip().equals("v2"));
                run.signalJpod("KILL");
                run.waitForExit(SOON);
            }
            h.jpodOk("ps"); // a listing starts the supervisor when work is left: it finishes the update by itself
            Harness.waitFor("the supervisor to finish the update", SOON, () -> {
                for (JsonNode n : Harness.json(h.jpodOk("auto-update", "history", "--format", "json"))) {
                    if (Harness.text(n, "Pod").equals("slow") && Harness.text(n, "Updated").equals("true")) {
                        return true;
                    }
                }
                return false;
            });
            assertEquals("v2", version("slow-app"));
            assertEquals("false", updated(run(), "slow-app"), "and nothing is left under way");

            h.jpodOk("tag", "localhost/app:v1", "localhost/app:slow");
            try (Background a = h.start("auto-update", "--settle", "1s", "--format", "{{.ContainerName}} {{.Updated}}");
                    Background b = h.start("auto-update", "--settle", "1s", "--format", "{{.ContainerName}} {{.Updated}}")) {
                a.waitForExit(SOON);
                b.waitForExit(SOON);
                String both = a.out() + b.out();
                assertEquals(1, Harness.count(both, "slow-app true"), () -> "one of two runs at once moves the pod\n"
                        + a.describe() + "\n" + b.describe());
            }
            assertEquals("v1", version("slow-app"));

            // kube play --replace, then kube down, while a run moves the pod: each waits for the update to end (its
            // row in the history), and the update, left alone, succeeds
            for (String[] command : List.of(new String[] {"kube", "play", "--replace", yaml.toString()},
                    new String[] {"kube", "down", yaml.toString()})) {
                String to = version("slow-app").equals("v1") ? "v2" : "v1";
                h.jpodOk("tag", "localhost/app:" + to, "localhost/app:slow");
                long before = movesOf("slow");
                try (Background run = h.start("auto-update", "--settle", "8s", "--format", "{{.ContainerName}} {{.Updated}}")) {
                    Harness.waitFor("the pod to run " + to + " while the run waits for it to settle", SOON,
                            () -> h.jpod("exec", "slow-app", "sh", "-c", "echo $VERSION").out().strip().equals(to));
                    h.jpodOk(command);
                    assertEquals(before + 1, movesOf("slow"), () -> String.join(" ", command) + " waited for the update to end\n"
                            + run.describe());
                    List<String> podEvents = h.jpodOk("events", "--stream=false", "--filter", "pod=slow", "--format", "{{.Status}}")
                            .out().strip().lines().toList();
                    assertNotEquals("auto-update", podEvents.get(podEvents.size() - 1), () -> String.join(" ", command)
                            + " replaced or removed the pod after the update, not during it: " + podEvents);
                    assertEquals(0, run.waitForExit(SOON), run::describe);
                    assertTrue(run.out().contains("slow-app true"), run::describe);
                }
            }
        } finally {
            h.jpod("kube", "down", yaml.toString());
        }
    }

    /** How many updates of pod {@code pod} the history records as done. */
    private static long movesOf(String pod) {
        long n = 0;
        for (JsonNode r : Harness.json(h.jpodOk("auto-update", "history", "--format", "json"))) {
            n += Harness.text(r, "Pod").equals(pod) && Harness.text(r, "Updated").equals("true") ? 1 : 0;
        }
        return n;
    }

    @Test
    @Order(3)
    void inTheForegroundItRunsOnItsScheduleUntilSigterm() {
        Path yaml = playUnprobed("fg");
        try (Background every2s = h.start("auto-update", "--schedule", "0/2 * * * * ?", "--settle", "1s")) {
            h.jpodOk("tag", "localhost/app:v2", "localhost/app:fg");
            Harness.waitFor("a scheduled run to move the pod", SOON, () -> every2s.out().contains("fg-app") && every2s.out().contains("true"));
            assertEquals("v2", version("fg-app"));
            every2s.signalJpod("TERM");
            assertEquals(0, every2s.waitForExit(SOON), every2s::describe);
        } finally {
            h.jpod("kube", "down", yaml.toString());
        }
    }

    @Test
    @Order(4)
    void aDeploymentIsMovedOneReplicaAtATimeAndRolledBackAsAWhole() {
        h.jpodOk("tag", "localhost/app:v1", "localhost/app:dep");
        Path yaml = h.writeYaml("dep.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: dep
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: dep}}
                  template:
                    metadata:
                      labels: {app: dep}
                      annotations: {io.containers.autoupdate: local}
                    spec:
                      terminationGracePeriodSeconds: 1
                      containers:
                      - name: app
                        image: localhost/app:dep
                        readinessProbe:
                          exec: {command: [cat, /tmp/ready]}
                          periodSeconds: 1
                """);
        h.play(yaml);
        try {
            Harness.waitFor("two ready replicas on v1", SOON, () -> versions("dep").equals(List.of("v1", "v1")));
            h.jpodOk("tag", "localhost/app:v2", "localhost/app:dep");
            List<String> seen = new java.util.ArrayList<>();
            try (Background run = h.start("auto-update", "--format", "{{.Pod}} {{.ContainerName}} {{.Updated}}")) {
                while (run.isAlive()) {
                    JsonNode pods = h.podPs();
                    int ready = 0;
                    for (JsonNode p : pods) {
                        ready += Harness.text(p, "Ready").equals("1/1") ? 1 : 0;
                    }
                    seen.add(pods.size() + " pods, " + ready + " ready");
                    assertTrue(pods.size() <= 3, () -> "one replica at a time (maxSurge 1): " + seen);
                }
                assertEquals(0, run.waitForExit(SOON), run::describe);
                assertTrue(run.out().contains("Deployment/dep dep-app true"), run::describe);
            }
            assertEquals(List.of("v2", "v2"), versions("dep"), "every replica runs the new image: " + seen);

            h.jpodOk("tag", "localhost/app:v3", "localhost/app:dep");
            JsonNode crashed = run();
            assertEquals("rolled back", updated(crashed, "dep-app"), crashed.toString());
            Harness.waitFor("two replicas on v2 again", SOON, () -> versions("dep").equals(List.of("v2", "v2")));
        } finally {
            h.jpod("kube", "down", yaml.toString());
        }
    }
}
