package io.jpod.cli;

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

    @Parameters(paramLabel = "CONTAINER", arity = "1..*")
    List<String> containers;

    @Override
    public Integer call() {
        return PerObject.run(this, containers, c -> engine().pods().removeContainer(c, force, time).id());
    }
}
