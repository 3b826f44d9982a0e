package io.jpod.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jpod.error.InvalidInputException;
import io.jpod.pod.EnvVar;
import io.jpod.pod.PodSpec;
import io.jpod.pod.RestartPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadTranslatorTest {
    private static final WorkloadTranslator translator = new WorkloadTranslator(new PodTranslator(KubeMapper.yaml()));

    private static PodTranslator.Result translate(String yaml) {
        return translator.translate(ConfigDataTest.doc(yaml), EnvSources.NONE);
    }

    private static String rejected(String yaml) {
        return assertThrows(InvalidInputException.class, () -> translate(yaml)).getMessage();
    }

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {owner: deployment}
            spec:
              replicas: %s
              selector:
                matchLabels: {app: web}
              strategy: {type: RollingUpdate}
              template:
                metadata:
                  labels: {app: web, tier: front}
                  annotations: {example.com/a: b}
                spec:
                  terminationGracePeriodSeconds: 3
                  containers:
                  - name: app
                    image: busybox
                    command: [httpd, -f]
                    env:
                    - {name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
                  - name: side
                    image: busybox
            """;

    @Test
    void aDeploymentIsOnePodFromItsTemplateNamedAsPodmanDoes() {
        PodTranslator.Result r = translate(DEPLOYMENT.formatted("1"));
        PodSpec p = r.pod();
        assertEquals("web-pod", p.name());
        assertEquals(Map.of("app", "web", "tier", "front"), p.labels(), "the template's labels, not the Deployment's");
        assertEquals(Map.of("example.com/a", "b"), p.annotations());
        assertEquals("web-pod", p.hostname());
        assertEquals(RestartPolicy.ALWAYS, p.restartPolicy());
        assertEquals(3, p.stopTimeoutSeconds());
        assertEquals(List.of("app", "side"), p.containers().stream().map(c -> c.name()).toList());
        assertEquals("web-pod-app", p.containerName(p.containers().get(0)));
        assertEquals(List.of("httpd", "-f"), p.containers().get(0).command());
        assertEquals(List.of(new EnvVar("POD", "web-pod")), p.containers().get(0).env());
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void moreReplicasRunOnePodWithAWarning() {
        PodTranslator.Result r = translate(DEPLOYMENT.formatted("3"));
        assertEquals("web-pod", r.pod().name());
        assertEquals(List.of("c.yaml:1:1: Deployment web: replicas is 3: one pod runs locally (web-pod)"), r.warnings());
    }

    @Test
    void noReplicasIsNoPod() {
        PodTranslator.Result r = translate(DEPLOYMENT.formatted("0"));
        assertNull(r.pod());
        assertEquals(List.of("c.yaml:1:1: Deployment web: replicas is 0: no pod is created"), r.warnings());
        assertEquals("c.yaml:1:1: spec.replicas: must be a number, 0 or more", rejected(DEPLOYMENT.formatted("-1")));
    }

    @Test
    void aSelectorThatDoesNotSelectTheTemplateIsRefused() {
        assertEquals("c.yaml:1:1: spec.selector.matchLabels.app: does not match spec.template.metadata.labels"
                + " (the selector must select the template's pods)", rejected(DEPLOYMENT.formatted("1").replace("{app: web}", "{app: api}")));
    }

    @Test
    void templateErrorsAndWarningsNameTheirPathInTheDocument() {
        assertEquals("c.yaml:1:1: spec.template.spec.containers[1].image: container side has no image",
                rejected(DEPLOYMENT.formatted("1").replace("- name: side\n        image: busybox\n", "- name: side\n")));
        PodTranslator.Result r = translate(DEPLOYMENT.formatted("1").replace("terminationGracePeriodSeconds: 3",
                "terminationGracePeriodSeconds: 3\n      nodeSelector: {disk: ssd}"));
        assertEquals(List.of("c.yaml:1:1: Deployment web: field spec.template.spec.nodeSelector is not supported yet and is ignored"),
                r.warnings());
    }

    @Test
    void aDaemonSetIsOnePod() {
        PodTranslator.Result r = translate("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec:
                      restartPolicy: Always
                      containers:
                      - {name: collect, image: busybox}
                """);
        assertEquals("agent-pod", r.pod().name());
        assertEquals(RestartPolicy.ALWAYS, r.pod().restartPolicy());
        assertEquals(List.of(), r.warnings());
        assertEquals("c.yaml:1:1: spec.template.spec.restartPolicy: DaemonSet agent: a DaemonSet's pod restarts Always, not Never",
                rejected("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - {name: collect, image: busybox}
                """));
    }

    private static final String JOB = """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: migrate}
            spec:
              backoffLimit: 2
              template:
                spec:
                  %s
                  containers:
                  - {name: run, image: busybox, command: [sh, -c, "echo done"]}
            """;

    @Test
    void aJobKeepsItsTemplatesRestartPolicy() {
        PodTranslator.Result never = translate(JOB.formatted("restartPolicy: Never"));
        assertEquals("migrate-pod", never.pod().name());
        assertEquals(RestartPolicy.NEVER, never.pod().restartPolicy());
        assertEquals(List.of("c.yaml:1:1: Job migrate: field spec.backoffLimit is not supported yet and is ignored"), never.warnings());
        assertEquals(RestartPolicy.ON_FAILURE, translate(JOB.formatted("restartPolicy: OnFailure")).pod().restartPolicy());
    }

    @Test
    void aJobNeedsNeverOrOnFailure() {
        assertEquals("c.yaml:1:1: spec.template.spec.restartPolicy: Job migrate: a Job's pod needs restartPolicy Never or OnFailure",
                rejected(JOB.formatted("hostname: m")));
        assertEquals("c.yaml:1:1: spec.template.spec.restartPolicy: Job migrate: a Job's pod needs restartPolicy Never or OnFailure,"
                + " not Always", rejected(JOB.formatted("restartPolicy: Always")));
    }

    @Test
    void aWorkloadNeedsANameAndATemplate() {
        assertEquals("c.yaml:1:1: metadata.name: a Deployment needs a name", rejected("""
                apiVersion: apps/v1
                kind: Deployment
                spec: {}
                """));
        assertEquals("c.yaml:1:1: spec.template.spec: Deployment web has no pod template", rejected("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec: {replicas: 1}
                """));
    }
}
