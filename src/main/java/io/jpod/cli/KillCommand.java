package io.jpod.cli;

import io.jpod.pod.Signal;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod kill [-s SIGNAL] CONTAINER...}: a signal to each container's main process, SIGKILL unless said. */
@Command(name = "kill", description = "Kill one or more running containers with a specific signal.")
public final class KillCommand extends EngineCommand {
    @Option(names = {"-s", "--signal"}, paramLabel = "SIGNAL", defaultValue = "KILL",
            description = "Signal to send to the container: a name (TERM, SIGTERM) or a number (default: ${DEFAULT-VALUE}).")
    String signal;

    @Option(names = {"-a", "--all"}, description = "Signal all running containers.")
    boolean all;

    @Option(names = {"-l", "--latest"}, description = "Act on the latest container jpod is aware of.")
    boolean latest;

    @Parameters(paramLabel = "CONTAINER", arity = "0..*")
    List<String> containers = new ArrayList<>();

    @Override
    public Integer call() {
        Signal s = Signal.parse(signal);
        return PerObject.run(this, Targets.containers(this, containers, all, latest, c -> c.current().live()), c -> {
            engine().pods().killContainer(c, s);
            return c;
        });
    }
}
