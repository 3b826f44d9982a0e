package io.jpod.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jpod system warm-up [--kube]} (hidden): runs the everyday command lines (ps, pod ps,
 * inspect, logs, stop, rm, cleanup...; with --kube, kube validate, play --dry-run, down and
 * generate) once, so that bin/jpod can record an AOT cache of what they load.
 * The launcher runs it against throw-away directories (JPOD_ROOT, JPOD_RUNROOT); it creates no pods.
 * The YAML model is left out of the base cache on purpose: only kube commands load it.
 */
@Command(name = "warm-up", hidden = true, description = "Load jpod's common code paths (used to build the start-up cache).")
public final class SystemWarmUpCommand extends EngineCommand {
    private static final String SAMPLE = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: warm-up
              labels: {app: warm-up}
              annotations: {note: warm-up}
            spec:
              restartPolicy: OnFailure
              terminationGracePeriodSeconds: 5
              containers:
              - name: main
                image: localhost/warm-up:latest
                command: ["sh", "-c", "echo $(GREETING)"]
                args: ["x"]
                workingDir: /
                env: [{name: GREETING, value: hello}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: warm-up-2}
            spec:
              containers: [{name: a, image: x, ports: [{containerPort: 80}]}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: warm-up-3}
            spec:
              selector: {matchLabels: {app: warm-up}}
              template:
                metadata: {labels: {app: warm-up}}
                spec:
                  containers:
                  - name: a
                    image: x
                    envFrom: [{configMapRef: {name: warm-up}}]
                    env: [{name: S, valueFrom: {secretKeyRef: {name: warm-up, key: s}}}]
            ---
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: ConfigMap, metadata: {name: warm-up}, data: {a: b}}
            - {apiVersion: v1, kind: Secret, metadata: {name: warm-up}, data: {s: YQ==}}
            - {apiVersion: v1, kind: Service, metadata: {name: warm-up}, spec: {ports: [{port: 80}]}}
            """;

    @Option(names = "--kube", description = "Also load the Kubernetes YAML model.")
    boolean kube;

    /** Command lines run as a user would run them (against the throw-away store): what they load is what gets cached. */
    private static final List<List<String>> COMMANDS = List.of(
            List.of("ps"), List.of("ps", "-a", "--format", "json"), List.of("ps", "-a", "--format", "{{.Names}} {{.Status}}"),
            List.of("pod", "ps"), List.of("pod", "ps", "--format", "json"), List.of("images"), List.of("volume", "ls"),
            List.of("inspect", "warm-up"), List.of("pod", "inspect", "warm-up"), List.of("logs", "warm-up"),
            List.of("exec", "warm-up", "true"), List.of("port", "warm-up"), List.of("stop", "warm-up"), List.of("rm", "-f", "warm-up"),
            List.of("pod", "stop", "warm-up"), List.of("pod", "rm", "-f", "warm-up"), List.of("pod", "start", "warm-up"),
            List.of("container", "cleanup", "0000000000000000000000000000000000000000000000000000000000000000"),
            List.of("version"), List.of("nosuch"), List.of("--help"));
    private static final List<List<String>> KUBE_COMMANDS = List.of(
            List.of("kube", "validate", "FILE"), List.of("kube", "play", "--dry-run", "FILE"), List.of("kube", "down", "FILE"),
            List.of("kube", "generate", "warm-up"));

    @Override
    public Integer call() throws IOException {
        PrintWriter sink = new PrintWriter(new StringWriter());
        Path file = Files.createTempFile("jpod-warm-up", ".yaml");
        try {
            Files.writeString(file, SAMPLE);
            List<List<String>> lines = new ArrayList<>(COMMANDS);
            if (kube) {
                KUBE_COMMANDS.forEach(c -> lines.add(c.stream().map(a -> a.equals("FILE") ? file.toString() : a).toList()));
            }
            for (List<String> line : lines) { // their outcomes (mostly "no such pod") do not matter
                Main.run(line.toArray(String[]::new), sink, sink);
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return 0;
    }
}
