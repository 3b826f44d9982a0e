package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.RuntimeFailureException;
import io.jpod.oci.RuntimeSpec;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.EnvVar;
import io.jpod.pod.PodSpec;
import io.jpod.pod.Volume;
import io.jpod.pod.VolumeMount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodVolumesTest {
    @TempDir
    Path tmp;

    private static PodSpec pod(List<Volume> volumes, List<VolumeMount> mounts) {
        ContainerSpec c = ContainerSpec.builder("app", "busybox").command("sh").volumeMounts(mounts).build();
        return PodSpec.builder("web").containers(c).volumes(volumes).build();
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

    @Test
    void fsGroupOwnsEveryFileWithGroupAccessAndSetgidDirectories() throws Exception {
        int gid = (Integer) Files.getAttribute(tmp, "unix:gid");
        PodSpec pod = pod(List.of(Volume.emptyDir("scratch", false, null).withFsGroup((long) gid),
                Volume.files("site", new Volume.Files(false, "site", List.of(new Volume.File("a/b", "x", 0400)))).withFsGroup((long) gid)),
                List.of());
        PodVolumes v = new PodVolumes(tmp.resolve("pod"), tmp.resolve("named"));
        v.prepare(pod, "web");
        Path scratch = v.source(pod.volume("scratch"));
        Files.writeString(scratch.resolve("f"), "x");
        Files.setPosixFilePermissions(scratch.resolve("f"), PosixFilePermissions.fromString("rw-------"));
        v.prepare(pod, "web");
        assertEquals(02777, mode(scratch), "setgid directory");
        assertEquals(0660, mode(scratch.resolve("f")), "group may read and write");
        Path site = v.source(pod.volume("site"));
        assertEquals(0440, mode(site.resolve("a/b")), "read-only volume: group may read");
        assertEquals(gid, (int) Files.getAttribute(site.resolve("a/b"), "unix:gid"));
        assertTrue((mode(site.resolve("a")) & 02000) != 0);
        assertEquals(null, Volume.hostPath("h", "/tmp", Volume.HostPath.Type.ANY).withFsGroup(5L).fsGroup(), "not for a hostPath");
    }

    private static int mode(Path p) throws Exception {
        return (Integer) Files.getAttribute(p, "unix:mode") & 07777;
    }

    @Test
    void subPathExprTakesTheContainersVariables() {
        ContainerSpec c = ContainerSpec.builder("app", "busybox").env(new EnvVar("POD", "web"), new EnvVar("UP", "..")).build();
        assertEquals("logs/web", PodVolumes.subPath(new VolumeMount("d", "/d", false, null, "logs/$(POD)"), c, "x"));
        assertEquals("$(NONE)/a", PodVolumes.subPath(new VolumeMount("d", "/d", false, null, "$(NONE)/a"), c, "x"),
                "a reference to no variable stays");
        assertEquals("plain", PodVolumes.subPath(new VolumeMount("d", "/d", false, "plain"), c, "x"));
        String message = assertThrows(RuntimeFailureException.class,
                () -> PodVolumes.subPath(new VolumeMount("d", "/d", false, null, "$(UP)/etc"), c, "x")).getMessage();
        assertTrue(message.contains("subPathExpr $(UP)/etc gives \"../etc\""), message);
    }

    @Test
    void aClaimIsTheNamedVolumesDataAndReadOnlyWhenTheClaimSaysSo() throws Exception {
        Path data = tmp.resolve("named/db/_data");
        PodSpec pod = pod(List.of(Volume.claim("d", "db", true)), List.of(new VolumeMount("d", "/d", false, null)));
        PodVolumes v = new PodVolumes(tmp.resolve("pod"), tmp.resolve("named"));
        String missing = assertThrows(RuntimeFailureException.class, () -> v.prepare(pod, "web")).getMessage();
        assertTrue(missing.contains("named volume db does not exist"), missing);
        Files.createDirectories(data);
        v.prepare(pod, "web");
        RuntimeSpec.Mount m = v.mounts(pod, pod.containers().get(0), "web").get(0);
        assertEquals(data.toString(), m.source());
        assertTrue(m.options().contains("ro"), m.toString());
    }
}
