package io.jpod.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.InvalidInputException;
import io.jpod.pod.EnvVar;
import io.jpod.pod.PodSpec;
import io.jpod.pod.RestartPolicy;
import io.jpod.pod.Workload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadTranslatorTest {
    private static final WorkloadTranslator translator = new WorkloadTranslator(new PodTranslator(KubeMapper.yaml()));

    private static WorkloadTranslator.Result translate(String yaml) {
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
    void aDeploymentKeepsItsReplicasStrategyAndTemplate() {
        WorkloadTranslator.Result r = translate(DEPLOYMENT.formatted("3"));
        Workload w = r.workload();
        assertEquals(Workload.Kind.DEPLOYMENT, w.kind());
        assertEquals("web", w.name());
        assertEquals("default", w.namespace());
        assertEquals(Map.of("owner", "deployment"), w.labels());
        assertEquals(3, w.replicas());
        assertEquals(Workload.Strategy.DEPLOYMENT_DEFAULT, w.strategy(), "RollingUpdate, 25% and 25%");
        PodSpec p = w.template();
        assertEquals("web", p.name(), "the template's pod is named after the workload; each replica is renamed");
        assertEquals(Map.of("app", "web", "tier", "front"), p.labels(), "the template's labels, not the Deployment's");
        assertEquals(Map.of("example.com/a", "b"), p.annotations());
        assertEquals(RestartPolicy.ALWAYS, p.restartPolicy());
        assertEquals(3, p.stopTimeoutSeconds());
        assertEquals(List.of("app", "side"), p.containers().stream().map(c -> c.name()).toList());
        assertEquals(List.of("httpd", "-f"), p.containers().get(0).command());
        assertEquals(List.of(EnvVar.ofField("POD", "web", "metadata.name")), p.containers().get(0).env(),
                "a fieldRef keeps its path, to be read again for each replica's name");
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void theTemplateHashFollowsTheTemplateOnly() {
        String h1 = translate(DEPLOYMENT.formatted("1")).workload().templateHash();
        assertEquals(h1, translate(DEPLOYMENT.formatted("5")).workload().templateHash(), "replicas are not the template");
        assertNotEquals(h1, translate(DEPLOYMENT.formatted("1").replace("httpd, -f", "httpd, -v")).workload().templateHash());
        assertTrue(h1.matches("[bcdfghjklmnpqrstvwxz2456789]{1,10}"), h1);
    }

    @Test
    void strategiesAreReadAndCheckedAsTheApiServerDoes() {
        String rolling = DEPLOYMENT.formatted("4").replace("strategy: {type: RollingUpdate}",
                "strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 2, maxUnavailable: \"50%\"}}");
        assertEquals(new Workload.Strategy(Workload.Strategy.Type.ROLLING_UPDATE, Workload.IntOrPercent.of(2), Workload.IntOrPercent.percent(50)),
                translate(rolling).workload().strategy());
        String recreate = DEPLOYMENT.formatted("2").replace("strategy: {type: RollingUpdate}", "strategy: {type: Recreate}\n  minReadySeconds: 4");
        assertEquals(Workload.Strategy.Type.RECREATE, translate(recreate).workload().strategy().type());
        assertEquals(4, translate(recreate).workload().minReadySeconds());
        assertEquals("c.yaml:1:1: spec.strategy.rollingUpdate.maxUnavailable: may not be 0 when maxSurge is 0 (the update could never start)",
                rejected(DEPLOYMENT.formatted("2").replace("strategy: {type: RollingUpdate}",
                        "strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}")));
        assertEquals("c.yaml:1:1: spec.strategy.rollingUpdate: may not be given when the type is Recreate",
                rejected(DEPLOYMENT.formatted("2").replace("strategy: {type: RollingUpdate}",
                        "strategy: {type: Recreate, rollingUpdate: {maxSurge: 1}}")));
        assertEquals("c.yaml:1:1: spec.strategy.rollingUpdate.maxSurge: \"lots\" is neither a number (0 or more) nor a percentage (\"25%\")",
                rejected(DEPLOYMENT.formatted("2").replace("strategy: {type: RollingUpdate}",
                        "strategy: {rollingUpdate: {maxSurge: lots}}")));
    }

    @Test
    void noReplicasIsAWarning() {
        WorkloadTranslator.Result r = translate(DEPLOYMENT.formatted("0"));
        assertEquals(0, r.workload().replicas());
        assertEquals(List.of("c.yaml:1:1: Deployment web: replicas is 0: no pod runs until it is scaled up"), r.warnings());
        assertEquals("c.yaml:1:1: spec.replicas: must be a whole number, 0 or more, not -1", rejected(DEPLOYMENT.formatted("-1")));
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
        WorkloadTranslator.Result r = translate(DEPLOYMENT.formatted("1").replace("terminationGracePeriodSeconds: 3",
                "terminationGracePeriodSeconds: 3\n      nodeSelector: {disk: ssd}"));
        assertEquals(List.of("c.yaml:1:1: Deployment web: field spec.template.spec.nodeSelector is not supported yet and is ignored"),
                r.warnings());
    }

    @Test
    void aDaemonSetIsOnePodOnThisNode() {
        WorkloadTranslator.Result r = translate("""
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
        assertEquals(1, r.workload().replicas());
        assertEquals(Workload.Strategy.DAEMONSET_DEFAULT, r.workload().strategy());
        assertEquals(RestartPolicy.ALWAYS, r.workload().template().restartPolicy());
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
    void aJobKeepsItsFieldsAndItsTemplatesRestartPolicy() {
        WorkloadTranslator.Result never = translate(JOB.formatted("restartPolicy: Never"));
        assertEquals(RestartPolicy.NEVER, never.workload().template().restartPolicy());
        assertEquals(new Workload.JobSpec(null, 1, 2, null, null, false), never.workload().job(), "backoffLimit 2, the rest defaults");
        assertEquals(List.of(), never.warnings());
        assertEquals(RestartPolicy.ON_FAILURE, translate(JOB.formatted("restartPolicy: OnFailure")).workload().template().restartPolicy());
        String all = JOB.formatted("restartPolicy: Never").replace("backoffLimit: 2", """
                backoffLimit: 1
                  completions: 3
                  parallelism: 2
                  completionMode: Indexed
                  activeDeadlineSeconds: 30
                  ttlSecondsAfterFinished: 0""");
        assertEquals(new Workload.JobSpec(3, 2, 1, 30L, 0L, true), translate(all).workload().job());
        assertEquals("c.yaml:1:1: spec.completions: an Indexed Job needs completions (each index 0..completions-1 runs once)",
                rejected(JOB.formatted("restartPolicy: Never").replace("backoffLimit: 2", "completionMode: Indexed")));
        assertEquals("c.yaml:1:1: spec.activeDeadlineSeconds: must be greater than 0",
                rejected(JOB.formatted("restartPolicy: Never").replace("backoffLimit: 2", "activeDeadlineSeconds: 0")));
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
