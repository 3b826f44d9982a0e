package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Volumes and security contexts, played from examples/kube/volumes.yaml: an emptyDir shared by two
 * containers, a tmpfs emptyDir, a hostPath relative to the YAML's directory, configMap and secret
 * volumes, a read-only mount, runAsUser, readOnlyRootFilesystem, capabilities drop ALL; kube down
 * leaves no volume directory and no mount.
 */
class VolumesIT {
    private static final Duration SOON = Duration.ofSeconds(60);
    private static Harness h;
    private static Path dir;

    @BeforeAll
    static void setUp() {
        h = Harness.forClass();
        h.importBusybox();
        dir = Harness.WORK.resolve("volumes");
        Harness.rootOk("rm", "-rf", dir.toString());
        Harness.rootOk("install", "-d", "-o", Harness.USER, "-m", "0755", dir.toString()); // the user makes files-data here
    }

    @AfterAll
    static void tearDown() {
        h.cleanUp();
        Harness.rootOk("rm", "-rf", dir.toString());
    }

    private static int exitOf(String container, String... command) {
        String[] args = new String[command.length + 2];
        args[0] = "exec";
        args[1] = container;
        System.arraycopy(command, 0, args, 2, command.length);
        return h.jpod(args).code();
    }

    @Test
    void volumesAndSecurityContextFromTheExample() throws IOException {
        Path yaml = h.writeYaml("volumes/volumes.yaml", Files.readString(h.project().resolve("examples/kube/volumes.yaml")));
        h.play(yaml);
        try {
            for (String c : new String[] {"files-writer", "files-reader", "files-locked"}) {
                h.waitForState(c, "running", SOON);
            }
            Harness.waitFor("the writer to write", SOON, () -> exitOf("files-reader", "test", "-f", "/shared/greeting") == 0);
            List<Harness.Ran> reader = h.execEach("files-reader", "cat /shared/greeting", "touch /shared/x",
                    "cat /site/html/index.html", "stat -c %a /site/html/index.html", "stat -c %a /site/app.conf", "cat /creds/password",
                    "stat -c %a /creds/password", "touch /site/new", "cat /podinfo/name", "cat /podinfo/labels",
                    "cat /bundle/conf/app.conf", "stat -c %a /bundle/conf/app.conf", "cat /bundle/db-password",
                    "stat -c %a /bundle/db-password", "cat /bundle/namespace");
            assertEquals("hello", reader.get(0).ok(), "emptyDir is shared by the pod");
            assertNotEquals(0, reader.get(1).code(), "readOnly: true mount");
            assertEquals("<h1>hello from a ConfigMap</h1>", reader.get(2).ok());
            assertEquals("444", reader.get(3).ok(), "items[].mode");
            assertEquals("640", reader.get(4).ok(), "defaultMode");
            assertEquals("hunter2", reader.get(5).ok(), "secret volume");
            assertEquals("644", reader.get(6).ok());
            assertNotEquals(0, reader.get(7).code(), "configMap volumes are read-only");
            assertEquals("files", reader.get(8).ok(), "downwardAPI metadata.name");
            assertEquals("app=\"files\"\ntier=\"demo\"", reader.get(9).ok(), "downwardAPI metadata.labels: sorted key=\"value\" lines");
            assertEquals("port=8080", reader.get(10).ok(), "projected configMap");
            assertEquals("440", reader.get(11).ok(), "projected defaultMode");
            assertEquals("hunter2", reader.get(12).ok(), "projected secret");
            assertEquals("400", reader.get(13).ok(), "an item's mode");
            assertEquals("default", reader.get(14).ok(), "projected downwardAPI");

            List<Harness.Ran> writer = h.execEach("files-writer", "df /scratch");
            assertTrue(writer.get(0).ok().contains("tmpfs"), "medium: Memory is a tmpfs");
            assertTrue(writer.get(0).ok().contains("16384"), "of sizeLimit 16Mi");

            Harness.waitFor("the hostPath file", SOON, () -> Files.exists(dir.resolve("files-data/kept")));
            assertEquals("kept\n", Files.readString(dir.resolve("files-data/kept")), "hostPath relative to the YAML's directory");

            List<Harness.Ran> locked = h.execEach("files-locked", "id -u", "id -g", "id -G", "touch /x", "touch /shared/y",
                    "cat /proc/self/status");
            assertEquals("1000", locked.get(0).ok(), "runAsUser");
            assertEquals("1000", locked.get(1).ok(), "runAsGroup");
            assertTrue(locked.get(2).ok().contains("2000"), "pod supplementalGroups");
            assertNotEquals(0, locked.get(3).code(), "readOnlyRootFilesystem");
            assertEquals(0, locked.get(4).code(), "volumes stay writable");
            String status = locked.get(5).ok();
            assertTrue(status.contains("CapEff:\t0000000000000000"), () -> "capabilities drop ALL\n" + status);
            assertTrue(status.contains("NoNewPrivs:\t1"), () -> "allowPrivilegeEscalation: false\n" + status);
            assertEquals("y", h.execOut("files-writer", "ls", "/shared/locked"), "a subPath is a directory of the volume");

            h.waitForState("owned-app", "running", SOON);
            Harness.waitFor("the owned pod to write", SOON, () -> exitOf("owned-app", "test", "-f", "/work/made") == 0);
            List<Harness.Ran> owned = h.execEach("owned-app", "id -G", "stat -c %u:%g /work/made", "stat -c %a /work",
                    "stat -c %g:%a /site/app.conf", "touch /mine/x", "ls /work/per-pod/owned");
            assertTrue(List.of(owned.get(0).ok().split(" ")).contains("3000"), "fsGroup is a supplementary group");
            assertEquals("1000:3000", owned.get(1).ok(), "new files take the setgid directory's group");
            assertEquals("2777", owned.get(2).ok(), "emptyDir: setgid, group-writable");
            assertEquals("3000:644", owned.get(3).ok(), "configMap files too");
            assertEquals(0, owned.get(4).code());
            assertEquals("x", owned.get(5).ok(), "subPathExpr: $(POD_NAME) expanded");
        } finally {
            h.jpodOk("kube", "down", yaml.toString());
        }
        assertEquals(0, h.podPs().size());
        h.assertNothingLeft("after kube down of a pod with volumes");
        Result left = Harness.rootOk("find", h.home().resolve(".local/share/jpod/containers").toString(), "-mindepth", "1");
        assertEquals("", left.out().strip(), "no container or volume directory is left");
        assertTrue(Files.exists(dir.resolve("files-data/kept")), "a hostPath is the host's: it stays");
    }

