package io.jpod.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FieldCheckTest {
    private static JsonNode yaml(String s) {
        return KubeMapper.yaml().readTree(s);
    }

    @Test
    void everythingSupportedGivesNothing() {
        FieldCheck check = new FieldCheck(Set.of("a", "a.b", "c"));
        assertEquals(List.of(), check.unsupported(yaml("a:\n  b: 1\nc: x\n")));
    }

    @Test
    void unknownFieldsAreReportedInDocumentOrder() {
        FieldCheck check = new FieldCheck(Set.of("a", "a.b"));
        assertEquals(List.of("z", "a.y", "m"), check.unsupported(yaml("z: 1\na:\n  b: 1\n  y: 2\nm: 3\n")));
    }

    @Test
    void anUnsupportedFieldIsReportedOnceNotItsChildren() {
        FieldCheck check = new FieldCheck(Set.of("a"));
        assertEquals(List.of("b"), check.unsupported(yaml("a: 1\nb:\n  c: 1\n  d: [1, 2]\n")));
    }

    @Test
    void starAcceptsAnythingBelow() {
        FieldCheck check = new FieldCheck(Set.of("labels.*", "spec", "spec.list.*"));
        assertEquals(List.of(), check.unsupported(yaml("labels: {x: 1, y: {deep: 2}}\nspec:\n  list: [{a: 1}, {b: 2}]\n")));
    }

    @Test
    void listsAreWalkedWithIndexesInThePath() {
        FieldCheck check = new FieldCheck(Set.of("items", "items[]", "items[].name", "items[].sub", "items[].sub[]",
                "items[].sub[].ok"));
        JsonNode n = yaml("""
                items:
                - name: a
                - name: b
                  extra: 1
                  sub:
                  - ok: 1
                  - ok: 2
                    bad: 3
                """);
        assertEquals(List.of("items[1].extra", "items[1].sub[1].bad"), check.unsupported(n));
    }

    @Test
    void scalarsInsideListsAreFine() {
        FieldCheck check = new FieldCheck(Set.of("args"));
        assertEquals(List.of(), check.unsupported(yaml("args: [a, b, c]\n")));
    }

    @Test
    void aFieldSupportedOnlyAtOneDepthIsReportedElsewhere() {
        FieldCheck check = new FieldCheck(Set.of("metadata", "metadata.name", "spec"));
        assertEquals(List.of("spec.name"), check.unsupported(yaml("metadata: {name: a}\nspec: {name: b}\n")));
    }

    @Test
    void emptyDocumentHasNothingUnsupported() {
        assertEquals(List.of(), new FieldCheck(Set.of()).unsupported(yaml("{}")));
    }

    @Test
    void podFieldsOfTheTranslator() {
        JsonNode pod = yaml("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  labels: {a: b}
                spec:
                  nodeSelector: {x: y}
                  containers:
                  - name: a
                    image: i
                    command: [sh]
                    env:
                    - name: A
                      valueFrom: {secretKeyRef: {name: s, key: k}}
                    - name: B
                      valueFrom: {fileKeyRef: {path: p, key: k, volumeName: v}}
                    securityContext: {privileged: true, windowsOptions: {hostProcess: false}}
                """);
        assertEquals(List.of("spec.nodeSelector", "spec.containers[0].env[1].valueFrom.fileKeyRef",
                "spec.containers[0].securityContext.windowsOptions"),
                PodTranslator.FIELDS.unsupported(pod));
    }

    @Test
    void fieldsSetToNothingAreNotReported() {
        FieldCheck check = new FieldCheck(Set.of("a"));
        assertEquals(List.of("t", "n", "o"), check.unsupported(yaml(
                "a: 1\nresources: {}\nlist: []\nenableServiceLinks: false\nnone: null\nt: true\nn: 0\no: {x: 1}\n")));
    }

    @Test
    void probesAndHooksAreSupportedInContainersAndInitContainers() {
        String probes = """
                    livenessProbe:
                      httpGet: {scheme: HTTPS, host: h, path: /p, port: http, httpHeaders: [{name: X, value: y}]}
                      initialDelaySeconds: 1
                      periodSeconds: 2
                      timeoutSeconds: 3
                      successThreshold: 1
                      failureThreshold: 4
                      terminationGracePeriodSeconds: 5
                    readinessProbe: {tcpSocket: {host: h, port: 80}}
                    startupProbe: {grpc: {port: 9090, service: s}, failureThreshold: 30}
                    lifecycle:
                      stopSignal: SIGINT
                      postStart: {exec: {command: [true]}}
                      preStop: {sleep: {seconds: 1}}
                """;
        JsonNode pod = yaml("""
                kind: Pod
                spec:
                  initContainers:
                  - name: i
                    image: x
                    restartPolicy: Always
                %s  containers:
                  - name: a
                    image: x
                %s  - name: b
                    image: x
                    readinessProbe: {grpc: {port: 1, mode: x}}
                    lifecycle: {preStop: {httpGet: {port: 80}}}
                """.formatted(probes, probes));
        assertEquals(List.of("spec.containers[1].readinessProbe.grpc.mode"), PodTranslator.FIELDS.unsupported(pod));
    }
}
