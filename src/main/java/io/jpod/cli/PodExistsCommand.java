package io.jpod.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpod pod exists NAME}: exit code 0 when it exists, 1 when not, as podman. */
@Command(name = "exists", description = "Check if a pod exists in local storage.")
public final class PodExistsCommand extends EngineCommand {
    @Parameters(paramLabel = "POD", arity = "1")
    String name;

    @Override
    public Integer call() {
        return engine().pods().podExists(name) ? 0 : 1;
    }
}
