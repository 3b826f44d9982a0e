package io.jpod.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod stop [-t N] CONTAINER...}. */
@Command(name = "stop", description = "Stop one or more containers.")
public final class StopCommand extends EngineCommand {
    @Option(names = {"-t", "--time"}, description = "Seconds to wait for stop before killing the container (default: the pod's terminationGracePeriodSeconds, else 10).")
    Integer time;

    @Option(names = {"-a", "--all"}, description = "Stop all running containers.")
    boolean all;

    @Option(names = {"-l", "--latest"}, description = "Act on the latest container jpod is aware of.")
    boolean latest;

    @Parameters(paramLabel = "CONTAINER", arity = "0..*")
    List<String> containers = new ArrayList<>();

    @Override
    public Integer call() {
        return PerObject.run(this, Targets.containers(this, containers, all, latest, c -> c.current().live()), c -> {
            engine().pods().stopContainer(c, time);
            return c;
        });
    }
}
