package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.InvalidInputException;
import io.jpod.kube.Plan;
import io.jpod.kube.NodeFacts;
import io.jpod.pod.PodSpec;
import io.jpod.state.Database;
import io.jpod.state.KubeObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What kube play, validate and down read from files and do with the plan, without creating containers; the planning itself: {@code KubePlannerTest}. */
class KubeServiceTest {
    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();
    private final KubeService kube = new KubeService(null, null, null, warnings::add, NodeFacts.UNKNOWN);

    private static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: app-config}
            data: {mode: production}
            """;
    private static final String SECRET = """
            apiVersion: v1
            kind: Secret
            metadata: {name: db}
            data: {password: aHVudGVyMg==}
            """;
    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
              - name: app
                image: busybox
                env:
                - {name: MODE, valueFrom: {configMapKeyRef: {name: app-config, key: mode}}}
                - {name: PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}
            """;

    private String file(String name, String... docs) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, String.join("---\n", docs));
        return f.toString();
    }

    private static io.jpod.kube.Inputs stdin(String s) {
        return new io.jpod.kube.Inputs(java.nio.file.Path.of("").toAbsolutePath(), new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
    }

    private Plan plan(String... files) {
        return kube.plan(List.of(files), List.of(), stdin(""), false);
    }

    @Test
    void downRefusesADocumentWithoutANameBeforeRemovingAnything() throws IOException {
        // this service has no pods, volumes or stores: reaching any of them would throw something else
        String f = file("down.yaml", POD, "apiVersion: v1\nkind: Pod\nmetadata: {labels: {a: b}}\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> kube.down(List.of(f), stdin(""), false));
        assertEquals(f + ":14:11: metadata.name: a Pod needs a name", e.getMessage());
        String empty = file("none.yaml", "apiVersion: example.com/v1\nkind: Frob\nmetadata: {name: f}\n");
        assertEquals(empty + ": no Kubernetes objects to take down",
                assertThrows(InvalidInputException.class, () -> kube.down(List.of(empty), stdin(""), false)).getMessage());
    }

    @Test
    void severalFilesAndStandardInputPlayTogether() throws IOException {
        String pods = file("pods.yaml", POD);
        Plan plan = kube.plan(List.of(pods, "-"), List.of(), stdin(CONFIG_MAP + "---\n" + SECRET), false);
        assertEquals(List.of(), plan.problems());
        assertEquals(List.of("web"), plan.pods().stream().map(PodSpec::name).toList());
    }

    @Test
    void configMapFilesGiveConfigMapsOnly() throws IOException {
        String maps = file("maps.yaml", CONFIG_MAP);
        Plan plan = kube.plan(List.of(file("app.yaml", POD, SECRET)), List.of(maps), stdin(""), false);
        assertEquals(List.of(), plan.problems());
        String notAMap = file("secret.yaml", SECRET);
        Plan bad = kube.plan(List.of(file("app2.yaml", POD, CONFIG_MAP)), List.of(notAMap), stdin(""), false);
        assertEquals(List.of(notAMap + ":2:7: kind: --configmap " + notAMap + " must hold ConfigMaps only, not Secret",
                file("app2.yaml", POD, CONFIG_MAP) + ":10:50: spec.containers[0].env[1].valueFrom.secretKeyRef: Pod web: Secret \"db\""
                        + " not found: put it in the played files, or mark the reference optional: true"), bad.problems());
    }

    @Test
    void anImageThatCannotBeParsedIsAProblemAtItsLineAndALongOneIsShortened() throws IOException {
        String huge = "a".repeat(5000);
        String f = file("images.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: img}
                spec:
                  initContainers:
                  - {name: i, image: "lo?calhost/x"}
                  containers:
                  - name: a
                    image: b{usybox
                  - name: b
                    image: %s
                  - {name: c, image: "docker.io/library/busybox:1.36"}
                """.formatted(huge));
        Plan plan = plan(f);
        assertEquals(List.of(
                f + ":6:22: spec.initContainers[0].image: invalid reference format: invalid repository name component "
                        + "\"lo?calhost\" (lowercase letters and digits, separated by '.', '_', '__' or '-')",
                f + ":9:12: spec.containers[0].image: invalid reference format: invalid repository name component \"b{usybox\" "
                        + "(lowercase letters and digits, separated by '.', '_', '__' or '-')",
                f + ":11:12: spec.containers[1].image: invalid reference format: repository name must not be longer than 255 characters"),
                plan.problems());
        String tag = file("tag.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: tag}
                spec: {containers: [{name: a, image: "busybox:%s"}]}
                """.formatted("-".repeat(5000)));
        String problem = plan(tag).problems().get(0);
        assertTrue(problem.length() < 300 && problem.contains("…(5000 characters)"), problem);
    }

    @Test
    void readThrowsEveryProblemOneALine() throws IOException {
        String f = file("bad.yaml", POD, """
                apiVersion: v1
                kind: Pod
                metadata: {name: Bad_Name}
                spec: {containers: [{name: a, image: i}]}
                """, """
                apiVersion: apps/v1
                kind: Job
                metadata: {name: j}
                spec: {template: {spec: {restartPolicy: Never, containers: [{name: a, image: i}]}}}
                """);
        Plan plan = plan(f);
        assertFalse(plan.valid());
        assertEquals(3, plan.problems().size(), plan.problems()::toString);
        assertTrue(plan.problems().get(0).startsWith(f + ":9:49: "), "placed in the file as read: " + plan.problems().get(0));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> kube.read(List.of(f), stdin("")));
        assertEquals(String.join("\n", plan.problems()), e.getMessage(), "read throws them all, one a line");
    }

    @Test
    void playRefusesAnUnknownFieldAndADuplicateKeyBeforeCreatingAnything() throws IOException {
        // this service has no pods, volumes or stores: reaching any of them would throw something else
        String f = file("strict.yaml", CONFIG_MAP, """
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec:
                  containers:
                  - name: app
                    image: busybox
                    imagePullPolice: Always
                    image: nginx
                """);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> kube.play(List.of(f), stdin(""), new KubeService.PlayOptions(false, true)));
        assertEquals(f + ":13:5: spec.containers[0].imagePullPolice: unknown field \"imagePullPolice\": did you mean \"imagePullPolicy\"?\n"
                + f + ":14:5: spec.containers[0]: duplicate key \"image\" (first at line 12)", e.getMessage());
        assertEquals(List.of(), warnings);
    }

    @Test
    void aFileThatCannotBeReadIsAProblemOfThePlan() throws IOException {
        String missing = dir.resolve("missing.yaml").toString();
        assertEquals(List.of(missing + ": no such file"), plan(missing, file("pod.yaml", CONFIG_MAP)).problems());
    }

    @Test
    void unknownKindsAreWarningsAndTheRestPlays() throws IOException {
        String f = file("mixed.yaml", """
                apiVersion: example.com/v1
                kind: Frobnicator
                metadata: {name: frob}
                """, """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: web}
                """, CONFIG_MAP, SECRET, POD);
        List<PodSpec> pods = kube.read(List.of(f), stdin(""));
        assertEquals(List.of("web"), pods.stream().map(PodSpec::name).toList());
        assertEquals(List.of(f + ":1:1: unknown kind \"Frobnicator\": frob is ignored",
                f + ":5:1: kind Ingress is not supported yet: Ingress web is ignored"), warnings);
    }

    @Test
    void onlyUnknownKindsIsNothingToPlay() throws IOException {
        String f = file("frob.yaml", """
                apiVersion: example.com/v1
                kind: Frobnicator
                metadata: {name: frob}
                """);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> kube.read(List.of(f), stdin("")));
        assertEquals(f + ": no Kubernetes objects to play", e.getMessage());
        assertEquals(List.of(f + ":1:1: unknown kind \"Frobnicator\": frob is ignored"), warnings);
    }

    @Test
    void statusPodIpFollowsTheNetworkOfThePlayAndStatusHostIpIsTheNodesAddress() throws IOException {
        String f = file("ip.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: ip}
                spec:
                  containers:
                  - name: a
                    image: i
                    env:
                    - {name: IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
                    - {name: NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
                    - {name: HOST, valueFrom: {fieldRef: {fieldPath: status.hostIP}}}
                """);
        KubeService onNode = new KubeService(null, null, null, warnings::add, new NodeFacts(2000, 1L << 30, null, "192.0.2.2"));
        for (var mode : io.jpod.pod.NetworkMode.values()) {
            Plan plan = onNode.dryRun(List.of(f), stdin(""), new KubeService.PlayOptions(false, true, List.of(), null, new io.jpod.pod.NetworkMode.Choice(mode, null), null));
            var env = plan.pods().get(0).containers().get(0).env();
            String expected = switch (mode) {
                case SLIRP4NETNS, PASTA -> "10.0.2.100";
                case NONE -> ""; // loopback only: no pod IP
                case HOST -> "192.0.2.2"; // the node's, as Kubernetes gives a pod on the host's network
                case BRIDGE -> "127.0.0.1"; // a placeholder until the pod is created and given its address
            };
            assertEquals(expected, env.get(0).value(), mode.label());
            assertEquals("ip", env.get(1).value());
            assertEquals("192.0.2.2", env.get(2).value(), "status.hostIP is the node's address whatever the network: " + mode.label());
        }
    }

    @Test
    void dryRunEmitsWarningsAndThrowsProblems() throws IOException {
        String f = file("deploy.yaml", CONFIG_MAP, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 0
                  selector: {matchLabels: {app: web}}
                  template: {metadata: {labels: {app: web}}, spec: {containers: [{name: a, image: i}]}}
                """);
        Plan plan = kube.dryRun(List.of(f), stdin(""), new KubeService.PlayOptions(false, true));
        assertEquals(List.of(), plan.pods());
        assertEquals(List.of("web"), plan.workloads().stream().map(w -> w.name()).toList());
        assertEquals(List.of("web"), plan.templates().stream().map(PodSpec::name).toList());
        assertEquals(List.of(f + ":6:1: Deployment web: replicas is 0: no pod runs until it is scaled up"), warnings);
        String bad = file("bad.yaml", POD);
        assertThrows(InvalidInputException.class, () -> kube.dryRun(List.of(bad), stdin(""), new KubeService.PlayOptions(false, true)));
    }

    @Test
    void playStoresConfigMapsAndSecretsAndDownForgetsThem() throws IOException {
        try (Database db = Database.open(dir.resolve("state/jpod.db"))) {
            KubeObjectStore objects = new KubeObjectStore(db);
            KubeService service = new KubeService(null, null, objects, warnings::add, NodeFacts.UNKNOWN);
            String f = file("configs.yaml", CONFIG_MAP, SECRET);
            assertEquals(List.of(), service.play(List.of(f), stdin(""), new KubeService.PlayOptions(false, true)).pods());
            assertEquals(Map.of("mode", "production"), objects.list("ConfigMap").get(0).data());
            assertEquals(Map.of("password", "hunter2"), objects.list("Secret").get(0).data());
            assertEquals(List.of(), service.down(List.of(f), stdin(""), false).pods());
            assertEquals(List.of(), objects.list("ConfigMap"));
            assertEquals(List.of(), objects.list("Secret"));
        }
    }

    @Test
    void playKeepsServicesAndDownRemovesThem() throws IOException {
        try (Database db = Database.open(dir.resolve("state/jpod.db"))) {
            KubeObjectStore objects = new KubeObjectStore(db);
            KubeService service = new KubeService(null, null, objects, warnings::add, NodeFacts.UNKNOWN);
            String f = file("svc.yaml", """
                    apiVersion: v1
                    kind: Service
                    metadata: {name: web}
                    spec:
                      selector: {app: web}
                      ports: [{port: 80, targetPort: http}]
                    """);
            assertEquals(List.of(), service.play(List.of(f), stdin(""), new KubeService.PlayOptions(false, true)).pods());
            assertEquals(List.of(), warnings, "no warning of an unknown kind");
            KubeObjectStore.KubeObject kept = objects.list("Service").get(0);
            assertEquals("web", kept.name());
            assertEquals(Map.of("spec", "{\"selector\":{\"app\":\"web\"},\"ports\":[{\"port\":80,\"targetPort\":\"http\"}]}", "namespace", "default"),
                    kept.data());
            assertEquals(f + ":1:1", kept.source());
            assertEquals(List.of(), service.down(List.of(f), stdin(""), false).pods());
            assertEquals(List.of(), objects.list("Service"));
        }
    }

}
