package io.jpod.cli;

import io.jpod.cli.format.Output;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jpod system warm-up [--kube]} (hidden): exercises the common paths (state store, output
 * formats; with --kube, the YAML model) once, so that bin/jpod can record an AOT cache from it.
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

    @Override
    public Integer call() {
        var engine = engine();
        if (kube) {
            engine.kube().read(List.of("-"), new ByteArrayInputStream(SAMPLE.getBytes(StandardCharsets.UTF_8)));
        }
        Instant now = Instant.now();
        PrintWriter sink = new PrintWriter(new StringWriter());
        var containers = engine.pods().containers();
        Output.print(sink, null, containers.stream().map(c -> Views.containerRow(c, now, false)).toList(), List.of());
        Output.printJson(sink, engine.pods().pods().stream().map(Views::podJson).toList());
        Output.print(sink, "{{.Names}} {{.Status}}", List.of(Map.of("Names", "x", "Status", "Up")), List.of());
        spec.root().commandLine().usage(sink);
        return 0;
    }
}
