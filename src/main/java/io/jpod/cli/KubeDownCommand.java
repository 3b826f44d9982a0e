package io.jpod.cli;

import io.jpod.engine.KubeService;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod kube down FILE...}: stop and remove what {@code kube play} of the same files created. */
@Command(name = "down", description = "Remove pods based on Kubernetes YAML.")
public final class KubeDownCommand extends EngineCommand {
    @Option(names = "--force", description = "Remove the volumes of the files' PersistentVolumeClaims too.")
    boolean force;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Kubernetes YAML files, or - for standard input.")
    List<String> files;

    @Override
    public Integer call() {
        KubeService.DownReport report = engine().kube().down(files, invocation().inputs(), force);
        boolean failed = print(report, out(), err());
        return failed ? ErrorReporter.ENGINE_ERROR : 0;
    }

    /** Prints what {@code report} removed to {@code out}, and its errors to {@code err}; whether there were any. */
    static boolean print(KubeService.DownReport report, PrintWriter out, PrintWriter err) {
        List<KubeService.DownOutcome> outcomes = new java.util.ArrayList<>(report.pods());
        List<String> removed = outcomes.stream().filter(o -> o.error() == null).map(KubeService.DownOutcome::id).toList();
        if (!removed.isEmpty()) {
            out.println("Pods stopped:");
            removed.forEach(out::println);
            out.println("Pods removed:");
            removed.forEach(out::println);
        }
        List<String> volumes = report.volumes().stream().filter(o -> o.error() == null).map(KubeService.DownOutcome::id).toList();
        if (!volumes.isEmpty()) {
            out.println("Volumes removed:");
            volumes.forEach(out::println);
        }
        outcomes.addAll(report.volumes());
        boolean failed = false;
        for (KubeService.DownOutcome o : outcomes) {
            if (o.error() != null) {
                failed = true;
                err.println("Error: " + ErrorReporter.message(o.error()));
            }
        }
        out.flush();
        err.flush();
        return failed;
    }
}
