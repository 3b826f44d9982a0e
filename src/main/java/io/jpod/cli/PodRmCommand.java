package io.jpod.cli;

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

    @Parameters(paramLabel = "POD", arity = "1..*")
    List<String> pods;

    @Override
    public Integer call() {
        return PerObject.run(this, pods, p -> engine().pods().removePod(p, force, time).id());
    }
}
