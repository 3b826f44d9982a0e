package io.jpod.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.kube.Plan;
import io.jpod.pod.ContainerPort;
import io.jpod.pod.EnvVar;
import io.jpod.pod.PodSpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a play's documents plan: checks, kinds, objects, pods and where each problem is; no host, no files. */
class KubePlannerTest {
    private static final KubeReader READER = new KubeReader();
    private final KubePlanner planner = new KubePlanner();

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

    /** A file of {@code docs}, as the engine reads it, named {@code name}. */
    private static KubeFile file(String name, String... docs) {
        return KubeFile.of(name, false, parse(name, docs));
    }

    private static KubeFile configMapFile(String name, String... docs) {
        return KubeFile.of(name, true, parse(name, docs));
    }

    private static List<KubeDocument> parse(String name, String... docs) {
        return READER.parse(name, new ByteArrayInputStream(String.join("---\n", docs).getBytes(StandardCharsets.UTF_8)));
    }

    private Plan plan(KubeFile... files) {
        return planner.plan(List.of(files), NodeFacts.UNKNOWN, false);
    }

    @Test
    void configMapsAndSecretsComeFirstWhateverTheirPlaceInTheFile() {
        Plan plan = plan(file("app.yaml", POD, CONFIG_MAP, SECRET));
        assertEquals(List.of(), plan.problems());
        PodSpec web = plan.pods().get(0);
        assertEquals(List.of(new EnvVar("MODE", "production", false, new EnvVar.Source(false, "app-config", "mode")),
                new EnvVar("PASSWORD", "hunter2", true, new EnvVar.Source(true, "db", "password"))), web.containers().get(0).env());
        assertEquals(List.of("ConfigMap app-config", "Secret db"),
                plan.configs().stream().map(c -> c.kind() + " " + c.name()).toList());
    }

    @Test
    void aDuplicateKeyIsAProblemOfItsDocumentAndTheOtherDocumentsAreStillChecked() {
        Plan plan = plan(file("dup.yaml", POD.replace("image: busybox", "image: busybox\n    image: nginx"),
                CONFIG_MAP.replace("data: {mode: production}", "data: {mode: production, mode: test}"), SECRET));
        assertEquals(List.of("dup.yaml:8:5: spec.containers[0]: duplicate key \"image\" (first at line 7)",
                "dup.yaml:16:26: data: duplicate key \"mode\" (first at line 16)"), plan.problems());
        assertEquals(List.of(), plan.pods());
    }

    @Test
    void anUnknownFieldIsAProblemWhileAKubernetesFieldJpodDoesNotHonourIsAWarning() {
        Plan unsupported = plan(file("pod.yaml", POD.replace("image: busybox", "image: busybox\n    stdin: true"), CONFIG_MAP, SECRET));
        assertEquals(List.of(), unsupported.problems());
        assertEquals(List.of("pod.yaml:1:1: Pod web: field spec.containers[0].stdin is not supported yet and is ignored"),
                unsupported.warnings());
        assertEquals(1, unsupported.pods().size());
        Plan unknown = plan(file("pod.yaml", POD.replace("image: busybox", "image: busybox\n    stdn: true"), CONFIG_MAP, SECRET));
        assertEquals(List.of("pod.yaml:8:5: spec.containers[0].stdn: unknown field \"stdn\": did you mean \"stdin\"?"),
                unknown.problems());
        assertEquals(List.of(), unknown.warnings());
        assertEquals(List.of(), unknown.pods());
    }

    @Test
    void configMapFilesGiveConfigMapsOnly() {
        Plan plan = plan(configMapFile("maps.yaml", CONFIG_MAP), file("app.yaml", POD, SECRET));
        assertEquals(List.of(), plan.problems());
        Plan bad = plan(configMapFile("secret.yaml", SECRET), file("app2.yaml", POD, CONFIG_MAP));
        assertEquals(List.of("secret.yaml:2:7: kind: --configmap secret.yaml must hold ConfigMaps only, not Secret",
                "app2.yaml:10:50: spec.containers[0].env[1].valueFrom.secretKeyRef: Pod web: Secret \"db\""
                        + " not found: put it in the played files, or mark the reference optional: true"), bad.problems());
    }

