package io.jpod.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod stop [-t N] CONTAINER...}. */
@Command(name = "stop", description = "Stop one or more containers.")
public final class StopCommand extends EngineCommand {
    @Option(names = {"-t", "--time"}, description = "Seconds to wait for stop before killing the container (default: the pod's terminationGracePeriodSeconds, else 10).")
    Integer time;

    @Parameters(paramLabel = "CONTAINER", arity = "1..*")
    List<String> containers;

    @Override
    public Integer call() {
        return PerObject.run(this, containers, c -> {
            engine().pods().stopContainer(c, time);
            return c;
        });
    }
}
