package io.jpod.cli;

import io.jpod.engine.LogReader;
import io.jpod.engine.PodService.ContainerInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod logs [-f] [-t] [--tail N] CONTAINER}: what the container wrote, from conmon's k8s-file log. */
@Command(name = "logs", description = "Fetch the logs of a container.")
public final class LogsCommand extends EngineCommand {
    @Option(names = {"-f", "--follow"}, description = "Follow log output until the container stops.")
    boolean follow;

    @Option(names = {"-t", "--timestamps"}, description = "Output the timestamps in the log.")
    boolean timestamps;

    @Option(names = "--tail", defaultValue = "-1", description = "Output the specified number of lines at the end of the log (default: all).")
    int tail = -1;

    @Parameters(paramLabel = "CONTAINER", arity = "1")
    String container;

    @Override
    public Integer call() {
        ContainerInfo c = engine().pods().container(container);
        var out = out();
        var err = err();
        LogReader.read(engine().pods().logFile(c.row()), tail, follow, () -> engine().pods().container(c.row().id()),
                line -> {
                    var stream = line.stderr() ? err : out;
                    if (timestamps) {
                        stream.print(line.time() + " ");
                    }
                    stream.print(line.text());
                    if (!line.partial()) {
                        stream.print('\n');
                    }
                    stream.flush();
                });
        return 0;
    }
}
