package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.ConflictException;
import io.jpod.error.InvalidInputException;
import io.jpod.error.NotFoundException;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodSpec;
import io.jpod.pod.ProcessPlan;
import io.jpod.pod.Volume;
import io.jpod.pod.VolumeMount;
import io.jpod.state.ContainerConfig;
import io.jpod.state.ContainerRow;
import io.jpod.state.ContainerStatus;
import io.jpod.state.Database;
import io.jpod.state.PodRow;
import io.jpod.state.StateStore;
import io.jpod.state.VolumeRow;
import io.jpod.state.VolumeStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeServiceTest {
    @TempDir
    Path dir;
    private Database db;
    private StateStore state;
    private VolumeService volumes;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("jpod.db"));
        state = new StateStore(db);
        volumes = new VolumeService(new VolumeStore(db), state, null, dir.resolve("volumes"),
                new EventLog(new io.jpod.state.EventTable(db), message -> { }));
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** Stores a pod "web" whose container "app" mounts the named volume {@code claim}. */
    private void podUsing(String claim) {
        ContainerSpec app = ContainerSpec.builder("app", "busybox").volumeMounts(new VolumeMount("data", "/data", false, null)).build();
        ContainerSpec other = ContainerSpec.builder("other", "busybox").build();
        PodSpec spec = PodSpec.builder("web").containers(app, other).volumes(List.of(Volume.claim("data", claim, false))).build();
        String podId = "a".repeat(64);
        Instant now = Instant.now();
        ContainerConfig config = new ContainerConfig("app", new ProcessPlan(List.of("sh"), List.of(), "/", null), List.of(), null, null);
        ContainerConfig otherConfig = new ContainerConfig("other", new ProcessPlan(List.of("sh"), List.of(), "/", null), List.of(),
                null, null);
        state.addPod(new PodRow(podId, "web", now, spec, null), List.of(
                new ContainerRow("b".repeat(64), "web-app", podId, false, null, null, now, config, ContainerStatus.CREATED),
                new ContainerRow("c".repeat(64), "web-other", podId, false, null, null, now, otherConfig, ContainerStatus.CREATED)));
    }

    @Test
    void createAndRemoveAreRecordedAsEvents() {
        volumes.create("kept", Map.of(), Map.of());
        volumes.remove("kept", false);
        assertEquals(List.of("volume create kept", "volume remove kept"), new io.jpod.state.EventTable(db).after(0, null).stream()
                .map(e -> e.type().word() + " " + e.status() + " " + e.name()).toList());
    }

    @Test
    void createMakesTheRowAndTheDataDirectory() {
        VolumeService.VolumeInfo v = volumes.create("my_vol.1", Map.of("app", "db"), Map.of());
        assertEquals(dir.resolve("volumes/my_vol.1/_data"), v.mountpoint());
        assertTrue(Files.isDirectory(v.mountpoint()));
        assertEquals("local", v.row().driver());
        assertEquals(Map.of("app", "db"), volumes.inspect("my_vol.1").row().labels());
        assertTrue(volumes.exists("my_vol.1"));
        assertFalse(volumes.exists("other"));
        assertTrue(v.unused());
    }

    @Test
    void namesArePodmans() {
        assertThrows(InvalidInputException.class, () -> volumes.create("-bad", Map.of(), Map.of()));
        assertThrows(InvalidInputException.class, () -> volumes.create("a/b", Map.of(), Map.of()));
        assertThrows(InvalidInputException.class, () -> volumes.create("", Map.of(), Map.of()));
        assertFalse(Files.exists(dir.resolve("volumes")), "nothing made for a bad name");
    }

    @Test
    void aNameInUseIsAConflictAndEnsureKeepsTheExistingOne() throws Exception {
        Path data = volumes.create("v", Map.of("a", "1"), Map.of()).mountpoint();
        Files.writeString(data.resolve("kept"), "x");
        String message = assertThrows(ConflictException.class, () -> volumes.create("v", Map.of(), Map.of())).getMessage();
        assertEquals("volume with name v already exists: volume already exists", message);
        assertFalse(volumes.ensure(new VolumeRow("v", "local", Instant.now(), Map.of("b", "2"), Map.of(), Map.of(), "f:1:1")));
        assertEquals(Map.of("a", "1"), volumes.inspect("v").row().labels());
        assertEquals("x", Files.readString(data.resolve("kept")));
        assertTrue(volumes.ensure(new VolumeRow("w", "local", Instant.now(), Map.of(), Map.of(), Map.of("k", "v"), "f:1:1")));
        assertEquals(Map.of("k", "v"), volumes.inspect("w").row().annotations());
        assertEquals(io.jpod.pod.ClaimSpec.NONE, volumes.inspect("w").row().claim());
        var spec = new io.jpod.pod.ClaimSpec(java.util.List.of("ReadWriteOnce"), "fast", "Filesystem", "5Gi");
        assertTrue(volumes.ensure(new VolumeRow("c", "local", Instant.now(), Map.of(), Map.of(), Map.of(), "f:1:1", spec)));
        assertEquals(spec, volumes.inspect("c").row().claim(), "a claim's spec is kept with its volume");
    }

    @Test
    void uidAndGidOptionsOwnTheData() throws Exception {
        Path data = volumes.create("owned", Map.of(), Map.of("uid", String.valueOf(uid()), "gid", String.valueOf(gid()))).mountpoint();
        assertEquals(uid(), (int) Files.getAttribute(data, "unix:uid"));
        assertEquals(Map.of("uid", String.valueOf(uid()), "gid", String.valueOf(gid())), volumes.inspect("owned").row().options());
    }

    private int uid() throws Exception {
        return (Integer) Files.getAttribute(dir, "unix:uid");
    }

    private int gid() throws Exception {
        return (Integer) Files.getAttribute(dir, "unix:gid");
    }

    @Test
    void aVolumeInUseNamesItsContainersAndIsNotRemovedOrPruned() {
        volumes.create("data", Map.of(), Map.of());
        volumes.create("spare", Map.of(), Map.of());
        podUsing("data");
        VolumeService.VolumeInfo v = volumes.inspect("data");
        assertEquals(List.of("web"), v.pods());
        assertEquals(List.of("web-app"), v.users());
        String message = assertThrows(ConflictException.class, () -> volumes.remove("data", false)).getMessage();
        assertEquals("volume data is being used by the following container(s): web-app: volume is being used", message);
        assertEquals(List.of("spare"), volumes.prune());
        assertTrue(volumes.exists("data"));
        assertFalse(Files.exists(dir.resolve("volumes/spare")));
    }

    @Test
    void removeDeletesRowAndData() {
        Path data = volumes.create("gone", Map.of(), Map.of()).mountpoint();
        assertEquals("gone", volumes.remove("gone", false));
        assertFalse(Files.exists(data.getParent()));
        assertFalse(volumes.exists("gone"));
        String message = assertThrows(NotFoundException.class, () -> volumes.remove("gone", false)).getMessage();
        assertEquals("no volume with name \"gone\" found: no such volume", message);
        assertEquals(List.of(), volumes.list());
    }
}
