package io.jpod.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod pod restart POD...}. */
@Command(name = "restart", description = "Restart one or more pods.")
public final class PodRestartCommand extends EngineCommand {
    @Option(names = {"-a", "--all"}, description = "Restart all pods.")
    boolean all;

    @Option(names = {"-l", "--latest"}, description = "Act on the latest pod jpod is aware of.")
    boolean latest;

    @Parameters(paramLabel = "POD", arity = "0..*")
    List<String> pods = new ArrayList<>();

    @Override
    public Integer call() {
        return PerObject.run(this, Targets.pods(this, pods, all, latest, p -> true), p -> engine().pods().restartPod(p, null).pod().id());
    }
}
