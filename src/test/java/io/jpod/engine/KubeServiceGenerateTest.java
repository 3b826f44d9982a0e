package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.InvalidInputException;
import io.jpod.error.NotFoundException;
import io.jpod.kube.NodeFacts;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodSpec;
import io.jpod.pod.RestartPolicy;
import io.jpod.pod.Workload;
import io.jpod.state.Database;
import io.jpod.state.WorkloadTable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeServiceGenerateTest {
    private static final PodSpec POD = PodSpec.builder("web").labels(Map.of("app", "web")).restartPolicy(RestartPolicy.NEVER)
            .shareProcessNamespace(true).containers(container("server"), container("client")).stopTimeoutSeconds(5).build();

    private static ContainerSpec container(String name) {
        return ContainerSpec.builder(name, "busybox").command("sh").build();
    }

    @Test
    void aPodWithAllItsContainersIsGeneratedAsPlayed() {
        List<String> warnings = new ArrayList<>();
        assertSame(POD, KubeService.withContainers(POD, Set.of("server", "client"), warnings::add));
        assertEquals(List.of(), warnings);
    }

    @Test
    void removedContainersAreLeftOutWithAWarning() {
        List<String> warnings = new ArrayList<>();
        PodSpec out = KubeService.withContainers(POD, Set.of("client"), warnings::add);
        assertEquals(List.of(container("client")), out.containers());
        assertEquals(POD.toBuilder().containers(container("client")).build(), out);
        assertEquals(List.of("pod web: container web-server was removed: it is left out"), warnings);
    }

    @Test
    void aPodWithNoContainersLeftIsAnError() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> KubeService.withContainers(POD, Set.of(), m -> { }));
        assertEquals("pod web: no containers left: Kubernetes needs at least one", e.getMessage());
    }

    // ---------------------------------------------------------------- workloads

    private static final PodSpec TEMPLATE = PodSpec.builder("web").labels(Map.of("app", "web")).containers(container("server")).build();
    private static final Workload WEB = new Workload(Workload.Kind.DEPLOYMENT, "web", null, Map.of("team", "shop"), Map.of(), TEMPLATE,
            "5d4b7c9f8", 3, Workload.Strategy.DEPLOYMENT_DEFAULT, 0, null);
    private static final Workload MIGRATE = new Workload(Workload.Kind.JOB, "migrate", null, Map.of(), Map.of(),
            PodSpec.builder("migrate").restartPolicy(RestartPolicy.NEVER).containers(container("run")).build(), "7f6c5b4d9", 0, null, 0,
            new Workload.JobSpec(3, 2, 1, null, null, true));

    @TempDir
    Path dir;

    /** Workloads over a store holding {@link #WEB} and {@link #MIGRATE}, with no pods (none of them is asked for). */
    private Workloads played(Database db) {
        WorkloadTable table = new WorkloadTable(db);
        Instant now = Instant.now();
        table.put(new WorkloadTable.Row(WEB, now, now, 1, Map.of()));
        table.put(new WorkloadTable.Row(MIGRATE, now, now, 1, Map.of()));
        return new Workloads(table, null, null, m -> { }, () -> { });
    }

    @Test
    void aWorkloadIsFoundByItsOwnerAnnotation() {
        try (Database db = Database.open(dir.resolve("jpod.db"))) {
            Workloads workloads = played(db);
            assertEquals(Optional.of(WEB), workloads.find("Deployment/web"));
            assertEquals(Optional.of(MIGRATE), workloads.find("Job/migrate"));
            assertEquals(Optional.empty(), workloads.find("Job/web"));
            assertEquals(Optional.empty(), workloads.find("StatefulSet/web"));
            assertEquals(Optional.empty(), workloads.find("web"));
        }
    }

    @Test
    void aWorkloadNamedAsKubectlDoesIsWrittenOnceAsPlayed() {
        try (Database db = Database.open(dir.resolve("jpod.db"))) {
            List<String> warnings = new ArrayList<>();
            KubeService kube = new KubeService(null, null, null, warnings::add, NodeFacts.UNKNOWN, played(db), null);
            String yaml = kube.generate(List.of("deployment/web", "deployment.apps/web", "job/migrate"),
                    new KubeService.GenerateOptions("deployment", false, 2), "test", Instant.EPOCH);
            assertEquals(1, yaml.split("kind: Deployment", -1).length - 1, yaml);
            assertTrue(yaml.contains("replicas: 3") && !yaml.contains("replicas: 2"), "--replicas applies to pods:\n" + yaml);
            assertTrue(yaml.indexOf("kind: Deployment") < yaml.indexOf("kind: Job"), yaml);
            assertTrue(yaml.contains("completionMode: Indexed") && yaml.contains("restartPolicy: Never"), yaml);
            assertEquals(List.of("--type/--replicas apply to pods; Deployment web, Job migrate are written as played"), warnings);
        }
    }

    @Test
    void aWorkloadThatIsNotPlayedOrOfAnotherKindIsAnError() {
        try (Database db = Database.open(dir.resolve("jpod.db"))) {
            KubeService kube = new KubeService(null, null, null, m -> { }, NodeFacts.UNKNOWN, played(db), null);
            KubeService.GenerateOptions pod = new KubeService.GenerateOptions("pod", false, null);
            assertEquals("no Job named \"web\" is played", assertThrows(NotFoundException.class,
                    () -> kube.generate(List.of("job/web"), pod, "test", Instant.EPOCH)).getMessage());
            assertThrows(InvalidInputException.class, () -> kube.generate(List.of("cronjob/web"), pod, "test", Instant.EPOCH));
        }
    }
}
