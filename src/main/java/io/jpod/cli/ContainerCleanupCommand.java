package io.jpod.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpod container cleanup ID}: run by conmon when a container exits (not for users). */
@Command(name = "cleanup", hidden = true, description = "Clean up after a container exits (run by conmon).")
public final class ContainerCleanupCommand extends EngineCommand {
    @Parameters(paramLabel = "ID", arity = "1")
    String id;

    @Override
    public Integer call() {
        engine().pods().cleanup(id);
        return 0;
    }
}
