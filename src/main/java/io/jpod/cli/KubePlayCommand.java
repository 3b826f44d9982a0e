package io.jpod.cli;

import io.jpod.engine.ImageService;
import io.jpod.engine.KubeService;
import io.jpod.kube.ConfigData;
import io.jpod.kube.Plan;
import io.jpod.kube.VolumeClaim;
import io.jpod.network.PortMapping;
import io.jpod.network.PublishOption;
import io.jpod.pod.ContainerPort;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.NetworkMode;
import io.jpod.pod.PodSpec;
import java.util.ArrayList;
import java.util.List;
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

    @Option(names = "--network", paramLabel = "MODE", defaultValue = "slirp4netns",
            description = "How the pods reach the network: slirp4netns (default), host or none.")
    String network = "slirp4netns";

    @Option(names = "--publish", split = ",", paramLabel = "[[IP:][HOSTPORT]:]PORT[/PROTO]",
            description = "Publish a container port on the host, overriding the YAML's hostPort for that containerPort (repeatable).")
    List<String> publish = List.of();

    @picocli.CommandLine.Mixin
    RegistryFlags registry = new RegistryFlags();

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Kubernetes YAML files, or - for standard input.")
    List<String> files;

    @Override
    public Integer call() {
        NetworkMode mode = NetworkMode.parse(network, "--network");
        KubeService kube = engine().kube();
        KubeService.PlayOptions options = new KubeService.PlayOptions(replace, start, configMaps,
                ImageService.registryOptions(registry.access()), mode, publish.stream().map(PublishOption::parse).toList());
        if (dryRun) {
            printPlan(kube.dryRun(files, System.in, options));
            return 0;
        }
        KubeService.PlayReport report = kube.play(files, System.in, options);
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
            out().println("Pod:");
            out().println(o.created().id());
            List<String> ids = o.created().containerIds();
            out().println(ids.size() == 1 ? "Container:" : "Containers:");
            ids.forEach(out()::println);
            out().println();
        }
        out().flush();
        return failed ? ErrorReporter.ENGINE_ERROR : 0;
    }

    /** What a play would create: ConfigMaps and Secrets (names and keys, never values), pods and their containers. */
    private void printPlan(Plan plan) {
        for (ConfigData c : plan.configs()) {
            out().println(c.kind() + " " + c.name() + " (keys: " + String.join(", ", c.data().keySet()) + ")");
        }
        for (VolumeClaim c : plan.claims()) {
            out().println(VolumeClaim.KIND + " " + c.name() + " (volume " + c.name() + ")");
        }
        for (PodSpec p : plan.pods()) {
            out().println("Pod " + p.name() + " (restartPolicy " + p.restartPolicy().kubeName() + ")");
            for (ContainerSpec c : p.containers()) {
                List<String> argv = new ArrayList<>(c.command());
                argv.addAll(c.args());
                String quoted = argv.stream().map(KubePlayCommand::quoted).collect(java.util.stream.Collectors.joining(" "));
                String command = argv.isEmpty() ? "(the image's)" : c.command().isEmpty() ? "(the image's entrypoint) " + quoted : quoted;
                String ports = c.ports().stream().filter(ContainerPort::published)
                        .map(q -> new PortMapping(q.hostIP(), q.hostPort(), q.containerPort(), q.protocol()).toString())
                        .collect(java.util.stream.Collectors.joining(", "));
                out().println("  Container " + p.containerName(c) + ": image " + c.image() + ", command " + command
                        + (ports.isEmpty() ? "" : ", ports " + ports));
            }
        }
        out().flush();
    }

    /** An argument as a shell would need it: bare when plain, else double-quoted with \n, \t, \" and \\ escaped. */
    static String quoted(String arg) {
        if (!arg.isEmpty() && arg.matches("[-A-Za-z0-9_./:=,@%+]+")) {
            return arg;
        }
        return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }
}
