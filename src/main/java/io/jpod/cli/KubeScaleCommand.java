package io.jpod.cli;

import io.jpod.engine.Workloads;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod kube scale --replicas N [deployment] NAME}: a played Deployment's replica count, as {@code kubectl scale}. */
@Command(name = "scale", description = "Set the number of replicas of a played Deployment.")
public final class KubeScaleCommand extends EngineCommand {
    @Option(names = "--replicas", required = true, description = "The number of pods the Deployment keeps (0 or more).")
    int replicas;

    @Parameters(paramLabel = "NAME", arity = "1..2", description = "deployment/NAME, deployment NAME, or NAME (a Deployment).")
    List<String> names;

    @Override
    public Integer call() {
        if (replicas < 0) {
            throw new ExitCodeException(ErrorReporter.ENGINE_ERROR, "--replicas must be 0 or more, not " + replicas);
        }
        String kind = null;
        String name = names.get(names.size() - 1);
        if (names.size() == 2) {
            kind = names.get(0);
        } else if (name.contains("/")) {
            kind = name.substring(0, name.indexOf('/'));
            name = name.substring(name.indexOf('/') + 1);
        }
        Workloads.Applied applied = engine().workloads().scale(kind, name, replicas);
        out().println(applied.workload().kind().resource() + "/" + applied.workload().name() + " scaled");
        out().flush();
        boolean failed = false;
        for (var e : applied.errors()) {
            failed = true;
            err().println("Error: " + ErrorReporter.message(e));
        }
        err().flush();
        return failed ? ErrorReporter.ENGINE_ERROR : 0;
    }
}
