package io.jpod.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod pod pause [-a|-l] POD...}: every running container of the pods paused, the infra container too; prints the pods' ids. */
@Command(name = "pause", description = "Pause one or more pods.")
public final class PodPauseCommand extends EngineCommand {
    @Option(names = {"-a", "--all"}, description = "Pause all running pods.")
    boolean all;

    @Option(names = {"-l", "--latest"}, description = "Act on the latest pod jpod is aware of.")
    boolean latest;

    @Parameters(paramLabel = "POD", arity = "0..*")
    List<String> pods = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> targets = Targets.pods(this, pods, all, latest, p -> p.status().equals("Running") || p.status().equals("Degraded"));
        return PerObject.run(this, targets, p -> engine().pods().pausePod(p).id());
    }
}
