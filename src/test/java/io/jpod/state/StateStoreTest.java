package io.jpod.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.ConflictException;
import io.jpod.error.NotFoundException;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.EnvVar;
import io.jpod.pod.Lifecycle;
import io.jpod.pod.PodSpec;
import io.jpod.pod.Probe;
import io.jpod.pod.ProbeAction;
import io.jpod.pod.ProcessPlan;
import io.jpod.pod.RestartPolicy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123456Z");

    @TempDir
    Path dir;
    private Database db;
    private StateStore store;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("jpod.db"));
        store = new StateStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static String id(char c, String tail) {
        String s = String.valueOf(c).repeat(64 - tail.length()) + tail;
        assertEquals(64, s.length());
        return s;
    }

    private static PodSpec spec(String name, String... containers) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("z", "1");
        labels.put("app", name);
        List<ContainerSpec> cs = java.util.Arrays.stream(containers)
                .map(c -> ContainerSpec.builder(c, "busybox").command("sh", "-c").args("sleep 1")
                        .env(new EnvVar("A", "b"), new EnvVar("S", "hidden", true)).workingDir("/w").build())
                .toList();
        return PodSpec.builder(name).labels(labels).annotations(Map.of("note", "x")).restartPolicy(RestartPolicy.ON_FAILURE)
                .shareProcessNamespace(true).containers(cs).stopTimeoutSeconds(5).build();
    }

    private static ContainerRow row(String id, String name, String podId, boolean infra, Instant created) {
        ContainerConfig config = infra ? new ContainerConfig(null, new ProcessPlan(List.of("/catatonit", "-P"), List.of(), "/", null),
                List.of(), null, null)
                : new ContainerConfig(name, new ProcessPlan(List.of("sh", "-c", "sleep 1"), List.of("PATH=/bin", "A=b", "S=hidden"), "/w", "1000",
                        List.of("S"), List.of("sh", "-c", "sleep <secret>")),
                        List.of("/layers/top", "/layers/base"), "overlay", "/usr/bin/runc");
        return new ContainerRow(id, name, podId, infra, infra ? null : "img" + id.substring(0, 4), infra ? null : "busybox:latest",
                created, config, ContainerStatus.CREATED);
    }

    /**
     * Adds pod {@code name} with an infra and one container per name; returns the rows, infra first. Container ids are
     * the pod id with its first digit replaced: 'f' for the infra, '1', '2', … for the others.
     */
    private List<ContainerRow> addPod(String podId, String name, Instant created, String... containers) {
        String infraId = "f" + podId.substring(1);
        ContainerRow infra = row(infraId, PodSpec.infraName(podId), podId, true, created);
        List<ContainerRow> rows = new java.util.ArrayList<>(List.of(infra));
        for (int i = 0; i < containers.length; i++) {
            rows.add(row((char) ('1' + i) + podId.substring(1), name + "-" + containers[i], podId, false, created.plusNanos(i + 1)));
        }
        store.addPod(new PodRow(podId, name, created, spec(name, containers), infraId), rows);
        return rows;
    }

    @Test
    void addedPodAndContainersReadBackEqual() {
        String podId = id('a', "01");
        List<ContainerRow> rows = addPod(podId, "web", T0, "server", "sidecar");
        List<PodRow> pods = store.pods();
        assertEquals(1, pods.size());
        PodRow p = pods.get(0);
        assertEquals(new PodRow(podId, "web", T0, spec("web", "server", "sidecar"), rows.get(0).id()), p);
        assertEquals(List.of("z", "app"), List.copyOf(p.spec().labels().keySet()), "labels keep their order");
        assertEquals(rows, store.containersOf(podId));
        assertEquals(rows.get(1), store.container(rows.get(1).id()).orElseThrow());
    }

    @Test
    void rowsWrittenBeforeSecretsWereTrackedReadBackWithNothingSecret() {
        String podId = id('a', "01");
        List<ContainerRow> rows = addPod(podId, "web", T0, "server");
        db.write(c -> {
            try (var s = c.createStatement()) {
                s.executeUpdate("UPDATE pods SET spec = replace(replace(spec, ',\"secret\":false', ''), ',\"secret\":true', '')");
                s.executeUpdate("UPDATE containers SET spec = replace(replace(spec, ',\"secretEnv\":[]', ''), ',\"secretEnv\":[\"S\"]', '')");
            }
            return null;
        });
        String stored = db.read(c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT (SELECT group_concat(spec) FROM pods) || (SELECT group_concat(spec) FROM containers)")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertFalse(stored.contains("\"secret"), stored);
        PodRow p = store.pods().get(0);
        assertFalse(p.spec().containers().get(0).env().stream().anyMatch(EnvVar::secret));
        ContainerRow c = store.container(rows.get(1).id()).orElseThrow();
        assertEquals(List.of(), c.config().process().secretEnv());
        assertEquals(rows.get(1).config().process().env(), c.config().process().env());
    }

    @Test
    void containersOfAPodListTheInfraFirstThenByCreation() {
        String podId = id('a', "01");
        List<ContainerRow> rows = addPod(podId, "web", T0, "one", "two", "three");
        assertEquals(List.of("aaaaaaaaaaaa-infra", "web-one", "web-two", "web-three"),
                store.containersOf(podId).stream().map(ContainerRow::name).toList());
        assertEquals(rows.stream().map(ContainerRow::id).toList(), store.containers().stream().map(ContainerRow::id).toList(),
                "all containers: by creation, the infra (created first) before its pod's containers");
    }

    @Test
    void podsAreListedByCreationTime() {
        // Instant.toString drops trailing zero digits: "…:00Z" is earlier than "…:00.5Z" though it sorts after it as text
        addPod(id('b', "02"), "second", Instant.parse("2024-05-01T10:00:00.500Z"), "a");
        addPod(id('a', "01"), "first", Instant.parse("2024-05-01T10:00:00Z"), "a");
        addPod(id('c', "03"), "third", Instant.parse("2024-05-01T10:00:00.500001Z"), "a");
        assertEquals(List.of("first", "second", "third"), store.pods().stream().map(PodRow::name).toList());
        assertEquals(List.of("first-a", "second-a", "third-a"),
                store.containers().stream().filter(c -> !c.infra()).map(ContainerRow::name).toList());
    }

    @Test
    void aPodIsFoundByItsExactNameAlone() {
        addPod(id('a', "01"), "web", T0, "server");
        addPod(id('b', "02"), "web2", T0, "server");
        assertEquals(id('a', "01"), store.podNamed("web").orElseThrow().id());
        assertEquals("web2", store.podNamed("web2").orElseThrow().spec().name());
        assertTrue(store.podNamed("we").isEmpty());
        assertTrue(store.podNamed(id('a', "01")).isEmpty()); // an id is no name
        assertEquals(java.util.Set.of(id('a', "01"), id('b', "02")), store.podIds());
    }

    @Test
    void duplicatePodNameIsAConflictAndAddsNothing() {
        addPod(id('a', "01"), "web", T0, "server");
        ConflictException e = assertThrows(ConflictException.class, () -> addPod(id('b', "02"), "web", T0, "other"));
        assertEquals("web", e.name());
        assertEquals("pod web already exists", e.getMessage());
        assertEquals(ConflictException.Reason.EXISTS, e.reason());
        assertEquals("pod", e.kind());
        assertEquals(1, store.pods().size());
        assertEquals(2, store.containers().size());
    }

    @Test
    void duplicateContainerNameIsAConflictAndAddsNoPod() {
        addPod(id('a', "01"), "web", T0, "server");
        String podId = id('b', "02");
        String infraId = id('e', "02");
        ContainerRow clash = row(id('2', "02"), "web-server", podId, false, T0);
        ConflictException e = assertThrows(ConflictException.class, () -> store.addPod(
                new PodRow(podId, "other", T0, spec("other", "server"), infraId),
                List.of(row(infraId, "bbbbbbbbbbbb-infra", podId, true, T0), clash)));
        assertEquals("the container name \"web-server\" is already in use", e.getMessage());
        assertEquals(List.of("web"), store.pods().stream().map(PodRow::name).toList(), "the transaction is rolled back");
        assertFalse(store.container(infraId).isPresent());
    }

    @Test
    void updateContainerReplacesTheRow() {
        List<ContainerRow> rows = addPod(id('a', "01"), "web", T0, "server");
        ContainerRow c = rows.get(1);
        Instant started = T0.plusSeconds(5);
        Instant finished = T0.plusSeconds(9);
        ContainerRow updated = c.withStatus(new ContainerStatus(ContainerState.EXITED, 4242, 4241, 3, started, finished, 2, true));
        store.updateContainer(updated);
        assertEquals(updated, store.container(c.id()).orElseThrow());
        assertEquals(rows.get(0), store.container(rows.get(0).id()).orElseThrow(), "other rows are untouched");

        store.updateContainer(updated.withStatus(updated.status().withState(ContainerState.RUNNING)));
        assertEquals(ContainerState.RUNNING, store.container(c.id()).orElseThrow().status().state());
        assertEquals(Integer.valueOf(3), store.container(c.id()).orElseThrow().status().exitCode());
    }

    @Test
    void exitCodeZeroIsNotNull() {
        ContainerRow c = addPod(id('a', "01"), "web", T0, "server").get(1);
        store.updateContainer(c.withStatus(ContainerStatus.CREATED.exited(0, null, false)));
        assertEquals(Integer.valueOf(0), store.container(c.id()).orElseThrow().status().exitCode());
    }

    @Test
    void removePodRemovesItsContainersOnly() {
        String web = id('a', "01");
        String db2 = id('b', "02");
        List<ContainerRow> webRows = addPod(web, "web", T0, "server", "sidecar");
        List<ContainerRow> dbRows = addPod(db2, "db", T0.plusSeconds(1), "postgres");
        store.removePod(web);
        assertEquals(List.of("db"), store.pods().stream().map(PodRow::name).toList());
        assertEquals(dbRows, store.containers());
        assertTrue(store.containersOf(web).isEmpty());
        assertFalse(store.container(webRows.get(1).id()).isPresent());
        assertFalse(store.podById(web).isPresent());
        assertTrue(store.podById(db2).isPresent());
    }

    @Test
    void removeContainer() {
        List<ContainerRow> rows = addPod(id('a', "01"), "web", T0, "server", "sidecar");
        store.removeContainer(rows.get(1).id());
        assertEquals(List.of(rows.get(0), rows.get(2)), store.containersOf(rows.get(0).podId()));
    }

    @Test
    void findPodByNameIdOrUniquePrefix() {
        String a = "aaaa0" + "1".repeat(59);
        String b = "aaaa1" + "2".repeat(59);
        addPod(a, "web", T0, "x");
        addPod(b, "db", T0.plusSeconds(1), "x");
        assertEquals(a, store.findPod("web").id());
        assertEquals(b, store.findPod(b).id());
        assertEquals(a, store.findPod("aaaa0").id(), "unique prefix");
        assertEquals(b, store.findPod(b.substring(0, 12)).id());
        ConflictException e = assertThrows(ConflictException.class, () -> store.findPod("aaaa"));
        assertEquals("more than one result for ID prefix aaaa: use a longer prefix", e.getMessage());
    }

    @Test
    void missingPodIsNotFound() {
        addPod(id('a', "01"), "web", T0, "x");
        NotFoundException e = assertThrows(NotFoundException.class, () -> store.findPod("nope"));
        assertEquals("no pod with name or ID nope found: no such pod", e.getMessage());
        assertEquals("pod", e.kind());
        assertThrows(NotFoundException.class, () -> store.findPod("b"), "a hex prefix matching nothing");
        assertThrows(NotFoundException.class, () -> store.findPod(""));
    }

    @Test
    void findContainerByNameIdOrUniquePrefix() {
        List<ContainerRow> rows = addPod(id('a', "01"), "web", T0, "server", "sidecar");
        ContainerRow server = rows.get(1);
        assertEquals(server.id(), store.findContainer("web-server").id());
        assertEquals(server.id(), store.findContainer(server.id()).id());
        assertEquals(server.id(), store.findContainer(server.id().substring(0, 12)).id());
        assertEquals(rows.get(0).id(), store.findContainer("aaaaaaaaaaaa-infra").id());
        assertEquals(rows.get(0).id(), store.findContainer("f").id());
        NotFoundException e = assertThrows(NotFoundException.class, () -> store.findContainer("web-nope"));
        assertEquals("no container with name or ID \"web-nope\" found: no such container", e.getMessage());
        assertEquals("container", e.kind());
        assertThrows(NotFoundException.class, () -> store.findContainer(""));
    }

    @Test
    void ambiguousContainerPrefix() {
        addPod(id('a', "01"), "web", T0, "one", "two");
        addPod(id('b', "02"), "db", T0.plusSeconds(1), "one");
        // "1aaa…" and "1bbb…" both start with 1; only web-two's id starts with 2
        ConflictException e = assertThrows(ConflictException.class, () -> store.findContainer("1"));
        assertEquals("1", e.name());
        assertEquals("db-one", store.findContainer("1b").name());
        assertEquals("web-two", store.findContainer("2").name());
    }

    @Test
    void volumesAndSecurityContextReadBackEqualAndOldRowsHaveNone() {
        String podId = id('a', "01");
        var volumes = List.of(io.jpod.pod.Volume.emptyDir("cache", true, 1024L),
                io.jpod.pod.Volume.hostPath("data", "/srv/data", io.jpod.pod.Volume.HostPath.Type.DIRECTORY_OR_CREATE),
                io.jpod.pod.Volume.files("creds", new io.jpod.pod.Volume.Files(true, "db",
                        List.of(new io.jpod.pod.Volume.File("password", "hunter2", 0400)))));
        var security = new io.jpod.pod.SecurityContext(1000L, null, true, List.of(5L), true, false, List.of("CAP_NET_ADMIN"),
                List.of("ALL"), false);
        ContainerSpec c = ContainerSpec.builder("app", "busybox").command("sh")
                .volumeMounts(new io.jpod.pod.VolumeMount("cache", "/cache", true, "sub")).securityContext(security).build();
        PodSpec spec = PodSpec.builder("web").containers(c).volumes(volumes).build();
        String infraId = id('f', "01");
        store.addPod(new PodRow(podId, "web", T0, spec, infraId), List.of(row(infraId, "infra", podId, true, T0)));
        assertEquals(spec, store.pods().get(0).spec());
        db.write(conn -> {
            try (var s = conn.createStatement()) {
                s.executeUpdate("UPDATE pods SET spec = json_remove(spec, '$.volumes', '$.containers[0].volumeMounts',"
                        + " '$.containers[0].securityContext')");
            }
            return null;
        });
        PodSpec old = store.pods().get(0).spec();
        assertEquals(List.of(), old.volumes());
        assertEquals(List.of(), old.containers().get(0).volumeMounts());
        assertEquals(io.jpod.pod.SecurityContext.NONE, old.containers().get(0).securityContext());
    }

    @Test
    void probesAndHooksOfEveryKindReadBackEqualAndOldRowsHaveNone() {
        String podId = id('a', "01");
        var http = new ProbeAction.HttpGet("HTTPS", "localhost", "/healthz", ProbeAction.PortRef.named("http"),
                List.of(new ProbeAction.Header("X-Probe", "1")));
        ContainerSpec server = ContainerSpec.builder("server", "nginx")
                .ports(new io.jpod.pod.ContainerPort("http", 80, 0, "TCP", null))
                .livenessProbe(new Probe(ProbeAction.httpGet(http), 5, 7, 2, 1, 4, 15L))
                .readinessProbe(new Probe(ProbeAction.tcpSocket(new ProbeAction.TcpSocket(null, ProbeAction.PortRef.of(80))),
                        0, 10, 1, 2, 3, null))
                .startupProbe(Probe.of(ProbeAction.exec(List.of("cat", "/tmp/started"))))
                .lifecycle(new Lifecycle(ProbeAction.exec(List.of("sh", "-c", "touch /tmp/started")), ProbeAction.httpGet(
                        new ProbeAction.HttpGet(null, null, "/quit", ProbeAction.PortRef.of(80), null))))
                .build();
        ContainerSpec proxy = ContainerSpec.builder("proxy", "busybox").restartPolicy(RestartPolicy.ALWAYS)
                .livenessProbe(Probe.of(ProbeAction.grpc(new ProbeAction.Grpc(9090, "health"))))
                .lifecycle(new Lifecycle(null, ProbeAction.sleep(3)))
                .build();
        PodSpec spec = PodSpec.builder("web").initContainers(proxy).containers(server).build();
        String infraId = id('f', "01");
        store.addPod(new PodRow(podId, "web", T0, spec, infraId), List.of(row(infraId, "infra", podId, true, T0)));
        PodSpec back = store.pods().get(0).spec();
        assertEquals(spec, back);
        assertEquals(spec.initContainers(), back.initContainers());
        db.write(conn -> {
            try (var s = conn.createStatement()) {
                s.executeUpdate("UPDATE pods SET spec = json_remove(spec, '$.containers[0].livenessProbe',"
                        + " '$.containers[0].readinessProbe', '$.containers[0].startupProbe', '$.containers[0].lifecycle')");
            }
            return null;
        });
        ContainerSpec old = store.pods().get(0).spec().containers().get(0);
        assertFalse(old.probed());
        assertEquals(Lifecycle.NONE, old.lifecycle());
    }

    @Test
    void theImageTableAsksWhichContainersUseAnImage() {
        String podId = id('a', "01");
        addPod(podId, "web", T0, "server", "sidecar");
        ImageTable images = new ImageTable(db);
        assertEquals(List.of("web-server (1aaaaaaaaaaa)"), images.read(tx -> tx.containersUsing("img1aaa")));
        assertEquals(List.of(), images.read(tx -> tx.containersUsing("other")));
        assertEquals(Map.of("img1aaa", 1, "img2aaa", 1), images.read(ImageTable.Tx::containerCounts));
    }
}
