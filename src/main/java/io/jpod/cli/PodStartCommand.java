package io.jpod.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpod pod start POD...}. */
@Command(name = "start", description = "Start one or more pods.")
public final class PodStartCommand extends EngineCommand {
    @Parameters(paramLabel = "POD", arity = "1..*")
    List<String> pods;

    @Override
    public Integer call() {
        return PerObject.run(this, pods, p -> engine().pods().startPod(p).pod().id());
    }
}