    @Test
    void everyProblemIsListedAndNothingPlays() {
        Plan plan = plan(file("bad.yaml", POD, """
                apiVersion: v1
                kind: Pod
                metadata: {name: Bad_Name}
                spec: {containers: [{name: a, image: i}]}
                """, """
                apiVersion: apps/v1
                kind: Job
                metadata: {name: j}
                spec: {template: {spec: {restartPolicy: Never, containers: [{name: a, image: i}]}}}
                """));
        assertFalse(plan.valid());
        assertEquals(3, plan.problems().size(), plan.problems()::toString);
        assertTrue(plan.problems().get(0).startsWith("bad.yaml:9:49: spec.containers[0].env[0].valueFrom.configMapKeyRef: Pod web:"
                + " ConfigMap \"app-config\" not found"), plan.problems().get(0));
        assertEquals("bad.yaml:14:18: metadata.name: \"Bad_Name\" is not a valid name: lower case letters, digits, '-' and '.',"
                + " starting and ending with a letter or digit, at most 253", plan.problems().get(1), "at the name's own line:col");
        assertEquals("bad.yaml:17:13: apiVersion: a Job is apiVersion batch/v1, not \"apps/v1\"", plan.problems().get(2),
                "problems are listed in the files' order");
    }

    @Test
    void unknownKindsAreWarningsAndTheRestPlays() {
        Plan plan = plan(file("mixed.yaml", """
                apiVersion: example.com/v1
                kind: Frobnicator
                metadata: {name: frob}
                """, """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: web}
                """, CONFIG_MAP, SECRET, POD));
        assertEquals(List.of(), plan.problems());
        assertEquals(List.of("web"), plan.pods().stream().map(PodSpec::name).toList());
        assertEquals(List.of("mixed.yaml:1:1: unknown kind \"Frobnicator\": frob is ignored",
                "mixed.yaml:5:1: kind Ingress is not supported yet: Ingress web is ignored"), plan.warnings());
    }

    @Test
    void onlyUnknownKindsIsNothingToPlay() {
        Plan plan = plan(configMapFile("maps.yaml"), file("frob.yaml", """
                apiVersion: example.com/v1
                kind: Frobnicator
                metadata: {name: frob}
                """), file("empty.yaml"));
        assertEquals(List.of("frob.yaml, empty.yaml: no Kubernetes objects to play"), plan.problems(),
                "the files played are named, not the --configmap files");
        assertEquals(List.of("frob.yaml:1:1: unknown kind \"Frobnicator\": frob is ignored"), plan.warnings());
    }

