package io.jpod.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod start CONTAINER...}. */
@Command(name = "start", description = "Start one or more containers.")
public final class StartCommand extends EngineCommand {
    @Option(names = {"--all"}, description = "Start all containers regardless of their state.")
    boolean all;

    @Option(names = {"-l", "--latest"}, description = "Act on the latest container jpod is aware of.")
    boolean latest;

    @Parameters(paramLabel = "CONTAINER", arity = "0..*")
    List<String> containers = new ArrayList<>();

    @Override
    public Integer call() {
        return PerObject.run(this, Targets.containers(this, containers, all, latest, c -> !c.current().live()), c -> {
            engine().pods().startContainer(c);
            return c;
        });
    }
}
