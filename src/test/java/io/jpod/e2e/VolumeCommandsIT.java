package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import tools.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Named volumes: {@code jpod volume create/ls/inspect/exists/rm/prune} as podman's, and the
 * PersistentVolumeClaims of examples/kube/persistent-volume.yaml: the data survives {@code kube down}
 * and a replay, {@code kube down --force} removes the volume.
 */
class VolumeCommandsIT {
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

    @AfterEach
    void noVolumeLeft() {
        h.jpod("pod", "rm", "-f", "pv", "owned");
        h.jpod("volume", "rm", "-f", "-a");
    }

    private Path data(String volume) {
        return h.home().resolve(".local/share/jpod/volumes/" + volume + "/_data");
    }

    @Test
    void createListInspectAndRemove() {
        assertEquals("v1", h.jpodOk("volume", "create", "--label", "app=db", "v1").out().strip());
        assertEquals("v2", h.jpodOk("volume", "create", "v2").out().strip());
        Result dup = h.jpodError("volume", "create", "v1");
        assertEquals(125, dup.code());
        assertTrue(dup.err().contains("volume with name v1 already exists"), dup.describe());
        assertEquals("v1", h.jpodOk("volume", "create", "--ignore", "v1").out().strip());

        assertEquals(List.of("DRIVER      VOLUME NAME", "local       v1", "local       v2"), h.jpodOk("volume", "ls").outLines());
        assertEquals(List.of("v1", "v2"), h.jpodOk("volume", "ls", "-q").outLines());
        assertEquals(List.of("v1"), h.jpodOk("volume", "ls", "--format", "{{.Name}}", "--filter", "label=app=db").outLines());
        JsonNode ls = Harness.json(h.jpodOk("volume", "ls", "--format", "json"));
        assertEquals(2, ls.size());

        JsonNode inspect = Harness.json(h.jpodOk("volume", "inspect", "v1"));
        assertTrue(inspect.isArray() && inspect.size() == 1, inspect.toString());
        JsonNode v = inspect.get(0);
        assertEquals("v1", v.get("Name").asString());
        assertEquals("local", v.get("Driver").asString());
        assertEquals("local", v.get("Scope").asString());
        assertEquals("db", v.get("Labels").get("app").asString());
        assertEquals(data("v1").toString(), v.get("Mountpoint").asString());
        assertTrue(v.get("CreatedAt").asString().matches("\\d{4}-\\d\\d-\\d\\dT.*"), v.toString());
        Harness.rootOk("test", "-d", data("v1").toString());

        assertEquals(0, h.jpod("volume", "exists", "v1").code());
        assertEquals(1, h.jpod("volume", "exists", "nope").code());

        Result partly = h.jpod("volume", "rm", "v1", "nope");
        assertEquals(125, partly.code(), partly.describe());
        assertEquals(List.of("v1"), partly.outLines());
        assertTrue(partly.err().contains("no volume with name \"nope\" found"), partly.describe());
        assertNotEquals(0, Harness.root("test", "-e", data("v1").getParent().toString()).code(), "its data is gone");

        assertEquals(List.of("v2"), h.jpodOk("volume", "prune", "-f").outLines());
        assertEquals(List.of(), h.jpodOk("volume", "ls", "-q").outLines());
    }

    @Test
    void aClaimSurvivesDownAndReplayUntilDownForce() {
        Path yaml = h.readableCopy("examples/kube/persistent-volume.yaml");
        Result first = h.jpodOk("kube", "play", yaml.toString());
        assertTrue(first.outLines().containsAll(List.of("Volume:", "pv-data")), first.describe());
        assertTrue(first.err().contains("PersistentVolumeClaim pv-data: a local volume cannot honour its size request "
                + "(resources.requests.storage 2Gi"), () -> "the size request is warned\n" + first.describe());
        try {
            h.waitForState("pv-writer", "running", SOON);
            h.waitForState("pv-reader", "running", SOON);
            Harness.waitFor("the first start written", SOON, () -> lines(h.execOut("pv-reader", "cat", "/data/starts")) == 1);
            assertNotEquals(0, h.jpod("exec", "pv-reader", "touch", "/data/x").code(), "a readOnly claim");
            assertEquals("app=pv", h.jpodOk("volume", "inspect", "--format", "app={{.Labels.app}}", "pv-data").out().strip());

            Result inUse = h.jpodError("volume", "rm", "pv-data");
            assertTrue(inUse.err().contains("volume pv-data is being used by the following container(s): pv-writer, pv-reader"),
                    inUse.describe());
            assertEquals(List.of(), h.jpodOk("volume", "ls", "-q", "--filter", "dangling=true").outLines());
        } finally {
            h.jpodOk("kube", "down", yaml.toString());
        }
        assertEquals(List.of("pv-data"), h.jpodOk("volume", "ls", "-q").outLines(), "kube down keeps the volume");

        Result again = h.jpodOk("kube", "play", yaml.toString());
        assertTrue(!again.outLines().contains("Volume:"), "the volume exists: it is used as it is\n" + again.describe());
        h.waitForState("pv-writer", "running", SOON);
        Harness.waitFor("the second start written", SOON, () -> lines(h.execOut("pv-reader", "cat", "/data/starts")) == 2);

        Result down = h.jpodOk("kube", "down", "--force", yaml.toString());
        assertTrue(down.outLines().containsAll(List.of("Volumes removed:", "pv-data")), down.describe());
        assertEquals(1, h.jpod("volume", "exists", "pv-data").code());
        h.assertNothingLeft("after kube down --force");
    }

    @Test
    void aClaimNotInTheFilesIsMadeAndGivenToItsUserAndRmForceRemovesThePod() {
        Path yaml = h.writeYaml("volcmd-claim.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: owned}
                spec:
                  terminationGracePeriodSeconds: 2
                  volumes: [{name: d, persistentVolumeClaim: {claimName: owned-data}}]
                  containers:
                  - name: app
                    image: localhost/busybox:latest
                    command: [sh, -c, "%s"]
                    securityContext: {runAsUser: 1000, runAsGroup: 1000}
                    volumeMounts: [{name: d, mountPath: /d}]
                """.formatted(Harness.SLEEPER));
        h.play(yaml);
        h.waitForState("owned-app", "running", SOON);
        assertEquals(0, h.jpod("exec", "owned-app", "touch", "/d/mine").code(), "an empty new volume is given to its first user");
        assertEquals("1000:1000", h.execOut("owned-app", "stat", "-c", "%u:%g", "/d/mine"));
        assertEquals(List.of("owned-data"), h.jpodOk("volume", "rm", "-f", "owned-data").outLines());
        assertEquals(0, h.podPs().size(), "rm -f removed the pod using it");
        assertEquals(1, h.jpod("volume", "exists", "owned-data").code());
        h.assertNothingLeft("after volume rm -f");
    }

    private static int lines(String text) {
        return text.isBlank() ? 0 : text.strip().split("\n").length;
    }
}
