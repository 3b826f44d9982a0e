package io.jpod.cli;

import io.jpod.pod.Signal;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod pod kill [-s SIGNAL] POD...}: a signal to the main process of each running container of the pods. */
@Command(name = "kill", description = "Send the specified signal or SIGKILL to containers in pod.")
public final class PodKillCommand extends EngineCommand {
    @Option(names = {"-s", "--signal"}, paramLabel = "SIGNAL", defaultValue = "KILL",
            description = "Signal to send to the containers in the pod: a name (TERM, SIGTERM) or a number (default: ${DEFAULT-VALUE}).")
    String signal;

    @Option(names = {"-a", "--all"}, description = "Kill all containers in all pods.")
    boolean all;

    @Option(names = {"-l", "--latest"}, description = "Act on the latest pod jpod is aware of.")
    boolean latest;

    @Parameters(paramLabel = "POD", arity = "0..*")
    List<String> pods = new ArrayList<>();

    @Override
    public Integer call() {
        Signal s = Signal.parse(signal);
        return PerObject.run(this, Targets.pods(this, pods, all, latest, p -> true), p -> engine().pods().killPod(p, s).id());
    }
}
