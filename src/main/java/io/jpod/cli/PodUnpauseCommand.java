package io.jpod.cli;

import io.jpod.state.ContainerState;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod pod unpause [-a|-l] POD...}: every paused container of the pods unpaused; prints the pods' ids. */
@Command(name = "unpause", description = "Unpause one or more pods.")
public final class PodUnpauseCommand extends EngineCommand {
    @Option(names = {"-a", "--all"}, description = "Unpause all paused pods.")
    boolean all;

    @Option(names = {"-l", "--latest"}, description = "Act on the latest pod jpod is aware of.")
    boolean latest;

    @Parameters(paramLabel = "POD", arity = "0..*")
    List<String> pods = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> targets = Targets.pods(this, pods, all, latest,
                p -> p.containers().stream().anyMatch(c -> c.current() == ContainerState.PAUSED));
        return PerObject.run(this, targets, p -> engine().pods().unpausePod(p).id());
    }
}
