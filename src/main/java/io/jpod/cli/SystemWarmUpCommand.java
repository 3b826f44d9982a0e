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
 * The launcher runs it against throw-away directories (JPOD_ROOT, JPOD_RUNROOT). The listings run
 * over a pod that is stored but never started (an empty image imported, the pod created with
 * --start=false: no process, no mount), since reading pods back from the store is most of what a
 * listing costs; the base profile creates it through the engine, so that it never loads the YAML
 * model, which is left out of the base cache on purpose: only kube commands load it.
 */
@Command(name = "warm-up", hidden = true, description = "Load jpod's common code paths (used to build the start-up cache).")
public final class SystemWarmUpCommand extends EngineCommand {
    /** What {@code kube play --start=false} stores: a pod and the objects it may use (no workload, which would start a supervisor). */
    private static final String PLAYED = """
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
                imagePullPolicy: Never
                command: ["sh", "-c", "echo $(GREETING)"]
                args: ["x"]
                workingDir: /
                env: [{name: GREETING, value: hello}]
                ports: [{containerPort: 80}]
            ---
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: ConfigMap, metadata: {name: warm-up}, data: {a: b}}
            - {apiVersion: v1, kind: Secret, metadata: {name: warm-up}, data: {s: YQ==}}
            - {apiVersion: v1, kind: Service, metadata: {name: warm-up}, spec: {ports: [{port: 80}]}}
            """;
    /** What kube validate, play --dry-run and down read: {@link #PLAYED} and more kinds. */
    private static final String SAMPLE = PLAYED + """
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
            """;

    @Option(names = "--kube", description = "Also load the Kubernetes YAML model.")
    boolean kube;

    /** Command lines run as a user would run them (against the throw-away store): what they load is what gets cached. */
    private static final List<List<String>> COMMANDS = List.of(
            List.of("ps"), List.of("ps", "-a"), List.of("ps", "-a", "--format", "json"), List.of("ps", "-a", "--format", "{{.Names}} {{.Status}}"),
            List.of("pod", "ps"), List.of("pod", "ps", "--format", "json"), List.of("images"), List.of("volume", "ls"),
            List.of("inspect", "warm-up-main"), List.of("pod", "inspect", "warm-up"), List.of("logs", "warm-up-main"),
            List.of("exec", "warm-up-main", "true"), List.of("port", "warm-up"), List.of("stop", "warm-up-main"),
            List.of("rm", "-f", "warm-up-main"),
            List.of("pod", "stop", "warm-up"), List.of("pod", "rm", "-f", "warm-up"), // not pod start: it would run containers
            List.of("container", "cleanup", "0000000000000000000000000000000000000000000000000000000000000000"),
            List.of("version"), List.of("nosuch"), List.of("--help"));
    private static final List<List<String>> KUBE_COMMANDS = List.of(
            List.of("kube", "validate", "FILE"), List.of("kube", "play", "--dry-run", "FILE"), List.of("kube", "down", "FILE"),
            List.of("kube", "generate", "warm-up"));
    /** The image of the idle pod: an empty one, imported from {@link #EMPTY_TAR}. */
    private static final String IMAGE = "localhost/warm-up:latest";
    /** An empty tar archive: two blocks of zeros. */
    private static final byte[] EMPTY_TAR = new byte[1024];

    @Override
    public Integer call() throws IOException {
        PrintWriter sink = new PrintWriter(new StringWriter());
        Path file = Files.createTempFile("jpod-warm-up", ".yaml");
        Path played = Files.createTempFile("jpod-warm-up-played", ".yaml");
        Path tar = Files.createTempFile("jpod-warm-up", ".tar");
        try {
            Files.writeString(file, SAMPLE);
            Files.writeString(played, PLAYED);
            Files.write(tar, EMPTY_TAR);
            Main.run(new String[] {"import", tar.toString(), IMAGE}, sink, sink);
            List<List<String>> lines = new ArrayList<>();
            if (kube) {
                lines.add(List.of("kube", "play", "--start=false", played.toString()));
            } else {
                engine().system().createIdlePod("warm-up", IMAGE);
            }
            lines.addAll(COMMANDS);
            if (kube) {
                KUBE_COMMANDS.forEach(c -> lines.add(c.stream().map(a -> a.equals("FILE") ? file.toString() : a).toList()));
            }
            for (List<String> line : lines) { // their outcomes do not matter
                Main.run(line.toArray(String[]::new), sink, sink);
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(played);
            Files.deleteIfExists(tar);
        }
        return 0;
    }
}
