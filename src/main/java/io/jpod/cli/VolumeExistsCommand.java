package io.jpod.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpod volume exists NAME}: exit code 0 when it exists, 1 when not, as podman. */
@Command(name = "exists", description = "Check if the given volume exists.")
public final class VolumeExistsCommand extends EngineCommand {
    @Parameters(paramLabel = "NAME", arity = "1")
    String name;

    @Override
    public Integer call() {
        return engine().volumes().exists(name) ? 0 : 1;
    }
}
