package io.jpod.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpod network exists NAME}: exit code 0 when it exists, 1 when not, as podman. */
@Command(name = "exists", description = "Check if the given network exists.")
public final class NetworkExistsCommand extends EngineCommand {
    @Parameters(paramLabel = "NETWORK", arity = "1")
    String name;

    @Override
    public Integer call() {
        return engine().networks().exists(name) ? 0 : 1;
    }
}
