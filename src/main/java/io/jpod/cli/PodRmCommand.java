package io.jpod.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod pod rm [-f] POD...}. */
@Command(name = "rm", description = "Remove one or more stopped pods and containers.")
public final class PodRmCommand extends EngineCommand {
    @Option(names = {"-t", "--time"}, paramLabel = "SECONDS",
            description = "Seconds to wait for running containers to stop before killing them (with -f).")
    Integer time;

    @Option(names = {"-f", "--force"}, description = "Stop running containers and delete all stopped containers before removal of pod.")
    boolean force;

    @Option(names = {"-a", "--all"}, description = "Remove all pods (running ones with -f).")
    boolean all;

    @Option(names = {"-l", "--latest"}, description = "Act on the latest pod jpod is aware of.")
    boolean latest;

    @Parameters(paramLabel = "POD", arity = "0..*")
    List<String> pods = new ArrayList<>();

    @Override
    public Integer call() {
        return PerObject.run(this, Targets.pods(this, pods, all, latest, p -> true), p -> engine().pods().removePod(p, force, time).id());
    }
}
