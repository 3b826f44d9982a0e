package io.jpod.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpod container exists NAME}: exit code 0 when it exists, 1 when not, as podman. */
@Command(name = "exists", description = "Check if a container exists in local storage.")
public final class ContainerExistsCommand extends EngineCommand {
    @Parameters(paramLabel = "CONTAINER", arity = "1")
    String name;

    @Override
    public Integer call() {
        return engine().pods().containerExists(name) ? 0 : 1;
    }
}
