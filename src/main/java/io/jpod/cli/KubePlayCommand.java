package io.jpod.cli;

import io.jpod.engine.ImageService;
import io.jpod.engine.KubeService;
import io.jpod.error.InvalidInputException;
import io.jpod.error.NotFoundException;
import io.jpod.kube.ConfigData;
import io.jpod.kube.Plan;
import io.jpod.kube.VolumeClaim;
import io.jpod.network.PortMapping;
import io.jpod.network.PublishOption;
import io.jpod.pod.ContainerPort;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.NetworkMode;
import io.jpod.pod.PodSpec;
import io.jpod.pod.Workload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod kube play FILE...}: create pods from Kubernetes YAML; prints ids as podman does. */
@Command(name = "play", description = "Play a pod based on Kubernetes YAML (a file, or - for stdin).")
public final class KubePlayCommand extends EngineCommand {
    @Option(names = "--replace", description = "Delete and recreate pods that already exist.")
    boolean replace;

    @Option(names = "--start", arity = "1", defaultValue = "true", description = "Start the pod after creating it (default: true).")
    boolean start = true;

    @Option(names = "--configmap", split = ",", paramLabel = "FILE",
            description = "A YAML file of ConfigMaps the pods may take their environment from (repeatable).")
    List<String> configMaps = List.of();

    @Option(names = "--dry-run", description = "Print what would be created, and every warning; create nothing.")
    boolean dryRun;

    @Option(names = "--network", paramLabel = "MODE|NAME", defaultValue = "bridge",
            description = "How the pods reach the network: bridge or jpod (default: the user's shared network jpod, where pods "
                    + "reach each other and Services by name), the name of a network made with 'jpod network create', "
                    + "slirp4netns or pasta (a namespace of each pod's own, with that helper), host or none.")
    String network = "bridge";

    @Option(names = "--publish", split = ",", paramLabel = "[[IP:][HOSTPORT]:]PORT[/PROTO]",
            description = "Publish a container port on the host, overriding the YAML's hostPort for that containerPort (repeatable).")
    List<String> publish = List.of();

    @Option(names = "--wait", description = "Stay in the foreground and stream the logs of the pods' containers, each line after pod/container "
            + "(stdout to stdout, stderr to stderr). Ctrl-C or SIGTERM tears the pods down as kube down does and exits 0, as podman does; "
            + "so does the end of the pods, when every container has exited and no restartPolicy starts it again: the exit code is then 0 "
            + "when they all succeeded, else the first non-zero exit code (init containers first, pods in the files' order), "
            + "so that a script waiting on a job learns that it failed (podman exits 0 there unless told to propagate exit codes).")
    boolean waitForPods;

    @picocli.CommandLine.Mixin
    RegistryFlags registry = new RegistryFlags();

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Kubernetes YAML files, or - for standard input.")
    List<String> files;

    @Override
    public Integer call() {
        if (waitForPods && !start) {
            throw new ExitCodeException(ErrorReporter.ENGINE_ERROR, "--wait cannot be used with --start=false: there would be nothing to wait for");
        }
        if (waitForPods && dryRun) {
            throw new ExitCodeException(ErrorReporter.ENGINE_ERROR, "--wait cannot be used with --dry-run: nothing is played");
        }
        NetworkMode.Choice mode = NetworkMode.Choice.parse(network);
        KubeService kube = engine().kube();
        KubeService.PlayOptions options = new KubeService.PlayOptions(replace, start, configMaps,
                ImageService.registryOptions(registry.access(invocation())), mode, publish.stream().map(PublishOption::parse).toList());
        if (dryRun) {
            printPlan(kube.dryRun(files, invocation().inputs(), options));
            return 0;
        }
        if (waitForPods) {
            return playAndWait(kube, options);
        }
        KubeService.PlayReport report = kube.play(files, invocation().inputs(), options);
        return printReport(report) ? ErrorReporter.ENGINE_ERROR : 0;
    }

    /**
     * {@code --wait}: plays, follows the logs until the pods end or a signal asks to stop, then tears
     * down what the files describe, as {@code kube down} does. Standard input ({@code -}) is read once,
     * for both. When a pod could not be played nothing is waited for, as podman does (a teardown would
     * remove a pod of the same name that was there before).
     */
    private int playAndWait(KubeService kube, KubeService.PlayOptions options) {
        byte[] input = readStdinIfNamed();
        try (StopSignals stop = StopSignals.install()) {
            KubeService.PlayReport report = kube.play(files, new io.jpod.kube.Inputs(invocation().cwd(), new ByteArrayInputStream(input)), options);
            if (printReport(report)) {
                return ErrorReporter.ENGINE_ERROR;
            }
            out().println("Use ctrl+c to clean up or wait for pods to exit");
            out().flush();
            var out = out();
            var err = err();
            OptionalInt ended;
            io.jpod.engine.PlayWatch watch = kube.watch(report);
            try {
                ended = watch.follow(line -> {
                    var stream = line.stderr() ? err : out;
                    stream.println(line.prefix() + line.text());
                    stream.flush();
                }, stop::requested);
            } catch (RuntimeException e) {
                tearDown(kube, input, stop.requested());
                throw e;
            }
            watch.failures().forEach(f -> err.println("Error: " + f));
            err.flush();
            return tearDown(kube, input, stop.requested()) ? ErrorReporter.ENGINE_ERROR : ended.orElse(0);
        }
    }

