package io.jpod.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpod start CONTAINER...}. */
@Command(name = "start", description = "Start one or more containers.")
public final class StartCommand extends EngineCommand {
    @Parameters(paramLabel = "CONTAINER", arity = "1..*")
    List<String> containers;

    @Override
    public Integer call() {
        return PerObject.run(this, containers, c -> {
            engine().pods().startContainer(c);
            return c;
        });
    }
}
