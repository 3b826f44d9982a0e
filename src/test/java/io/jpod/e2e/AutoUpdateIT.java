package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * {@code jpod auto-update} against a real registry ({@link LocalRegistry}), as the user: a pod
 * with the {@code registry} policy follows the image pushed under its name, and is rolled back
 * when the new image crashes or never gets Ready; the {@code local} policy follows a re-tagged
 * local image; a dry run changes nothing; a stored schedule moves a pod without being asked. Each
 * image says which it is ({@code VERSION}), read from inside the running container.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoUpdateIT {
    private static final Duration SOON = Duration.ofSeconds(60);
    /** Ready once it has written /tmp/ready; SIGTERM ends it at once. */
    private static final String SERVE = "[\"sh\",\"-c\",\"echo serving $VERSION; touch /tmp/ready; " + Harness.SLEEPER + "\"]";
    private static final String NEVER_READY = "[\"sh\",\"-c\",\"echo not ready; " + Harness.SLEEPER + "\"]";
    private static final String CRASH = "[\"sh\",\"-c\",\"echo crashing; exit 1\"]";
    private static Harness h;
    private static LocalRegistry registry;
    private static String image;

    @BeforeAll
    static void setUp() throws Exception {
        h = Harness.forClass();
        registry = LocalRegistry.start();
        image = registry.host() + "/test/app:latest";
        for (String[] v : List.of(new String[] {"v1", SERVE}, new String[] {"v2", SERVE}, new String[] {"v3", CRASH},
                new String[] {"v4", NEVER_READY})) {
            h.jpodOk("import", "--change", "ENV=PATH=/bin:/usr/bin", "--change", "ENV=VERSION=" + v[0], "--change", "CMD " + v[1],
                    h.rootfsTar().toString(), "localhost/app:" + v[0]);
        }
    }

    @AfterAll
    static void tearDown() {
        LocalRegistry.closeAfter(h, registry);
    }

    private static String pod(String name, String annotations, String ref) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  annotations:
                %s
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: app
                    image: %s
                    readinessProbe:
                      exec: {command: [cat, /tmp/ready]}
                      periodSeconds: 1
                """.formatted(name, annotations.indent(4).stripTrailing(), ref);
    }

    private static void push(String version) {
        h.jpodOk("push", "-q", "--tls-verify=false", "localhost/app:" + version, image);
    }

    private static String version(String container) {
        return h.execOut(container, "sh", "-c", "echo $VERSION").strip();
    }

    private static JsonNode run(String... flags) {
        List<String> argv = new java.util.ArrayList<>(List.of("auto-update", "--tls-verify=false", "--format", "json"));
        argv.addAll(List.of(flags));
        return Harness.json(h.jpodOk(argv.toArray(String[]::new)));
    }

    private static String updated(JsonNode results, String container) {
        for (JsonNode n : results) {
            if (Harness.text(n, "ContainerName").equals(container)) {
                return Harness.text(n, "Updated");
            }
        }
        return "(no row for " + container + ": " + results + ")";
    }

    @Test
    @Order(1)
    void theRegistryPolicyMovesThePodToTheImagePushedUnderItsName() {
        push("v1");
        Path yaml = h.writeYaml("web.yaml", pod("web", "io.containers.autoupdate: registry", image));
        h.play(yaml, "--tls-verify=false");
        h.waitForLog("web-app", "serving v1", 1, SOON);
        assertEquals("false", updated(run("--dry-run"), "web-app"), "nothing new yet");

        push("v2");
        assertEquals("pending", updated(run("--dry-run"), "web-app"));
        assertEquals("v1", version("web-app"), "a dry run changes nothing");

        Result r = h.jpodOk("auto-update", "--tls-verify=false");
        assertTrue(r.out().lines().anyMatch(l -> l.matches("web\\s+web-app\\s+" + image.replace(".", "\\.") + "\\s+registry\\s+true\\s*")),
                r::describe);
        assertEquals("v2", version("web-app"), "the pod runs the new image");
        assertEquals("Running", Harness.text(Harness.podByName(h.podPs(), "web").orElseThrow(), "Status"));
        assertEquals("false", updated(run(), "web-app"), "and is up to date");
        assertTrue(h.jpodOk("kube", "generate", "web").out().contains("io.containers.autoupdate: registry"), "the policy is generated back");
        String events = h.jpodOk("events", "--stream=false", "--filter", "event=auto-update").out();
        assertTrue(events.contains(" pod auto-update ") && events.contains("web") && events.contains("updated=true"), events);
    }

    @Test
    @Order(2)
    void aNewImageThatCrashesOrNeverGetsReadyIsRolledBackAndNotTriedAgain() {
        Path yaml = h.writeYaml("web.yaml", pod("web", "io.containers.autoupdate: registry", image));
        try {
            crashingAndNeverReadyImagesAreRolledBack();
        } finally {
            h.jpod("kube", "down", yaml.toString());
        }
    }

    private void crashingAndNeverReadyImagesAreRolledBack() {
        push("v3");
        JsonNode crashed = run();
        assertEquals("rolled back", updated(crashed, "web-app"), crashed.toString());
        assertEquals("v2", version("web-app"), "the previous image serves again");

        push("v4");
        JsonNode stuck = run("--timeout", "5s");
        assertEquals("rolled back", updated(stuck, "web-app"), stuck.toString());
        assertEquals("v2", version("web-app"));

        JsonNode history = Harness.json(h.jpodOk("auto-update", "history", "--format", "json"));
        List<String> outcomes = new java.util.ArrayList<>();
        history.forEach(n -> outcomes.add(Harness.text(n, "Updated") + ": " + Harness.text(n, "Reason")));
        assertTrue(outcomes.stream().anyMatch(o -> o.startsWith("true")), outcomes::toString);
        assertTrue(outcomes.stream().anyMatch(o -> o.startsWith("rolled back") && o.contains("container app ")
                && (o.contains("exited") || o.contains("restarted"))), outcomes::toString);
        assertTrue(outcomes.stream().anyMatch(o -> o.startsWith("rolled back") && o.contains("not ready within 5s")), outcomes::toString);

        Result again = h.jpodOk("auto-update", "--tls-verify=false");
        assertTrue(again.out().contains(" false"), again::describe);
        assertTrue(again.err().contains("is not tried again: it was rolled back"), () -> "a failed image is not retried\n" + again.describe());
        assertEquals("v2", version("web-app"));
    }

    @Test
    @Order(3)
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

    /** A pod without probes on {@code localhost/app:NAME}, the local policy: healthy once it ran for the settle time. */
    private static Path unprobed(String name) {
        return h.writeYaml(name + ".yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  annotations:
                    io.containers.autoupdate: local
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: app
                    image: localhost/app:%s
                """.formatted(name, name));
    }

    @Test
    @Order(4)
    void aRunKilledMidUpdateIsFinishedWithoutBeingAskedAndTwoRunsAtOnceMoveAPodOnce() {
        h.jpodOk("tag", "localhost/app:v1", "localhost/app:slow");
        Path yaml = unprobed("slow");
        h.play(yaml);
        try {
            h.waitForLog("slow-app", "serving v1", 1, SOON);
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
        } finally {
            h.jpod("kube", "down", yaml.toString());
        }
    }

    @Test
    @Order(5)
    void inTheForegroundItRunsOnItsScheduleUntilSigterm() {
        h.jpodOk("tag", "localhost/app:v1", "localhost/app:fg");
        Path yaml = unprobed("fg");
        h.play(yaml);
        try (Background every2s = h.start("auto-update", "--schedule", "0/2 * * * * ?", "--settle", "1s")) {
            h.waitForLog("fg-app", "serving v1", 1, SOON);
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
    @Order(6)
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

    @Test
    @Order(7)
    void aPodsOwnAuthFileReachesARegistryThatWantsCredentials() throws Exception {
        try (LocalRegistry secured = LocalRegistry.start("updater", "s3cret")) {
            String ref = secured.host() + "/test/app:latest";
            String auth = h.home().resolve("autoupdate-auth.json").toString();
            h.jpodWith(Harness.TIMEOUT, "s3cret\n", "login", "--tls-verify=false", "--authfile", auth, "-u", "updater", "--password-stdin",
                    secured.host());
            h.jpodOk("push", "-q", "--tls-verify=false", "--authfile", auth, "localhost/app:v1", ref);
            Path yaml = h.writeYaml("authed.yaml", pod("authed", "io.containers.autoupdate: registry\nio.containers.autoupdate.authfile: " + auth,
                    ref));
            h.play(yaml, "--tls-verify=false", "--authfile", auth);
            try {
                h.waitForLog("authed-app", "serving v1", 1, SOON);
                h.jpodOk("push", "-q", "--tls-verify=false", "--authfile", auth, "localhost/app:v2", ref);
                assertEquals("true", updated(run(), "authed-app"), "the annotation's auth file, not the default one");
                assertEquals("v2", version("authed-app"));
            } finally {
                h.jpod("kube", "down", yaml.toString());
            }
        }
    }

    /** The VERSION of every running pod of workload {@code name}'s, sorted. */
    private static List<String> versions(String name) {
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode p : h.podPs()) {
            String pod = Harness.text(p, "Name");
            if (pod.startsWith(name + "-") && Harness.text(p, "Ready").equals("1/1")) {
                out.add(h.jpod("exec", pod + "-app", "sh", "-c", "echo $VERSION").out().strip());
            }
        }
        return out.stream().sorted().toList();
    }
}
