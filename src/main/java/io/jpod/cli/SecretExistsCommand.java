package io.jpod.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpod secret exists SECRET}: exit code 0 when it exists, 1 when not, as the other exists commands. */
@Command(name = "exists", description = "Check if the given secret exists.")
public final class SecretExistsCommand extends EngineCommand {
    @Parameters(paramLabel = "SECRET", arity = "1")
    String name;

    @Override
    public Integer call() {
        return engine().secrets().exists(name) ? 0 : 1;
    }
}
