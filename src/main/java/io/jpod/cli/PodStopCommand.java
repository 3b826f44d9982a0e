package io.jpod.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod pod stop [-t N] POD...}. */
@Command(name = "stop", description = "Stop one or more pods.")
public final class PodStopCommand extends EngineCommand {
    @Option(names = {"-t", "--time"}, description = "Seconds to wait for containers to stop before killing them (default: the pod's terminationGracePeriodSeconds, else 10).")
    Integer time;

    @Option(names = {"-a", "--all"}, description = "Stop all pods.")
    boolean all;

    @Option(names = {"-l", "--latest"}, description = "Act on the latest pod jpod is aware of.")
    boolean latest;

    @Parameters(paramLabel = "POD", arity = "0..*")
    List<String> pods = new ArrayList<>();

    @Override
    public Integer call() {
        return PerObject.run(this, Targets.pods(this, pods, all, latest, p -> true), p -> engine().pods().stopPod(p, time).pod().id());
    }
}
