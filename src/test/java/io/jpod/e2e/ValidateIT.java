package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Validation before acting: every problem of every document, each as "file:line:col: field: message"
 * at the offending node, exit 125, and nothing created, for kube validate, kube play and --dry-run.
 */
class ValidateIT extends PlayingIT {

    @Override
    protected boolean leftNothingChecksProcesses() {
        return true;
    }

    private static final String BAD = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            data: {mode: fast}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: Bad_Pod
            spec:
              restartPolicy: Sometimes
              containers:
              - name: app
                image: localhost/busybox:latest
                ports:
                - containerPort: "8080"
                  name: Web_Port
              - name: app
              - image: localhost/busybox:latest
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              ports: [{port: 80, protocol: tcp}]
            """;

    private static List<String> expected(Path f) {
        return List.of(
                f + ":9:9: metadata.name: \"Bad_Pod\" is not a valid name: lower case letters, digits, '-' and '.', starting and"
                        + " ending with a letter or digit, at most 253",
                f + ":11:18: spec.restartPolicy: \"Sometimes\" is not supported: must be one of Always, OnFailure, Never",
                f + ":16:22: spec.containers[0].ports[0].containerPort: must be an integer, not a string (\"8080\")",
                f + ":17:13: spec.containers[0].ports[0].name: \"Web_Port\" is not a valid port name: at most 15 lower case letters,"
                        + " digits and '-', with at least one letter, not starting or ending with '-' and without \"--\"",
                f + ":18:5: spec.containers[1].image: required field is missing",
                f + ":18:11: spec.containers[1].name: duplicate container name \"app\" (also spec.containers[0].name)",
                f + ":19:5: spec.containers[2].name: required field is missing",
                f + ":25:32: spec.ports[0].protocol: \"tcp\" is not supported: must be one of TCP, UDP, SCTP");
    }

    private static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        for (String l : s.split("\n")) {
            if (!l.isBlank()) {
                out.add(l);
            }
        }
        return out;
    }

    private void assertNothingCreated(Result r) {
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r::describe);
        assertEquals(0, h.psAll().size(), () -> "nothing is created\n" + r.describe());
        assertEquals(0, h.podPs().size(), () -> "no pod is created\n" + r.describe());
    }

    @Test
    void validateListsEveryProblemAtItsNode() {
        Path f = h.writeYaml("invalid.yaml", BAD);
        Result r = h.jpod("kube", "validate", f.toString());
        assertEquals(125, r.code(), r::describe);
        assertEquals(expected(f), lines(r.err()), r::describe);
        assertNothingCreated(r);
    }

    @Test
    void playAndDryRunReportTheSameAndCreateNothing() {
        Path f = h.writeYaml("invalid-play.yaml", BAD);
        List<String> want = new ArrayList<>(expected(f));
        want.set(0, "Error: " + want.get(0));
        for (List<String> args : List.of(List.of("kube", "play", f.toString()), List.of("kube", "play", "--dry-run", f.toString()))) {
            Result r = h.jpod(args.toArray(String[]::new));
            assertEquals(125, r.code(), r::describe);
            assertEquals(want, lines(r.err()), r::describe);
            assertEquals("", r.out(), r::describe);
            assertNothingCreated(r);
        }
    }

    @Test
    void aValidServicePlaysWithoutWarningAndDownRemovesIt() {
        Path f = h.writeYaml("service.yaml", """
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  selector: {app: web}
                  ports: [{name: http, port: 80, targetPort: http}]
                """);
        assertEquals(List.of(), lines(h.jpodOk("kube", "validate", f.toString()).err()));
        Result play = h.jpodOk("kube", "play", f.toString());
        assertFalse(play.err().contains("Service"), () -> "no warning about the Service kind\n" + play.describe());
        h.jpodOk("kube", "down", f.toString());
    }
}
