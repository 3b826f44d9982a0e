package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
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
 * The everyday verbs of issue 16, part B, on one small pod: secret (one created, one played, both used by the pod by
 * name), cp both ways and as tar streams, running and stopped, without escaping the container's root, through the
 * pod's volumes (an emptyDir two containers share, a read-only ConfigMap, /etc/hostname), chowned to the container's user; diff, history,
 * completion offering the pod's name, system df, and system prune last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MoreVerbsIT {
    private static final Duration SOON = Duration.ofSeconds(30);
    private static final String APP = "more-app";
    private static final String SIDE = "more-side";
    private static Harness h;
    private static Path out;

    @BeforeAll
    static void setUp() {
        h = Harness.forClass();
        h.importBusybox();
        Result created = h.jpodWith(Harness.TIMEOUT, "hunter2", "secret", "create", "created", "-");
        assertEquals(0, created.code(), created::describe);
        assertTrue(created.out().matches("[0-9a-f]{25}\n"), created::describe);
        String yaml = """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: played
                stringData:
                  token: s3cret-played
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: more
                spec:
                  restartPolicy: Never
                  containers:
                  - name: app
                    image: %1$s
                    command: ["sh", "-c", "%2$s"]
                    env:
                    - name: PASSWORD
                      valueFrom:
                        secretKeyRef: {name: created, key: created}
                    - name: TOKEN
                      valueFrom:
                        secretKeyRef: {name: played, key: token}
                    volumeMounts:
                    - {name: shared, mountPath: /shared}
                    - {name: config, mountPath: /etc/config}
                  - name: side
                    image: %1$s
                    command: ["sh", "-c", "%2$s"]
                    securityContext: {runAsUser: 1234, runAsGroup: 5678}
                    volumeMounts:
                    - {name: shared, mountPath: /shared}
                  volumes:
                  - name: shared
                    emptyDir: {}
                  - name: config
                    configMap: {name: settings}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  mode: from-the-configmap
                """.formatted(Harness.IMAGE, Harness.SLEEPER);
        h.play(h.writeYaml("more.yaml", yaml));
        h.waitForState(APP, "running", SOON);
        h.waitForState(SIDE, "running", SOON);
        out = h.home().resolve("cp-out");
        h.asUser("mkdir", "-p", out.toString());
    }

    @AfterAll
    static void tearDown() {
        h.cleanUp();
    }

    @Test
    @Order(1)
    void secretsAreListedUsedByNameAndNeverShown() throws Exception {
        assertEquals("hunter2 s3cret-played", h.execOut(APP, "sh", "-c", "echo $PASSWORD $TOKEN"), "both reached the pod by name");
        Result ls = h.jpodOk("secret", "ls");
        assertTrue(ls.outLines().get(0).matches("ID +NAME +DRIVER +CREATED +UPDATED"), ls::describe);
        assertEquals("created\nplayed\n", h.jpodOk("secret", "ls", "--format", "{{.Name}}").out());
        Result inspect = h.jpodOk("secret", "inspect", "created");
        JsonNode spec = Harness.json(inspect).get(0).path("Spec");
        assertEquals("created", spec.path("Name").asText(), inspect::describe);
        for (Result r : List.of(ls, inspect, h.jpodOk("secret", "inspect", "played"))) {
            assertFalse(r.out().contains("hunter2") || r.out().contains("s3cret"), () -> "no value shown: " + r.describe());
        }
        assertEquals(0, h.jpod("secret", "exists", "played").code());
        assertEquals(1, h.jpod("secret", "exists", "nosuch").code());
        String mode = h.asUser("stat", "-c", "%a", h.home().resolve(".local/share/jpod/jpod.db").toString()).out().strip();
        assertEquals("600", mode, "the store that holds the values");
        Result dup = h.jpodWith(Harness.TIMEOUT, "x", "secret", "create", "created", "-");
        assertEquals(125, dup.code(), dup::describe);
        Result rm = h.jpod("secret", "rm", "created", "nosuch");
        assertEquals(125, rm.code(), rm::describe);
        assertTrue(rm.out().matches("[0-9a-f]{25}\n"), rm::describe);
        assertTrue(rm.err().contains("nosuch"), rm::describe);
        assertEquals("played\n", h.jpodOk("secret", "ls", "--format", "{{.Name}}").out());
    }

    @Test
    @Order(2)
    void cpBothWaysWithoutLeavingTheRoots() throws Exception {
        Path host = h.writeYaml("cp-in.txt", "from the host\n");
        String home = h.home().toString();
        h.execOut(APP, "sh", "-c", "mkdir -p /data/sub " + home + " && echo deep > /data/sub/f && ln -s " + home + " /tmp/evil");
        h.jpodOk("cp", host.toString(), APP + ":/tmp/");
        h.jpodOk("cp", host.toString(), APP + ":/tmp/evil/escaped.txt");
        assertEquals("from the host\nfrom the host", h.execOut(APP, "sh", "-c", "cat /tmp/cp-in.txt " + home + "/escaped.txt"),
                "the absolute link is followed inside the container");
        assertFalse(Files.exists(h.home().resolve("escaped.txt")), "nothing written on the host through the container's link");
        h.jpodOk("cp", APP + ":/data", out.toString());
        assertEquals("deep\n", Files.readString(out.resolve("data/sub/f")));
        assertEquals(h.asUser("id", "-u").out().strip(), h.asUser("stat", "-c", "%u", out.resolve("data/sub/f").toString()).out().strip(),
                "copied out as the user's own file");
        String jpod = Harness.DIST.resolve("bin/jpod").toString();
        Result streams = h.asUser("sh", "-c", "set -e; cd " + out + "; " + jpod + " cp " + APP + ":/data/sub - | tar -tf -; "
                + "tar -cf - -C data sub | " + jpod + " cp - " + APP + ":/tmp");
        assertEquals(0, streams.code(), streams::describe);
        assertTrue(streams.out().contains("sub/f"), streams::describe);
        assertEquals("deep", h.execOut(APP, "cat", "/tmp/sub/f"));
        Result diff = h.jpodOk("diff", APP);
        for (String line : List.of("A /data/sub/f", "A /tmp/cp-in.txt", "A /tmp/evil", "C /tmp")) {
            assertTrue(diff.outLines().contains(line), () -> line + " in " + diff.describe());
        }
        assertFalse(diff.out().contains("/etc/hosts"), () -> "the pod's files are left out: " + diff.describe());
        JsonNode json = Harness.json(h.jpodOk("diff", "--format", "json", APP));
        assertTrue(json.path("added").toString().contains("/data/sub/f"), json::toString);
        Result missing = h.jpodError("cp", APP + ":/no/such", out.toString());
        assertTrue(missing.err().contains("/no/such"), missing::describe);
    }

    @Test
    @Order(3)
    void cpThroughTheVolumesOfThePod() throws Exception {
        Path host = h.writeYaml("to-volume.txt", "through the volume\n");
        h.jpodOk("cp", host.toString(), APP + ":/shared/");
        assertEquals("through the volume", h.execOut(SIDE, "cat", "/shared/to-volume.txt"), "the emptyDir's source written, not the root below it");
        assertEquals("0", h.execOut(SIDE, "stat", "-c", "%u", "/shared/to-volume.txt"), "chowned to the user of the container copied to");
        h.jpodOk("cp", host.toString(), SIDE + ":/shared/owned.txt");
        assertEquals("1234:5678", h.execOut(SIDE, "stat", "-c", "%u:%g", "/shared/owned.txt"), "chowned to the container's user by default");
        h.asUser("sh", "-c", "echo mine > " + out.resolve("mine.txt"));
        h.jpodOk("cp", "--archive=false", out.resolve("mine.txt").toString(), SIDE + ":/shared/kept.txt");
        assertEquals("0", h.execOut(SIDE, "stat", "-c", "%u", "/shared/kept.txt"), "--archive=false keeps the host's owner (the user: root inside)");
        h.execOut(SIDE, "sh", "-c", "echo from-side > /shared/side.txt");
        h.jpodOk("cp", APP + ":/shared/side.txt", out.resolve("side.txt").toString());
        assertEquals("from-side\n", Files.readString(out.resolve("side.txt")));
        h.jpodOk("cp", APP + ":/etc/config/mode", out.resolve("mode").toString());
        assertEquals("from-the-configmap", Files.readString(out.resolve("mode")));
        Result readOnly = h.jpodError("cp", host.toString(), APP + ":/etc/config/");
        assertTrue(readOnly.err().contains("read-only"), readOnly::describe);
        h.jpodOk("cp", APP + ":/etc/hostname", out.resolve("hostname").toString());
        assertEquals(h.execOut(APP, "cat", "/etc/hostname"), Files.readString(out.resolve("hostname")).strip(), "the pod's bound file");
        h.asUser("sh", "-c", "cp " + out.resolve("hostname") + " " + out.resolve("hosts") + " && echo '10.9.8.7 copied' >> " + out.resolve("hosts"));
        h.jpodOk("cp", out.resolve("hosts").toString(), SIDE + ":/etc/hosts");
        assertTrue(h.execOut(APP, "cat", "/etc/hosts").contains("10.9.8.7 copied"), "the pod's bound file written in place, seen by the running pod");
    }

    @Test
    @Order(4)
    void historyAndCompletion() {
        Result history = h.jpodOk("history", Harness.IMAGE);
        assertTrue(history.outLines().get(0).matches("ID +CREATED +CREATED BY +SIZE +COMMENT"), history::describe);
        assertTrue(history.out().contains("imported from tarball") || history.outLines().size() == 2, history::describe);
        JsonNode json = Harness.json(h.jpodOk("image", "history", "--format", "json", Harness.IMAGE));
        assertEquals(Harness.json(h.jpodOk("image", "inspect", Harness.IMAGE)).get(0).path("Id").asText(), json.get(0).path("id").asText());
        assertTrue(json.get(0).path("size").asLong() > 1_000_000, json::toString);
        String script = "PATH=" + Harness.DIST.resolve("bin") + ":$PATH; source <(jpod completion bash) 2>/dev/null; "
                + "COMP_WORDS=(jpod pod rm m); COMP_CWORD=3; COMP_LINE='jpod pod rm m'; COMP_POINT=${#COMP_LINE}; "
                + "_jpod_complete 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Result completed = h.asUser("bash", "-c", script);
        assertTrue(completed.outLines().contains("more"), () -> "the played pod offered: " + completed.describe());
        Result fish = h.jpodOk("completion", "fish");
        assertTrue(fish.out().contains("complete -c jpod"), fish::describe);
    }

    @Test
    @Order(5)
    void cpAndDiffOnAStoppedContainer() throws Exception {
        h.jpodOk("pod", "stop", "-t", "0", "more");
        h.waitForState(APP, "exited", SOON);
        h.jpodOk("cp", h.writeYaml("stopped.txt", "while stopped\n").toString(), APP + ":/data/");
        h.jpodOk("cp", APP + ":/data/stopped.txt", out.resolve("back.txt").toString());
        assertEquals("while stopped\n", Files.readString(out.resolve("back.txt")));
        h.jpodOk("cp", APP + ":/shared/side.txt", out.resolve("side-stopped.txt").toString());
        assertEquals("from-side\n", Files.readString(out.resolve("side-stopped.txt")), "a stopped container's volume");
        assertTrue(h.jpodOk("diff", APP).outLines().contains("A /data/stopped.txt"));
        assertFalse(h.jpodMounts().stream().anyMatch(m -> m.contains("/overlay/merged")), () -> "unmounted again: " + h.jpodMounts());
    }

    @Test
    @Order(6)
    void systemDfThenPrune() {
        h.jpodOk("volume", "create", "loose");
        Result df = h.jpodOk("system", "df");
        assertTrue(df.outLines().get(0).matches("TYPE +TOTAL +ACTIVE +SIZE +RECLAIMABLE"), df::describe);
        JsonNode rows = Harness.json(h.jpodOk("system", "df", "--format", "json"));
        assertEquals("Images", rows.get(0).path("Type").asText());
        assertEquals(1, rows.get(0).path("Total").asInt(), rows::toString);
        assertEquals(0, rows.get(1).path("Active").asInt(), () -> "the pod is stopped: " + rows);
        assertEquals(1, rows.get(2).path("Total").asInt(), rows::toString);
        assertTrue(h.jpodOk("system", "df", "-v").out().contains("loose"));
        Result declined = h.jpodWith(Harness.TIMEOUT, "n\n", "system", "prune");
        assertEquals(0, declined.code(), declined::describe);
        assertTrue(declined.out().contains("Are you sure you want to continue? [y/N]"), declined::describe);
        assertEquals(0, h.jpod("pod", "exists", "more").code(), "declined: nothing removed");
        Result pruned = h.jpodOk("system", "prune", "-f", "--volumes");
        assertTrue(pruned.out().contains("Deleted Pods\n") && pruned.out().contains("Deleted Volumes\nloose\n"), pruned::describe);
        assertTrue(pruned.outLines().get(pruned.outLines().size() - 1).startsWith("Total reclaimed space: "), pruned::describe);
        assertEquals(1, h.jpod("pod", "exists", "more").code());
        assertEquals(0, h.jpod("image", "exists", Harness.IMAGE).code(), "a named image stays without --all");
        assertTrue(h.jpodOk("system", "prune", "-a", "-f").out().contains("Deleted Images\n"));
        assertEquals(1, h.jpod("image", "exists", Harness.IMAGE).code());
    }
}