    /** {@code kube down} of the files, printed as it prints it; whether it failed. A pod removed meanwhile is no failure, as in podman. */
    private boolean tearDown(KubeService kube, byte[] input, boolean signalled) {
        var out = out();
        out.println((signalled ? "\n" : "") + "Cleaning up containers and pods...");
        out.flush();
        KubeService.DownReport down = kube.down(files, new io.jpod.kube.Inputs(invocation().cwd(), new ByteArrayInputStream(input)), false);
        down = new KubeService.DownReport(down.pods().stream().filter(o -> !(o.error() instanceof NotFoundException)).toList(),
                down.volumes());
        return KubeDownCommand.print(down, out, err());
    }

    /** Standard input, read whole when a file is {@code -} (else nothing), so that it can be read twice. */
    private byte[] readStdinIfNamed() {
        if (!files.contains("-") && !configMaps.contains("-")) {
            return new byte[0];
        }
        try {
            return invocation().in().readAllBytes();
        } catch (IOException e) {
            throw new InvalidInputException("-", "cannot read standard input: " + e.getMessage(), e);
        }
    }

    /** Prints podman's Volume:, Pod: and Containers: lists, and each pod's error; whether there was any. */
    private boolean printReport(KubeService.PlayReport report) {
        for (String v : report.volumes()) {
            out().println("Volume:");
            out().println(v);
            out().println();
        }
        boolean failed = false;
        for (KubeService.PodOutcome o : report.pods()) {
            if (o.error() != null) {
                failed = true;
                err().println("Error: " + ErrorReporter.message(o.error()));
                continue;
            }
            printPod(o.created());
        }
        for (KubeService.WorkloadOutcome o : report.workloads()) {
            if (o.error() != null) {
                failed = true;
                err().println("Error: " + o.kind() + " " + o.name() + ": " + ErrorReporter.message(o.error()));
                continue;
            }
            o.applied().pods().forEach(this::printPod);
            for (var e : o.applied().errors()) {
                failed = true;
                err().println("Error: " + o.kind() + " " + o.name() + ": " + ErrorReporter.message(e));
            }
            if (o.applied().rolled()) {
                err().println(o.kind() + " " + o.name() + ": its template changed: rolling update started (jpod kube ps shows its progress)");
            }
        }
        out().flush();
        err().flush();
        return failed;
    }

    private void printPod(io.jpod.engine.PodService.CreatedPod pod) {
        out().println("Pod:");
        out().println(pod.id());
        List<String> ids = pod.containerIds();
        out().println(ids.size() == 1 ? "Container:" : "Containers:");
        ids.forEach(out()::println);
        out().println();
    }

    /** What a play would create: ConfigMaps and Secrets (names and keys, never values), pods and their containers. */
    private void printPlan(Plan plan) {
        for (ConfigData c : plan.configs()) {
            out().println(c.kind() + " " + c.name() + " (keys: " + String.join(", ", c.data().keySet()) + ")");
        }
        for (VolumeClaim c : plan.claims()) {
            out().println(VolumeClaim.KIND + " " + c.name() + " (volume " + c.name() + ")");
        }
        for (Workload w : plan.workloads()) {
            out().println(w.kind().kubeName() + " " + w.name() + " (" + describe(w) + ")");
            printPod("  pod template", w.template());
        }
        for (PodSpec p : plan.pods()) {
            printPod("Pod " + p.name(), p);
        }
        out().flush();
    }

    /** What a workload asks for, in kubectl's words. */
    private static String describe(Workload w) {
        return switch (w.kind()) {
            case DEPLOYMENT -> w.replicas() + (w.replicas() == 1 ? " replica" : " replicas") + ", strategy " + w.strategy().type().kubeName()
                    + (w.strategy().maxSurge() == null ? "" : " (maxSurge " + w.strategy().maxSurge() + ", maxUnavailable "
                            + w.strategy().maxUnavailable() + ")")
                    + (w.minReadySeconds() > 0 ? ", minReadySeconds " + w.minReadySeconds() : "");
            case DAEMONSET -> "one pod on this node, updateStrategy " + w.strategy().type().kubeName();
            case JOB -> "completions " + (w.job().completions() == null ? "any 1" : w.job().completions()) + ", parallelism "
                    + w.job().parallelism() + ", backoffLimit " + w.job().backoffLimit()
                    + (w.job().indexed() ? ", Indexed" : "")
                    + (w.job().activeDeadlineSeconds() == null ? "" : ", activeDeadlineSeconds " + w.job().activeDeadlineSeconds())
                    + (w.job().ttlSecondsAfterFinished() == null ? "" : ", ttlSecondsAfterFinished " + w.job().ttlSecondsAfterFinished());
        };
    }

    private void printPod(String title, PodSpec p) {
        String indent = title.startsWith(" ") ? "  " : "";
        {
            out().println(title + " (restartPolicy " + p.restartPolicy().kubeName() + ")");
            for (ContainerSpec c : p.containers()) {
                List<String> argv = new ArrayList<>(c.command());
                argv.addAll(c.args());
                String quoted = argv.stream().map(KubePlayCommand::quoted).collect(java.util.stream.Collectors.joining(" "));
                String command = argv.isEmpty() ? "(the image's)" : c.command().isEmpty() ? "(the image's entrypoint) " + quoted : quoted;
                String ports = c.ports().stream().filter(ContainerPort::published)
                        .map(q -> new PortMapping(q.hostIP(), q.hostPort(), q.containerPort(), q.protocol()).toString())
                        .collect(java.util.stream.Collectors.joining(", "));
                out().println(indent + "  Container " + p.containerName(c) + ": image " + c.image() + ", command " + command
                        + (ports.isEmpty() ? "" : ", ports " + ports));
            }
        }
    }

    /** An argument as a shell would need it: bare when plain, else double-quoted with \n, \t, \" and \\ escaped. */
    static String quoted(String arg) {
        if (!arg.isEmpty() && arg.matches("[-A-Za-z0-9_./:=,@%+]+")) {
            return arg;
        }
        return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }
}
