package io.jpod.cli;

import io.jpod.state.ContainerState;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod unpause [-a|-l] CONTAINER...}: thaws the processes {@code jpod pause} froze. */
@Command(name = "unpause", description = "Unpause the processes in one or more containers.")
public final class UnpauseCommand extends EngineCommand {
    @Option(names = {"-a", "--all"}, description = "Unpause all paused containers.")
    boolean all;

    @Option(names = {"-l", "--latest"}, description = "Act on the latest container jpod is aware of.")
    boolean latest;

    @Parameters(paramLabel = "CONTAINER", arity = "0..*")
    List<String> containers = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> targets = Targets.containers(this, containers, all, latest, c -> c.current() == ContainerState.PAUSED);
        return PerObject.run(this, targets, c -> {
            engine().pods().unpauseContainer(c);
            return c;
        });
    }
}
