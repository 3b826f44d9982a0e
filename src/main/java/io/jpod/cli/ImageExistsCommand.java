package io.jpod.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpod image exists IMAGE}: exit code 0 when it is in local storage, 1 when not, as podman. */
@Command(name = "exists", description = "Check if an image exists in local storage.")
public final class ImageExistsCommand extends EngineCommand {
    @Parameters(paramLabel = "IMAGE", arity = "1")
    String name;

    @Override
    public Integer call() {
        return engine().images().exists(name) ? 0 : 1;
    }
}
