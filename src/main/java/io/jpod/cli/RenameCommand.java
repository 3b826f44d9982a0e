package io.jpod.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpod rename CONTAINER NAME}: the container's name ({@code <pod>-<container>} as played) changed; prints nothing, as podman. */
@Command(name = "rename", description = "Rename an existing container.")
public final class RenameCommand extends EngineCommand {
    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        engine().pods().renameContainer(container, name);
        return 0;
    }
}