    @Test
    void namesMustBeUniqueInAPlay() {
        Plan plan = plan(file("dup.yaml", CONFIG_MAP, CONFIG_MAP, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec: {selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: a, image: i}]}}}
                """, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec: {selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: a, image: i}]}}}
                """, """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: web}
                spec: {template: {spec: {restartPolicy: Never, containers: [{name: a, image: i}]}}}
                """));
        assertEquals(List.of("dup.yaml:8:18: metadata.name: ConfigMap app-config is also defined at dup.yaml:1:1",
                "dup.yaml:18:18: metadata.name: Deployment web is also defined at dup.yaml:11:1"), plan.problems(),
                "a Deployment and a Job may share a name, as in Kubernetes");
    }

    @Test
    void servicesAndClaimsAreUniqueToo() {
        String service = """
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec: {ports: [{port: 80}]}
                """;
        String claim = """
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: data}
                spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
                """;
        Plan plan = plan(file("a.yaml", service, claim), file("b.yaml", claim, service));
        assertEquals(List.of("b.yaml:1:1: metadata.name: PersistentVolumeClaim data is also defined at a.yaml:6:1",
                "b.yaml:8:18: metadata.name: Service web is also defined at a.yaml:1:1"), plan.problems(),
                "a claim's problems are placed at its document");
    }

    @Test
    void theApiVersionOfEachKindIsChecked() {
        Plan plan = plan(file("api.yaml", """
                apiVersion: v2
                kind: ConfigMap
                metadata: {name: m}
                """, """
                apiVersion: batch/v1
                kind: Deployment
                metadata: {name: d}
                spec: {selector: {matchLabels: {app: d}}, template: {metadata: {labels: {app: d}}, spec: {containers: [{name: a, image: i}]}}}
                """));
        assertEquals(List.of("api.yaml:1:13: apiVersion: a ConfigMap is apiVersion v1, not \"v2\"",
                "api.yaml:5:13: apiVersion: a Deployment is apiVersion apps/v1, not \"batch/v1\""), plan.problems());
    }

    @Test
    void aDocumentWithoutKindIsAProblem() {
        assertEquals(List.of("nokind.yaml:1:1: kind: a Kubernetes document needs a kind"),
                plan(file("nokind.yaml", "metadata: {name: x}\n")).problems());
    }

    @Test
    void aFileThatCannotBeReadIsAProblemInItsPlace() {
        Plan plan = plan(file("a.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: A}
                spec: {containers: [{name: a, image: i}]}
                """), KubeFile.unreadable("b.yaml", false, "b.yaml:2:1: invalid YAML: mapping values are not allowed here"),
                file("c.yaml", "metadata: {name: x}\n"));
        assertEquals(List.of("a.yaml:3:18: metadata.name: \"A\" is not a valid name: lower case letters, digits, '-' and '.',"
                        + " starting and ending with a letter or digit, at most 253",
                "b.yaml:2:1: invalid YAML: mapping values are not allowed here",
                "c.yaml:1:1: kind: a Kubernetes document needs a kind"), plan.problems());
    }

    @Test
    void downDoesNotNeedTheReferencedObjects() {
        Plan plan = planner.plan(List.of(file("pod.yaml", POD)), NodeFacts.UNKNOWN, true);
        assertEquals(List.of(), plan.problems());
        assertEquals(List.of("web"), plan.pods().stream().map(PodSpec::name).toList());
    }

    @Test
    void anInvalidServiceStopsThePlay() {
        Plan plan = plan(file("svc.yaml", """
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  ports: [{port: "80"}]
                """, POD));
        assertEquals(List.of("svc.yaml:5:18: spec.ports[0].port: must be an integer, not a string (\"80\")",
                "svc.yaml:15:49: spec.containers[0].env[0].valueFrom.configMapKeyRef: Pod web: ConfigMap \"app-config\" not found: put it"
                        + " in the played files or a --configmap file, or mark the reference optional: true"), plan.problems());
    }

    @Test
    void aServicesNodePortIsPublishedOnThePodsItSelects() {
        Plan plan = plan(file("shop.yaml", """
                apiVersion: v1
                kind: Service
                metadata: {name: shop}
                spec:
                  type: NodePort
                  selector: {app: shop}
                  ports: [{port: 8080, targetPort: http, nodePort: 30080}]
                """, """
                apiVersion: v1
                kind: Pod
                metadata: {name: shop, labels: {app: shop}}
                spec: {containers: [{name: app, image: i, ports: [{containerPort: 80, name: http}]}]}
                """));
        assertEquals(List.of(), plan.problems());
        assertEquals(List.of("shop"), plan.services().stream().map(ServiceObject::name).toList());
        assertEquals(List.of(new ContainerPort("http", 80, 30080, "TCP", null)), plan.pods().get(0).containers().get(0).ports());
    }

    @Test
    void theNodesFactsAreTheLimitsNotSetAndSayWhetherResourcesAreEnforced() {
        KubeFile f = file("res.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: res}
                spec:
                  containers:
                  - name: app
                    image: i
                    resources: {requests: {cpu: 100m}}
                    env:
                    - {name: CPUS, valueFrom: {resourceFieldRef: {resource: limits.cpu}}}
                    - {name: MEMORY, valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}}
                """);
        Plan plan = planner.plan(List.of(f), new NodeFacts(4000, 8L << 30, "rootless on a cgroup v1 host", "192.0.2.2"), false);
        assertEquals(List.of(), plan.problems());
        assertEquals(List.of("4", "8192"), plan.pods().get(0).containers().get(0).env().stream().map(EnvVar::value).toList());
        assertEquals(List.of("resources (limits and requests) are kept but not enforced: rootless on a cgroup v1 host"),
                plan.warnings());
        assertEquals(List.of(), planner.plan(List.of(f), NodeFacts.UNKNOWN, false).warnings(), "enforced: no warning");
    }
}
