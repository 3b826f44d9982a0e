package io.jpod.cli;

import io.jpod.cli.format.Output;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod pod top [-l] POD [DESCRIPTOR...]}: the processes of every running container of the pod, as {@code jpod top} shows them. */
@Command(name = "top", description = "Display the running processes of containers in a pod.")
public final class PodTopCommand extends EngineCommand {
    @Option(names = {"-l", "--latest"}, description = "Act on the latest pod jpod is aware of.")
    boolean latest;

    @Parameters(paramLabel = "POD [DESCRIPTOR...]", arity = "0..*",
            description = "The pod (unless -l), then format descriptors, as jpod top reads them.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> rest = latest || args.isEmpty() ? args : args.subList(1, args.size());
        List<String> descriptors = TopColumns.descriptors(rest);
        String pod = Targets.pod(this, latest || args.isEmpty() ? null : args.get(0), latest);
        var processes = engine().metrics().podTop(pod);
        Output.print(out(), null, TopColumns.rows(descriptors, processes, Instant.now()), TopColumns.columns(descriptors));
        return 0;
    }
}
