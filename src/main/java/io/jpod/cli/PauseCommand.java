package io.jpod.cli;

import io.jpod.state.ContainerState;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod pause [-a|-l] CONTAINER...}: freezes each container's processes with the OCI runtime's pause (the cgroup
 * freezer); refused, with the reason, where the container has no cgroup of its own (rootless on this cgroup v1 host).
 */
@Command(name = "pause", description = "Pause all the processes in one or more containers.")
public final class PauseCommand extends EngineCommand {
    @Option(names = {"-a", "--all"}, description = "Pause all running containers.")
    boolean all;

    @Option(names = {"-l", "--latest"}, description = "Act on the latest container jpod is aware of.")
    boolean latest;

    @Parameters(paramLabel = "CONTAINER", arity = "0..*")
    List<String> containers = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> targets = Targets.containers(this, containers, all, latest, c -> c.current() == ContainerState.RUNNING);
        return PerObject.run(this, targets, c -> {
            engine().pods().pauseContainer(c);
            return c;
        });
    }
}
