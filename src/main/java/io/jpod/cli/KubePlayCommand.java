package io.jpod.cli;

import io.jpod.engine.KubeService;
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

    @picocli.CommandLine.Mixin
    RegistryFlags registry = new RegistryFlags();

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Kubernetes YAML files, or - for standard input.")
    List<String> files;

    @Override
    public Integer call() {
        List<KubeService.PodOutcome> outcomes = engine().kube().play(files, System.in, new KubeService.PlayOptions(replace, start, registry.options()));
        boolean failed = false;
        for (KubeService.PodOutcome o : outcomes) {
            if (o.error() != null) {
                failed = true;
                err().println("Error: " + o.error().getMessage());
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
}
