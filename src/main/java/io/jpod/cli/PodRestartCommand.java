package io.jpod.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpod pod restart POD...}. */
@Command(name = "restart", description = "Restart one or more pods.")
public final class PodRestartCommand extends EngineCommand {
    @Parameters(paramLabel = "POD", arity = "1..*")
    List<String> pods;

    @Override
    public Integer call() {
        return PerObject.run(this, pods, p -> engine().pods().restartPod(p, null).pod().id());
    }
}
