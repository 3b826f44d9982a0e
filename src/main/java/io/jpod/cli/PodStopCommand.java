package io.jpod.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod pod stop [-t N] POD...}. */
@Command(name = "stop", description = "Stop one or more pods.")
public final class PodStopCommand extends EngineCommand {
    @Option(names = {"-t", "--time"}, description = "Seconds to wait for containers to stop before killing them (default: the pod's terminationGracePeriodSeconds, else 10).")
    Integer time;

    @Parameters(paramLabel = "POD", arity = "1..*")
    List<String> pods;

    @Override
    public Integer call() {
        return PerObject.run(this, pods, p -> engine().pods().stopPod(p, time).pod().id());
    }
}
