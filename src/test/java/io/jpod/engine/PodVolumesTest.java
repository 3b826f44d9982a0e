package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.RuntimeFailureException;
import io.jpod.oci.RuntimeSpec;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodSpec;
import io.jpod.pod.RestartPolicy;
import io.jpod.pod.SecurityContext;
import io.jpod.pod.Volume;
import io.jpod.pod.VolumeMount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodVolumesTest {
    @TempDir
    Path tmp;

    private static PodSpec pod(List<Volume> volumes, List<VolumeMount> mounts) {
        ContainerSpec c = new ContainerSpec("app", "busybox", List.of("sh"), List.of(), List.of(), null, null, mounts,
                SecurityContext.NONE);
        return new PodSpec("web", Map.of(), Map.of(), "web", RestartPolicy.ALWAYS, false, List.of(c), 10, volumes);
    }

    private static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void emptyDirAndFilesAreWrittenWithTheirModes() throws Exception {
        PodSpec pod = pod(List.of(Volume.emptyDir("scratch", false, null),
                Volume.files("site", new Volume.Files(false, "site", List.of(new Volume.File("html/index.html", "hello", 0600),
                        new Volume.File("app.conf", "port=80", 0644)))),
                Volume.files("creds", new Volume.Files(true, "db", List.of(new Volume.File("password", "hunter2", 0644))))), List.of());
        PodVolumes v = new PodVolumes(tmp, tmp.resolve("named"));
        v.prepare(pod, "web-app");
        assertEquals("rwxrwxrwx", perms(tmp.resolve("volumes/scratch")));
        assertEquals("hello", Files.readString(tmp.resolve("volumes/site/html/index.html")));
        assertEquals("rw-------", perms(tmp.resolve("volumes/site/html/index.html")));
        assertEquals("rw-r--r--", perms(tmp.resolve("volumes/site/app.conf")));
        assertEquals("hunter2", Files.readString(tmp.resolve("secrets/creds/password")));
        assertEquals("rwx------", perms(tmp.resolve("secrets")));
        v.prepare(pod, "web-app"); // again: idempotent
        assertEquals("hello", Files.readString(tmp.resolve("volumes/site/html/index.html")));
    }

    @Test
    void mountsBindTheSourcesReadOnlyWhenAskedAndForFiles() {
        PodSpec pod = pod(List.of(Volume.emptyDir("scratch", false, null),
                Volume.files("site", new Volume.Files(false, "site", List.of(new Volume.File("a", "x", 0644))))),
                List.of(new VolumeMount("scratch", "/w", false, null), new VolumeMount("scratch", "/r", true, "sub/dir"),
                        new VolumeMount("site", "/site", false, null)));
        PodVolumes v = new PodVolumes(tmp, tmp.resolve("named"));
        v.prepare(pod, "web-app");
        List<RuntimeSpec.Mount> m = v.mounts(pod, pod.containers().get(0), "web-app");
        assertEquals(List.of(RuntimeSpec.Mount.bind(tmp.resolve("volumes/scratch").toString(), "/w", false),
                RuntimeSpec.Mount.bind(tmp.resolve("volumes/scratch/sub/dir").toString(), "/r", true),
                RuntimeSpec.Mount.bind(tmp.resolve("volumes/site").toString(), "/site", true)), m);
        assertTrue(Files.isDirectory(tmp.resolve("volumes/scratch/sub/dir")), "an emptyDir subPath is created");
    }

    @Test
    void missingSubPathOfConfigMapFails() {
        PodSpec pod = pod(List.of(Volume.files("site", new Volume.Files(false, "site", List.of()))),
                List.of(new VolumeMount("site", "/x", false, "nope")));
        PodVolumes v = new PodVolumes(tmp, tmp.resolve("named"));
        v.prepare(pod, "web-app");
        assertTrue(assertThrows(RuntimeFailureException.class, () -> v.mounts(pod, pod.containers().get(0), "web-app"))
                .getMessage().contains("volume site: subPath nope does not exist"));
    }

    @Test
    void hostPathTypes() throws Exception {
        Path dir = tmp.resolve("host/data");
        Path file = tmp.resolve("host-file");
        new PodVolumes(tmp.resolve("pod"), tmp.resolve("named")).prepare(pod(List.of(Volume.hostPath("d", dir.toString(), Volume.HostPath.Type.DIRECTORY_OR_CREATE),
                Volume.hostPath("f", file.toString(), Volume.HostPath.Type.FILE_OR_CREATE),
                Volume.hostPath("any", tmp.resolve("nothing").toString(), Volume.HostPath.Type.ANY)), List.of()), "web-app");
        assertTrue(Files.isDirectory(dir));
        assertTrue(Files.isRegularFile(file));
        new PodVolumes(tmp.resolve("pod"), tmp.resolve("named")).prepare(pod(List.of(Volume.hostPath("d", dir.toString(), Volume.HostPath.Type.DIRECTORY),
                Volume.hostPath("f", file.toString(), Volume.HostPath.Type.FILE)), List.of()), "web-app");
        String wrong = assertThrows(RuntimeFailureException.class, () -> new PodVolumes(tmp.resolve("pod"), tmp.resolve("named")).prepare(
                pod(List.of(Volume.hostPath("d", file.toString(), Volume.HostPath.Type.DIRECTORY)), List.of()), "web-app")).getMessage();
        assertEquals("volume d: hostPath " + file + " is not a Directory (type Directory)", wrong);
        String missing = assertThrows(RuntimeFailureException.class, () -> new PodVolumes(tmp.resolve("pod"), tmp.resolve("named")).prepare(
                pod(List.of(Volume.hostPath("s", tmp.resolve("sock").toString(), Volume.HostPath.Type.SOCKET)), List.of()),
                "web-app")).getMessage();
        assertEquals("volume s: hostPath " + tmp.resolve("sock") + " does not exist (type Socket)", missing);
        assertThrows(RuntimeFailureException.class, () -> new PodVolumes(tmp.resolve("pod"), tmp.resolve("named")).prepare(
                pod(List.of(Volume.hostPath("c", file.toString(), Volume.HostPath.Type.CHAR_DEVICE)), List.of()), "web-app"));
        new PodVolumes(tmp.resolve("pod"), tmp.resolve("named")).prepare(
                pod(List.of(Volume.hostPath("c", "/dev/null", Volume.HostPath.Type.CHAR_DEVICE)), List.of()), "web-app");
    }

    @Test
    void modesToPermissions() {
        assertEquals("rw-r-----", PosixFilePermissions.toString(PodVolumes.permissions(0640)));
        assertEquals("r--------", PosixFilePermissions.toString(PodVolumes.permissions(0400)));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(PodVolumes.permissions(0755)));
    }

    @Test
    void aSubPathThatIsASymlinkOutOfTheVolumeIsRefused() throws Exception {
        PodSpec pod = pod(List.of(Volume.emptyDir("scratch", false, null)), List.of(new VolumeMount("scratch", "/x", false, "evil")));
        PodVolumes v = new PodVolumes(tmp.resolve("pod"), tmp.resolve("named"));
        v.prepare(pod, "web-app");
        Files.createSymbolicLink(tmp.resolve("pod/volumes/scratch/evil"), Path.of("/etc"));
        String m = assertThrows(RuntimeFailureException.class, () -> v.mounts(pod, pod.containers().get(0), "web-app")).getMessage();
        assertEquals("volume scratch: subPath evil leads out of the volume (a symbolic link)", m);
    }
}
