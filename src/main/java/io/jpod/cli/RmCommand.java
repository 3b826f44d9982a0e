package io.jpod.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod rm [-f] CONTAINER...}. */
@Command(name = "rm", description = "Remove one or more containers.")
public final class RmCommand extends EngineCommand {
    @Option(names = {"-f", "--force"}, description = "Force removal of a running container.")
    boolean force;

    @Option(names = {"-t", "--time"}, paramLabel = "SECONDS",
            description = "Seconds to wait for a running container to stop before killing it (with -f).")
    Integer time;

    @Option(names = {"-a", "--all"}, description = "Remove all containers (running ones with -f).")
    boolean all;

    @Option(names = {"-l", "--latest"}, description = "Act on the latest container jpod is aware of.")
    boolean latest;

    @Parameters(paramLabel = "CONTAINER", arity = "0..*")
    List<String> containers = new ArrayList<>();

    @Override
    public Integer call() {
        return PerObject.run(this, Targets.containers(this, containers, all, latest, c -> true), c -> engine().pods().removeContainer(c, force, time).id());
    }
}
