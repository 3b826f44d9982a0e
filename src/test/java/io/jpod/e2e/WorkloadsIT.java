package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Workloads as a cluster runs them, played as the unprivileged user with short timings: a
 * Deployment's replicas kept (a removed one, or one whose infra died, replaced), scaled, rolled one pod at a time with enough
 * ready pods throughout (sampled), recreated; the rollout finishing after its supervisor was killed;
 * a hostPort bound once; Jobs to completion with parallelism (sampled), Indexed, past their
 * backoffLimit and their activeDeadlineSeconds, and their TTL; {@code kube play --wait} of a Job.
 */
class WorkloadsIT extends PlayingIT {
    private static final Duration SOON = Duration.ofSeconds(60);

    /** A Deployment {@code name} of {@code replicas} whose pods turn ready 1 s after they start (a readiness probe). */
    private static String deployment(String name, int replicas, String strategy, String version) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %1$s}
                spec:
                  replicas: %2$d
                  %3$s
                  selector: {matchLabels: {app: %1$s}}
                  template:
                    metadata:
                      labels: {app: %1$s}
                      annotations: {io.jpod.crashloop/initial: 1s}
                    spec:
                      terminationGracePeriodSeconds: 2
                      containers:
                      - name: app
                        image: localhost/busybox:latest
                        env:
                        - {name: VERSION, value: "%4$s"}
                        - name: POD_NAME
                          valueFrom: {fieldRef: {fieldPath: metadata.name}}
                        command: [sh, -c, "sleep 1; touch /tmp/ready; trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done"]
                        readinessProbe:
                          exec: {command: [test, -f, /tmp/ready]}
                          periodSeconds: 1
                """.formatted(name, replicas, strategy, version);
    }

    /** The pods now, from {@code pod ps --format json}. */
    private static List<JsonNode> pods() {
        List<JsonNode> out = new ArrayList<>();
        h.podPs().forEach(out::add);
        return out;
    }

    private static List<JsonNode> podsOf(String prefix) {
        return pods().stream().filter(p -> Harness.text(p, "Name").startsWith(prefix + "-")).toList();
    }

    private static boolean ready(JsonNode pod) {
        return Harness.text(pod, "Phase").equals("Running") && Harness.text(pod, "Ready").equals("1/1");
    }

    private static Set<String> names(List<JsonNode> pods) {
        return pods.stream().map(p -> Harness.text(p, "Name")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String hash(JsonNode pod) {
        return pod.path("Labels").path("pod-template-hash").asString("");
    }

    private static JsonNode workload(String name) {
        return findWorkload(name).orElseThrow(() -> new AssertionError("no workload " + name + " in kube ps"));
    }

    private static java.util.Optional<JsonNode> findWorkload(String name) {
        for (JsonNode w : Harness.json(h.jpodOk("kube", "ps", "--format", "json"))) {
            if (Harness.text(w, "Name").equals(name)) {
                return java.util.Optional.of(w);
            }
        }
        return java.util.Optional.empty();
    }

    private static void waitForReady(String prefix, int n) {
        Harness.waitFor(n + " ready pods of " + prefix, SOON, () -> {
            List<JsonNode> p = podsOf(prefix);
            return p.size() == n && p.stream().allMatch(WorkloadsIT::ready);
        });
    }

    @Test
    void aDeploymentKeepsItsReplicasNamedAsKubernetesNamesThemAndScales() {
        Path yaml = h.writeYaml("web.yaml", deployment("web", 3, "", "1"));
        h.play(yaml);
        try {
            waitForReady("web", 3);
            List<JsonNode> pods = podsOf("web");
            for (JsonNode p : pods) {
                assertTrue(Harness.text(p, "Name").matches("web-[bcdfghjklmnpqrstvwxz2456789]{1,10}-[bcdfghjklmnpqrstvwxz2456789]{5}"),
                        () -> "named <deployment>-<hash>-<suffix>: " + p);
            }
            String one = Harness.text(pods.get(0), "Name");
            assertEquals(one, h.execOut(one + "-app", "sh", "-c", "echo $POD_NAME").strip(), "each replica reads its own name");
            JsonNode w = workload("deployment.apps/web");
            assertEquals("3/3", Harness.text(w, "Ready"), w::toString);
            Result table = h.jpodOk("kube", "ps");
            assertTrue(table.out().contains("READY") && table.out().contains("UP-TO-DATE") && table.out().contains("AVAILABLE")
                    && table.out().contains("deployment.apps/web"), table::describe);

            h.jpodOk("pod", "rm", "-f", one);
            Harness.waitFor("the removed replica to be replaced", SOON, () -> {
                List<JsonNode> now = podsOf("web");
                return now.size() == 3 && !names(now).contains(one) && now.stream().allMatch(WorkloadsIT::ready);
            });

            // a replica whose infra container dies is replaced too
            String victim = Harness.text(podsOf("web").get(0), "Name");
            long infraPid = -1;
            for (JsonNode c : Harness.json(h.jpodOk("ps", "-a", "--pod", "--format", "json"))) {
                if (c.path("IsInfra").asBoolean() && Harness.text(c, "PodName").equals(victim)) {
                    infraPid = c.path("Pid").asLong();
                }
            }
            assertTrue(infraPid > 0, "the infra container's pid");
            Harness.rootOk("kill", "-KILL", Long.toString(infraPid));
            Harness.waitFor("the replica whose infra died to be replaced", SOON, () -> {
                List<JsonNode> now = podsOf("web");
                return now.size() == 3 && !names(now).contains(victim) && now.stream().allMatch(WorkloadsIT::ready);
            });

            Result scaled = h.jpodOk("kube", "scale", "--replicas", "1", "deployment/web");
            assertEquals("deployment.apps/web scaled", scaled.out().strip());
            Harness.waitFor("one replica left", SOON, () -> podsOf("web").size() == 1);
            Result events = h.jpodOk("events", "--stream=false", "--filter", "type=workload");
            assertTrue(events.out().contains("workload scaled deployment.apps/web (from=3, replicas=1)"), events::describe);
            Result down = h.jpodOk("kube", "down", yaml.toString());
            assertTrue(down.out().contains("Pods removed:"), down::describe);
            assertEquals(List.of(), podsOf("web"), "kube down removed the Deployment's pods");
            Harness.sleep(Duration.ofSeconds(1));
            assertEquals(List.of(), podsOf("web"), "and nothing recreates them");
        } finally {
            h.jpod("kube", "down", yaml.toString());
        }
    }

    @Test
    void aRollingUpdateReplacesPodsAFewAtATimeWithEnoughReadyThroughout() {
        String strategy = "strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 1}}\n  minReadySeconds: 1";
        Path v1 = h.writeYaml("roll-v1.yaml", deployment("roll", 3, strategy, "1"));
        Path v2 = h.writeYaml("roll-v2.yaml", deployment("roll", 3, strategy, "2"));
        h.play(v1);
        try {
            waitForReady("roll", 3);
            String oldHash = hash(podsOf("roll").get(0));
            Result replay = h.jpodOk("kube", "play", "--replace", v2.toString());
            assertTrue(replay.err().contains("rolling update started"), replay::describe);
            List<String> samples = new ArrayList<>();
            boolean mixed = false;
            long deadline = System.nanoTime() + SOON.toNanos();
            while (true) {
                List<JsonNode> now = podsOf("roll");
                long ready = now.stream().filter(WorkloadsIT::ready).count();
                samples.add(now.size() + " pods, " + ready + " ready: " + now.stream().map(p -> Harness.text(p, "Name") + "/"
                        + Harness.text(p, "Phase") + "/" + Harness.text(p, "Ready")).toList());
                assertTrue(ready >= 3 - 1, () -> "at least replicas - maxUnavailable ready throughout:\n" + String.join("\n", samples));
                assertTrue(now.size() <= 3 + 1 + 1, // + a pod removed a moment ago, still listed while it stops
                        () -> "never more than replicas + maxSurge:\n" + String.join("\n", samples));
                Set<String> hashes = now.stream().map(WorkloadsIT::hash).collect(Collectors.toSet());
                mixed |= hashes.size() > 1;
                if (now.size() == 3 && !hashes.contains(oldHash) && ready == 3) {
                    break;
                }
                assertTrue(System.nanoTime() < deadline, () -> "the rollout finished:\n" + String.join("\n", samples));
            }
            assertTrue(mixed, () -> "old and new pods ran side by side (one step at a time):\n" + String.join("\n", samples));
            String pod = Harness.text(podsOf("roll").get(0), "Name");
            assertEquals("2", h.execOut(pod + "-app", "sh", "-c", "echo $VERSION").strip(), "the new template runs");
            JsonNode w = workload("deployment.apps/roll");
            assertEquals(2, w.path("Revision").asInt(), w::toString);
            assertEquals(3, w.path("UpToDate").asInt(), w::toString);
        } finally {
            h.jpod("kube", "down", v1.toString());
        }
    }

    @Test
    void recreateStopsEveryOldPodBeforeANewOneStarts() {
        Path v1 = h.writeYaml("re-v1.yaml", deployment("re", 2, "strategy: {type: Recreate}", "1"));
        Path v2 = h.writeYaml("re-v2.yaml", deployment("re", 2, "strategy: {type: Recreate}", "2"));
        h.play(v1);
        try {
            waitForReady("re", 2);
            String oldHash = hash(podsOf("re").get(0));
            h.jpodOk("kube", "play", "--replace", v2.toString());
            List<String> samples = new ArrayList<>();
            Harness.waitFor("the new pods", SOON, () -> {
                List<JsonNode> now = podsOf("re");
                samples.add(now.stream().map(p -> Harness.text(p, "Name") + "/" + Harness.text(p, "Status")).toList().toString());
                boolean oldRunning = now.stream().anyMatch(p -> hash(p).equals(oldHash) && Harness.text(p, "Status").equals("Running"));
                boolean newExists = now.stream().anyMatch(p -> !hash(p).equals(oldHash));
                assertFalse(oldRunning && newExists, () -> "no new pod while an old one runs:\n" + String.join("\n", samples));
                return now.size() == 2 && now.stream().noneMatch(p -> hash(p).equals(oldHash)) && now.stream().allMatch(WorkloadsIT::ready);
            });
        } finally {
            h.jpod("kube", "down", v1.toString());
        }
    }

    @Test
    void aRolloutGoesOnAfterItsSupervisorIsKilled() {
        String strategy = "strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}\n  minReadySeconds: 1";
        Path v1 = h.writeYaml("sk-v1.yaml", deployment("sk", 2, strategy, "1"));
        Path v2 = h.writeYaml("sk-v2.yaml", deployment("sk", 2, strategy, "2"));
        h.play(v1);
        try {
            waitForReady("sk", 2);
            String oldHash = hash(podsOf("sk").get(0));
            h.jpodOk("kube", "play", "--replace", v2.toString());
            Path lock = Harness.RUN_DIR.resolve("jpod/supervisor.lock");
            String pid = Harness.rootOk("cat", lock.toString()).out().strip();
            assertTrue(pid.matches("\\d+"), () -> "the supervisor's pid: " + pid);
            Harness.rootOk("kill", "-KILL", pid);
            assertTrue(podsOf("sk").stream().anyMatch(p -> hash(p).equals(oldHash)), "killed while old pods were left");
            // a listing starts a new supervisor, which goes on from the store
            Harness.waitFor("the rollout to finish", SOON, () -> {
                List<JsonNode> now = podsOf("sk");
                return now.size() == 2 && now.stream().noneMatch(p -> hash(p).equals(oldHash)) && now.stream().allMatch(WorkloadsIT::ready);
            });
            String again = Harness.rootOk("cat", lock.toString()).out().strip();
            assertNotEquals(pid, again, "another supervisor took over");
        } finally {
            h.jpod("kube", "down", v1.toString());
        }
    }

    @Test
    void aHostPortIsBoundOnceAndTheSecondReplicaStaysPending() {
        int port = Harness.port(18471);
        Path yaml = h.writeYaml("hp.yaml", deployment("hp", 2, "", "1").replace("        readinessProbe:",
                "        ports: [{containerPort: 8080, hostPort: " + port + "}]\n        readinessProbe:"));
        Result play = h.jpodOk("kube", "play", yaml.toString());
        try {
            assertTrue(play.err().contains("stays Pending") && play.err().contains(Integer.toString(port)), play::describe);
            Harness.waitFor("one running and one created pod", SOON, () -> {
                List<JsonNode> now = podsOf("hp");
                return now.size() == 2 && now.stream().filter(WorkloadsIT::ready).count() == 1
                        && now.stream().filter(p -> Harness.text(p, "Status").equals("Created")).count() == 1;
            });
            JsonNode w = workload("deployment.apps/hp");
            assertEquals("1/2", Harness.text(w, "Ready"), w::toString);
            assertTrue(Harness.text(w, "Message").contains("a hostPort can be bound once"), w::toString);
        } finally {
            h.jpod("kube", "down", yaml.toString());
        }
    }

    private static String job(String name, String spec, String restartPolicy, String command) {
        return """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: %s}
                spec:
                  %s
                  template:
                    metadata: {annotations: {io.jpod.crashloop/initial: 1s}}
                    spec:
                      restartPolicy: %s
                      terminationGracePeriodSeconds: 1
                      containers:
                      - name: work
                        image: localhost/busybox:latest
                        command: [sh, -c, %s]
                """.formatted(name, spec, restartPolicy, command);
    }

    @Test
    void aJobRunsItsCompletionsNeverMoreThanItsParallelismAtOnceAndKubePlayWaitExitsZero() throws Exception {
        Path yaml = h.writeYaml("batch.yaml", job("batch", "completions: 4\n  parallelism: 2", "OnFailure", "\"echo work by $HOSTNAME; sleep 2\""));
        try (Background wait = h.start("kube", "play", "--wait", yaml.toString())) {
            List<String> samples = new ArrayList<>();
            Harness.waitFor("the Job to complete", SOON, () -> {
                List<JsonNode> now = podsOf("batch");
                long running = now.stream().filter(p -> Harness.text(p, "Phase").equals("Running")
                        || Harness.text(p, "Phase").equals("Pending")).count();
                samples.add(running + " active of " + now.size());
                assertTrue(running <= 2, () -> "never more than parallelism 2 at once: " + samples);
                JsonNode w = findWorkload("job.batch/batch").orElse(null);
                if (w != null && Harness.text(w, "Status").equals("Complete")) {
                    assertEquals("4/4", Harness.text(w, "Completions"), w::toString);
                    List<JsonNode> done = podsOf("batch"); // read again: the Job completed after the pods above were listed
                    assertTrue(done.isEmpty() || done.size() == 4 && done.stream().allMatch(p -> Harness.text(p, "Phase").equals("Succeeded")),
                            done::toString);
                    return true;
                }
                return w == null; // --wait took it down already
            });
            int code = wait.waitForExit(SOON);
            assertEquals(0, code, () -> "kube play --wait of a Job that succeeds\n" + wait.describe());
            assertEquals(4, Harness.count(wait.out(), "/work work by batch-"), wait::describe);
        } finally {
            h.jpod("kube", "down", yaml.toString());
        }
    }

    @Test
    void anIndexedJobRunsEachIndexOnce() {
        Path yaml = h.writeYaml("idx.yaml", job("idx", "completions: 3\n  parallelism: 3\n  completionMode: Indexed", "Never",
                "\"echo index $JOB_COMPLETION_INDEX\""));
        h.play(yaml);
        try {
            Harness.waitFor("the Job to complete", SOON, () -> Harness.text(workload("job.batch/idx"), "Status").equals("Complete"));
            List<String> indexes = new ArrayList<>();
            for (JsonNode p : podsOf("idx")) {
                String name = Harness.text(p, "Name");
                assertTrue(name.matches("idx-[0-2]-[bcdfghjklmnpqrstvwxz2456789]{5}"), name);
                indexes.add(h.jpodOk("logs", name + "-work").out().strip());
            }
            assertEquals(List.of("index 0", "index 1", "index 2"), indexes.stream().sorted().toList(), "each index seen once");
            Result table = h.jpodOk("kube", "ps");
            assertTrue(table.out().contains("COMPLETIONS") && table.out().contains("DURATION") && table.out().contains("3/3"),
                    table::describe);

            // played again, a Job starts over: its old pods go, three new ones run
            Set<String> before = names(podsOf("idx"));
            h.jpodOk("kube", "play", "--replace", yaml.toString());
            Harness.waitFor("the Job played again to complete", SOON, () -> {
                List<JsonNode> now = podsOf("idx");
                return Harness.text(workload("job.batch/idx"), "Status").equals("Complete") && now.size() == 3
                        && names(now).stream().noneMatch(before::contains);
            });
        } finally {
            h.jpod("kube", "down", yaml.toString());
        }
    }

    @Test
    void aJobFailsPastItsBackoffLimitAndKubePlayWaitSaysSo() {
        Path yaml = h.writeYaml("fails.yaml", job("fails", "backoffLimit: 1", "Never", "\"echo failing; exit 3\""));
        Result r = h.jpod("kube", "play", "--wait", yaml.toString());
        assertEquals(3, r.code(), () -> "the wait exits with the pods' exit code\n" + r.describe());
        assertTrue(r.err().contains("Job fails failed: BackoffLimitExceeded"), r::describe);
        assertEquals(2, Harness.count(r.out(), "failing"), () -> "backoffLimit 1: two pods ran\n" + r.describe());
        assertEquals(List.of(), podsOf("fails"), "--wait took the Job down");
    }

    @Test
    void aJobPastItsDeadlineFailsAndItsTtlRemovesIt() {
        Path yaml = h.writeYaml("late.yaml", job("late", "activeDeadlineSeconds: 2\n  ttlSecondsAfterFinished: 8", "Never",
                "\"trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done\""));
        h.play(yaml);
        try {
            Harness.waitFor("the Job to fail", SOON, () -> Harness.text(workload("job.batch/late"), "Status").equals("Failed"));
            JsonNode w = workload("job.batch/late");
            assertEquals("DeadlineExceeded", Harness.text(w, "Reason"), w::toString);
            Harness.waitFor("its pod to be stopped", SOON, () -> podsOf("late").stream().noneMatch(p -> Harness.text(p, "Status").equals("Running")));
            Harness.waitFor("the TTL to remove the Job and its pods", SOON, () -> podsOf("late").isEmpty()
                    && h.jpodOk("kube", "ps", "-q").out().isBlank());
            Result events = h.jpodOk("events", "--stream=false", "--filter", "type=workload");
            assertTrue(events.out().contains("workload failed job.batch/late (reason=DeadlineExceeded"), events::describe);
        } finally {
            h.jpod("kube", "down", yaml.toString());
        }
    }

    @Test
    void aDaemonSetRunsOnePodAndGenerateWritesTheWorkloadsBack() throws Exception {
        Path ds = h.readableCopy("examples/kube/daemonset.yaml");
        Path deploy = h.writeYaml("gen.yaml", deployment("gen", 2, "strategy: {type: Recreate}", "1"));
        h.play(ds);
        h.play(deploy);
        try {
            Harness.waitFor("the DaemonSet's pod", SOON, () -> podsOf("node-agent").size() == 1);
            String pod = Harness.text(podsOf("gen").get(0), "Name");
            Result g = h.jpodOk("kube", "generate", pod, "daemonset/node-agent");
            assertTrue(g.out().contains("kind: Deployment") && g.out().contains("replicas: 2") && g.out().contains("type: Recreate")
                    && g.out().contains("kind: DaemonSet") && !g.out().contains("pod-template-hash"), g::describe);
            assertEquals(1, Harness.count(g.out(), "kind: Deployment"), "one Deployment for its pods");
            Path out = h.writeYaml("generated.yaml", g.out());
            h.jpodOk("kube", "validate", out.toString());
            assertTrue(Files.size(out) > 0);
        } finally {
            h.jpod("kube", "down", ds.toString());
            h.jpod("kube", "down", deploy.toString());
        }
    }
}
