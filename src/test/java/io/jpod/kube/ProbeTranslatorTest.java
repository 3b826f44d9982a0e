package io.jpod.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jpod.error.InvalidInputException;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.Lifecycle;
import io.jpod.pod.PodSpec;
import io.jpod.pod.Probe;
import io.jpod.pod.ProbeAction;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeTranslatorTest {
    private static final PodTranslator translator = new PodTranslator(KubeMapper.yaml());

    private static PodTranslator.Result translateYaml(String yaml) {
        List<KubeDocument> docs = new KubeReader().parse("pod.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        return translator.translate(docs.get(0));
    }

    /** A pod whose container app (with a port named http, 8080) has {@code containerLines} (indented by four). */
    private static PodTranslator.Result translate(String containerLines) {
        return translateYaml("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                spec:
                  containers:
                  - name: app
                    image: busybox
                    ports: [{name: http, containerPort: 8080}]
                %s""".formatted(containerLines));
    }

    private static ContainerSpec container(String containerLines) {
        PodTranslator.Result r = translate(containerLines);
        assertEquals(List.of(), r.warnings());
        return r.pod().containers().get(0);
    }

    private static String rejected(String containerLines) {
        return assertThrows(InvalidInputException.class, () -> translate(containerLines)).getMessage();
    }

    @Test
    void kubernetesDefaultsApply() {
        Probe p = container("    livenessProbe: {exec: {command: [true]}}\n").livenessProbe();
        assertEquals(Probe.of(ProbeAction.exec(List.of("true"))), p);
        assertEquals(10, p.periodSeconds());
        assertEquals(1, p.timeoutSeconds());
        assertEquals(1, p.successThreshold());
        assertEquals(3, p.failureThreshold());
        assertNull(p.terminationGracePeriodSeconds());
    }

    @Test
    void zeroMeansTheDefaultAsTheApiServerSetsIt() {
        Probe p = container("    readinessProbe: {exec: {command: [true]}, periodSeconds: 0, timeoutSeconds: 0, "
                + "successThreshold: 0, failureThreshold: 0}\n").readinessProbe();
        assertEquals(Probe.of(ProbeAction.exec(List.of("true"))), p);
    }

    @Test
    void aNamedPortIsKeptAsItsName() {
        Probe p = container("    readinessProbe: {httpGet: {port: http}}\n").readinessProbe();
        assertEquals(ProbeAction.PortRef.named("http"), p.action().httpGet().port());
        assertEquals("/", p.action().httpGet().path());
        assertEquals("HTTP", p.action().httpGet().scheme());
    }

    @Test
    void anUnknownNamedPortIsRefused() {
        assertEquals("pod.yaml:1:1: spec.containers[0].livenessProbe.httpGet.port: the container has no port named \"web\""
                + " (its ports: http)", rejected("    livenessProbe: {httpGet: {port: web}}\n"));
        assertEquals("pod.yaml:1:1: spec.containers[0].lifecycle.preStop.httpGet.port: the container has no port named \"web\""
                + " (its ports: http)", rejected("    lifecycle: {preStop: {httpGet: {port: web}}}\n"));
        assertEquals("pod.yaml:1:1: spec.containers[0].startupProbe.tcpSocket.port: \"Web_1\" is not a valid port name: "
                + KubeNames.PORT_NAME_RULE, rejected("    startupProbe: {tcpSocket: {port: Web_1}}\n"));
    }

    @Test
    void portNumbersAreChecked() {
        assertEquals("pod.yaml:1:1: spec.containers[0].livenessProbe.tcpSocket.port: must be a port number between 1 and 65535, not 0",
                rejected("    livenessProbe: {tcpSocket: {port: 0}}\n"));
        assertEquals("pod.yaml:1:1: spec.containers[0].livenessProbe.grpc.port: must be a port number between 1 and 65535, not 70000",
                rejected("    livenessProbe: {grpc: {port: 70000}}\n"));
    }

    @Test
    void exactlyOneHandler() {
        assertEquals("pod.yaml:1:1: spec.containers[0].livenessProbe: must have a handler: exec, httpGet, tcpSocket or grpc",
                rejected("    livenessProbe: {periodSeconds: 5}\n"));
        assertEquals("pod.yaml:1:1: spec.containers[0].readinessProbe: may have only one handler, not exec and tcpSocket",
                rejected("    readinessProbe: {exec: {command: [true]}, tcpSocket: {port: 80}}\n"));
        assertEquals("pod.yaml:1:1: spec.containers[0].lifecycle.postStart: may have only one handler, not exec and sleep",
                rejected("    lifecycle: {postStart: {exec: {command: [true]}, sleep: {seconds: 1}}}\n"));
        assertEquals("pod.yaml:1:1: spec.containers[0].lifecycle.preStop: must have a handler: exec, httpGet or sleep",
                rejected("    lifecycle: {preStop: {}, stopSignal: SIGINT}\n"));
    }

    @Test
    void anExecNeedsACommand() {
        assertEquals("pod.yaml:1:1: spec.containers[0].startupProbe.exec.command: an exec handler needs a command",
                rejected("    startupProbe: {exec: {command: []}}\n"));
    }

    @Test
    void numbersAreChecked() {
        assertEquals("pod.yaml:1:1: spec.containers[0].livenessProbe.initialDelaySeconds: must not be negative, not -1",
                rejected("    livenessProbe: {exec: {command: [true]}, initialDelaySeconds: -1}\n"));
        assertEquals("pod.yaml:1:1: spec.containers[0].readinessProbe.periodSeconds: must not be negative, not -5",
                rejected("    readinessProbe: {exec: {command: [true]}, periodSeconds: -5}\n"));
        assertEquals("pod.yaml:1:1: spec.containers[0].livenessProbe.successThreshold: must be 1 for a liveness or startup probe, not 2",
                rejected("    livenessProbe: {exec: {command: [true]}, successThreshold: 2}\n"));
        assertEquals("pod.yaml:1:1: spec.containers[0].startupProbe.successThreshold: must be 1 for a liveness or startup probe, not 3",
                rejected("    startupProbe: {exec: {command: [true]}, successThreshold: 3}\n"));
        assertEquals(2, container("    readinessProbe: {exec: {command: [true]}, successThreshold: 2}\n").readinessProbe().successThreshold());
        assertEquals("pod.yaml:1:1: spec.containers[0].livenessProbe.terminationGracePeriodSeconds: must be greater than 0, not 0",
                rejected("    livenessProbe: {exec: {command: [true]}, terminationGracePeriodSeconds: 0}\n"));
        assertEquals("pod.yaml:1:1: spec.containers[0].readinessProbe.terminationGracePeriodSeconds: must not be set for a readiness probe",
                rejected("    readinessProbe: {exec: {command: [true]}, terminationGracePeriodSeconds: 5}\n"));
    }

    @Test
    void theSchemeIsHttpOrHttps() {
        assertEquals("pod.yaml:1:1: spec.containers[0].livenessProbe.httpGet.scheme: unsupported scheme \"http\": must be one of HTTP, HTTPS",
                rejected("    livenessProbe: {httpGet: {port: 80, scheme: http}}\n"));
        assertEquals("HTTPS", container("    livenessProbe: {httpGet: {port: 80, scheme: HTTPS}}\n").livenessProbe().action().httpGet().scheme());
    }

    @Test
    void headerNamesAreChecked() {
        assertEquals("pod.yaml:1:1: spec.containers[0].livenessProbe.httpGet.httpHeaders[0].name: \"X Probe\" is not a valid HTTP header"
                + " name: letters, digits and '-'", rejected("    livenessProbe: {httpGet: {port: 80, httpHeaders: [{name: X Probe, value: v}]}}\n"));
    }

    @Test
    void aTcpSocketHookIsRefused() {
        assertEquals("pod.yaml:1:1: spec.containers[0].lifecycle.postStart.tcpSocket: a tcpSocket lifecycle hook is deprecated in"
                + " Kubernetes and never run; use exec, httpGet or sleep", rejected("    lifecycle: {postStart: {tcpSocket: {port: 80}}}\n"));
    }

    @Test
    void aSleepHookIsWithinTheGracePeriod() {
        assertEquals(new Lifecycle(null, ProbeAction.sleep(30)), container("    lifecycle: {preStop: {sleep: {seconds: 30}}}\n").lifecycle());
        assertEquals("pod.yaml:1:1: spec.containers[0].lifecycle.preStop.sleep.seconds: must be between 0 and the pod's"
                + " terminationGracePeriodSeconds (30), not 31", rejected("    lifecycle: {preStop: {sleep: {seconds: 31}}}\n"));
        assertEquals("pod.yaml:1:1: spec.containers[0].lifecycle.preStop.sleep.seconds: must be between 0 and the pod's"
                + " terminationGracePeriodSeconds (30), not -1", rejected("    lifecycle: {preStop: {sleep: {seconds: -1}}}\n"));
    }

    @Test
    void aStopSignalAloneIsNoHook() {
        ContainerSpec c = container("    lifecycle: {stopSignal: SIGINT}\n");
        assertEquals(Lifecycle.NONE, c.lifecycle());
        assertEquals("SIGINT", c.stopSignal());
    }

    private static final String INITS = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
            spec:
              initContainers:
              - name: init
                image: busybox
            %s
              containers:
              - name: app
                image: busybox
            """;

    @Test
    void aPlainInitContainerHasNoProbesNorHooks() {
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            String yaml = INITS.formatted("    " + probe + ": {exec: {command: [true]}}");
            assertEquals("pod.yaml:1:1: spec.initContainers[0]." + probe + ": may not be set for an init container without "
                    + "restartPolicy: Always (only a sidecar has probes)",
                    assertThrows(InvalidInputException.class, () -> translateYaml(yaml)).getMessage());
        }
        String hook = INITS.formatted("    lifecycle: {preStop: {exec: {command: [true]}}}");
        assertEquals("pod.yaml:1:1: spec.initContainers[0].lifecycle.preStop: may not be set for an init container without "
                + "restartPolicy: Always (only a sidecar has lifecycle hooks)",
                assertThrows(InvalidInputException.class, () -> translateYaml(hook)).getMessage());
    }

    @Test
    void aSidecarHasProbesAndHooksWithoutWarnings() {
        PodTranslator.Result r = translateYaml(INITS.formatted(String.join("\n",
                "    restartPolicy: Always",
                "    livenessProbe: {exec: {command: [true]}}",
                "    readinessProbe: {exec: {command: [true]}}",
                "    startupProbe: {exec: {command: [true]}}",
                "    lifecycle: {postStart: {sleep: {seconds: 1}}, preStop: {exec: {command: [true]}}}")));
        assertEquals(List.of(), r.warnings());
        PodSpec p = r.pod();
        ContainerSpec init = p.initContainers().get(0);
        assertEquals(Probe.of(ProbeAction.exec(List.of("true"))), init.startupProbe());
        assertEquals(new Lifecycle(ProbeAction.sleep(1), ProbeAction.exec(List.of("true"))), init.lifecycle());
    }

    /** The translator's own field check; in a play the validator refuses such a field first (an unknown one). */
    @Test
    void aFieldOfAProbeTheTranslatorDoesNotReadIsWarnedAbout() {
        PodTranslator.Result r = translate("    livenessProbe: {grpc: {port: 9000, mode: x}}\n");
        assertEquals(List.of("pod.yaml:1:1: Pod p: field spec.containers[0].livenessProbe.grpc.mode is not supported yet and is ignored"),
                r.warnings());
    }
}
