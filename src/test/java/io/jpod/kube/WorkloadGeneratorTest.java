package io.jpod.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodSpec;
import io.jpod.pod.Workload;
import io.jpod.workload.ReplicaSpecs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A played Deployment, DaemonSet or Job written back as its own kind: the YAML plays the same workload again. */
class WorkloadGeneratorTest {
    private static final PodGenerator generator = new PodGenerator(KubeMapper.yaml());
    private static final WorkloadTranslator translator = new WorkloadTranslator(new PodTranslator(KubeMapper.yaml()));
    private static final PodGenerator.Options POD = PodGenerator.Options.of("pod", false, null);

    private static Workload translate(String yaml) {
        WorkloadTranslator.Result r = translator.translate(ConfigDataTest.doc(yaml), EnvSources.NONE);
        assertEquals(List.of(), r.warnings(), yaml);
        return r.workload();
    }

    /** {@code w} written alone as YAML (no warnings). */
    private static String yaml(Workload w) {
        PodGenerator.Result r = generator.generate(List.of(), List.of(w), List.of(), POD);
        assertEquals(List.of(), r.warnings());
        assertEquals(1, r.objects().size());
        return generator.yaml(r.objects(), List.of("test"));
    }

    /** The YAML of the workload {@code yaml} plays, after asserting that it plays the same workload again. */
    private static String roundTrip(String yaml) {
        Workload played = translate(yaml);
        String generated = yaml(played);
        List<KubeDocument> docs = new KubeReader().parse("generated.yaml",
                new ByteArrayInputStream(generated.getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, docs.size(), generated);
        assertEquals(List.of(), new DocumentValidator().problems(docs.get(0)), generated);
        WorkloadTranslator.Result again = translator.translate(docs.get(0), EnvSources.NONE);
        assertEquals(List.of(), again.warnings(), generated);
        // the template is written in Kubernetes' order, with restartPolicy: its hash is the hash of what was generated
        assertEquals(played, withHash(again.workload(), played.templateHash()), generated);
        assertEquals(generated, yaml(again.workload()), "generating what was generated gives the same YAML");
        for (String added : List.of(ReplicaSpecs.TEMPLATE_HASH_LABEL, "controller-revision-hash", ReplicaSpecs.OWNER,
                ReplicaSpecs.JOB_NAME_LABEL, "job-name", ReplicaSpecs.COMPLETION_INDEX_ENV)) {
            assertFalse(generated.contains(added), () -> "the template has none of what the controller adds to its pods ("
                    + added + "):\n" + generated);
        }
        return generated;
    }

    private static Workload withHash(Workload w, String hash) {
        return new Workload(w.kind(), w.name(), w.namespace(), w.labels(), w.annotations(), w.template(), hash, w.replicas(),
                w.strategy(), w.minReadySeconds(), w.job());
    }

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
              labels: {owner: team}
              annotations: {example.com/note: kept}
            spec:
              replicas: 3
              selector:
                matchLabels: {app: web}
              %s
              template:
                metadata:
                  labels: {app: web, tier: front}
                  annotations: {example.com/a: b}
                spec:
                  containers:
                  - name: app
                    image: busybox
                    command: [httpd, -f]
                    env:
                    - {name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
                    ports:
                    - {containerPort: 8080}
            """;

    @Test
    void aDeploymentKeepsItsReplicasRollingUpdateAndTemplate() {
        String yaml = roundTrip(DEPLOYMENT.formatted("""
                strategy:
                    type: RollingUpdate
                    rollingUpdate: {maxSurge: 1, maxUnavailable: 25%}
                  minReadySeconds: 5"""));
        for (String field : List.of("kind: Deployment", "apiVersion: apps/v1", "name: web", "namespace: shop", "owner: team",
                "example.com/note: kept", "replicas: 3", "type: RollingUpdate", "maxSurge: 1", "minReadySeconds: 5", "tier: front",
                "restartPolicy: Always", "fieldPath: metadata.name")) {
            assertTrue(yaml.contains(field), () -> field + " in\n" + yaml);
        }
        assertTrue(yaml.contains("maxUnavailable: \"25%\"") || yaml.contains("maxUnavailable: 25%"), yaml);
        assertFalse(yaml.contains("value: web"), "the variable is a fieldRef again, not the template's value:\n" + yaml);
    }

    @Test
    void aPercentageIsWrittenAsAStringAndANumberAsANumber() {
        String yaml = yaml(translate(DEPLOYMENT.formatted("strategy: {rollingUpdate: {maxSurge: 30%, maxUnavailable: 0}}")));
        assertTrue(yaml.contains("maxSurge: 30%") || yaml.contains("maxSurge: \"30%\""), yaml);
        assertTrue(yaml.contains("maxUnavailable: 0\n"), yaml);
    }

    @Test
    void aDeploymentsDefaultsAreWrittenAndReadBackAlike() {
        String yaml = roundTrip(DEPLOYMENT.formatted("").replace("replicas: 3", "replicas: 1"));
        assertTrue(yaml.contains("replicas: 1"), yaml);
        assertTrue(yaml.contains("maxSurge: 25%") || yaml.contains("maxSurge: \"25%\""), "the default strategy is written:\n" + yaml);
        assertFalse(yaml.contains("minReadySeconds"), "0 is left out:\n" + yaml);
    }

    @Test
    void aRecreateDeploymentHasNoRollingUpdate() {
        String yaml = roundTrip(DEPLOYMENT.formatted("strategy: {type: Recreate}"));
        assertTrue(yaml.contains("type: Recreate"), yaml);
        assertFalse(yaml.contains("rollingUpdate"), yaml);
    }

    private static final String DAEMONSET = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent}
            spec:
              selector: {matchLabels: {app: agent}}
              %s
              template:
                metadata: {labels: {app: agent}}
                spec:
                  containers:
                  - {name: collect, image: busybox}
            """;

    @Test
    void aDaemonSetKeepsItsUpdateStrategy() {
        String onDelete = roundTrip(DAEMONSET.formatted("updateStrategy: {type: OnDelete}"));
        assertTrue(onDelete.contains("kind: DaemonSet") && onDelete.contains("type: OnDelete"), onDelete);
        assertFalse(onDelete.contains("rollingUpdate") || onDelete.contains("replicas"), onDelete);
        String rolling = roundTrip(DAEMONSET.formatted(
                "updateStrategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}\n  minReadySeconds: 2"));
        assertTrue(rolling.contains("type: RollingUpdate") && rolling.contains("maxSurge: 1") && rolling.contains("minReadySeconds: 2"),
                rolling);
        roundTrip(DAEMONSET.formatted(""));
    }

    private static final String JOB = """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: migrate, labels: {team: db}}
            spec:
              %s
              template:
                spec:
                  restartPolicy: %s
                  containers:
                  - {name: run, image: busybox, command: [sh, -c, "echo done"]}
            """;

    @Test
    void aJobKeepsItsFieldsAndRestartPolicy() {
        String yaml = roundTrip(JOB.formatted("""
                completions: 3
                  parallelism: 2
                  backoffLimit: 1
                  activeDeadlineSeconds: 60
                  ttlSecondsAfterFinished: 0
                  completionMode: Indexed""", "OnFailure"));
        for (String field : List.of("apiVersion: batch/v1", "kind: Job", "completions: 3", "parallelism: 2", "backoffLimit: 1",
                "activeDeadlineSeconds: 60", "ttlSecondsAfterFinished: 0", "completionMode: Indexed", "restartPolicy: OnFailure")) {
            assertTrue(yaml.contains(field), () -> field + " in\n" + yaml);
        }
        assertFalse(yaml.contains("selector"), "Kubernetes makes a Job's selector:\n" + yaml);
    }

    @Test
    void aJobWithoutCompletionsIsAWorkQueueAgain() {
        String yaml = roundTrip(JOB.formatted("backoffLimit: 6", "Never"));
        assertFalse(yaml.contains("completions") || yaml.contains("completionMode") || yaml.contains("activeDeadlineSeconds")
                || yaml.contains("ttlSecondsAfterFinished"), "what is not set is not written:\n" + yaml);
        assertTrue(yaml.contains("parallelism: 1") && yaml.contains("backoffLimit: 6") && yaml.contains("restartPolicy: Never"), yaml);
    }

    @Test
    void servicesThenWorkloadsThenPodsAndTypeAndReplicasApplyToPodsOnly() {
        Workload web = translate(DEPLOYMENT.formatted(""));
        PodSpec other = PodSpec.builder("other").containers(ContainerSpec.builder("app", "busybox").build()).build();
        PodGenerator.Result r = generator.generate(List.of(other), List.of(web), List.of(),
                PodGenerator.Options.of("deployment", true, 2));
        assertEquals(List.of("Service/web", "Deployment/web", "Deployment/other"),
                r.objects().stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList());
        Service s = (Service) r.objects().get(0);
        assertEquals(Map.of("app", "web", "tier", "front"), s.getSpec().getSelector(), "the Service selects the template's pods");
        assertEquals(8080, s.getSpec().getPorts().get(0).getPort());
        assertEquals(List.of("--type/--replicas apply to pods; Deployment web is written as played",
                "pod other has no ports: a Service needs at least one, so none is generated for it"), r.warnings());
        Deployment d = (Deployment) r.objects().get(1);
        assertEquals(Map.of("owner", "team"), d.getMetadata().getLabels(), "the Deployment's own labels, not its template's");
        assertEquals(3, d.getSpec().getReplicas(), "as played");
        assertEquals(2, ((Deployment) r.objects().get(2)).getSpec().getReplicas(), "--replicas");
    }

    @Test
    void aJobWithoutLabelsIsLabelledOnlyForItsService() {
        Workload job = translate(JOB.formatted("backoffLimit: 6", "Never").replace("- {name: run,",
                "- {ports: [{containerPort: 80}], name: run,"));
        String alone = yaml(job);
        assertFalse(alone.contains("app: migrate") || alone.contains("metadata: {}"),
                () -> "Kubernetes labels a Job's pods itself:\n" + alone);
        PodGenerator.Result r = generator.generate(List.of(), List.of(job), List.of(), PodGenerator.Options.of("pod", true, null));
        assertEquals(List.of(), r.warnings());
        assertEquals(Map.of("app", "migrate"), ((Service) r.objects().get(0)).getSpec().getSelector());
        assertEquals(Map.of("app", "migrate"), ((Job) r.objects().get(1)).getSpec().getTemplate().getMetadata().getLabels());
    }
}