    @Test
    void badVolumesAreRefusedBeforeAnythingIsCreated() {
        Path missing = h.writeYaml("volumes/missing.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: vol-missing}
                spec:
                  volumes: [{name: site, configMap: {name: not-there}}]
                  containers:
                  - {name: a, image: localhost/busybox:latest, command: [sleep, "100"]}
                """);
        assertTrue(h.jpodError("kube", "play", missing.toString()).err().contains("ConfigMap \"not-there\" not found"));
        Path nonRoot = h.writeYaml("volumes/nonroot.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: vol-nonroot}
                spec:
                  securityContext: {runAsNonRoot: true}
                  containers:
                  - {name: a, image: localhost/busybox:latest, command: [sleep, "100"]}
                """);
        assertTrue(h.jpodError("kube", "play", nonRoot.toString()).err().contains("runAsNonRoot"));
        Path hostPath = h.writeYaml("volumes/hostpath.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: vol-hostpath}
                spec:
                  volumes: [{name: d, hostPath: {path: no-such-dir, type: Directory}}]
                  containers:
                  - {name: a, image: localhost/busybox:latest, command: [sleep, "100"], volumeMounts: [{name: d, mountPath: /d}]}
                """);
        String err = h.jpodError("kube", "play", hostPath.toString()).err();
        assertTrue(err.contains("volume d: hostPath " + dir.resolve("no-such-dir")), err);
        assertEquals(0, h.podPs().size(), "nothing is left of refused pods");
        assertEquals(0, h.psAll().size());
        assertFalse(Files.exists(dir.resolve("no-such-dir")));
        h.assertNothingLeft("after refused plays");
    }
}
