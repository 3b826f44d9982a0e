package io.jpod.cli;

import io.jpod.engine.LogReader;
import io.jpod.engine.PodService.ContainerInfo;
import java.time.Instant;
import java.time.ZoneId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod logs [-f] [-t] [--tail N] [--since T] [--until T] CONTAINER}: what the container wrote, from conmon's k8s-file
 * log; the times read as {@code jpod events} reads them ({@link EventTimes}).
 */
@Command(name = "logs", description = "Fetch the logs of a container.")
public final class LogsCommand extends EngineCommand {
    @Option(names = {"-l", "--latest"}, description = "Act on the latest container jpod is aware of.")
    boolean latest;

    @Mixin
    LogWindow window = new LogWindow();

    @Parameters(paramLabel = "CONTAINER", arity = "0..1")
    String container;

    @Override
    public Integer call() {
        Instant now = Instant.now();
        ZoneId zone = ZoneId.systemDefault();
        LogWindow.Bounds bounds = window.bounds(now, zone);
        ContainerInfo c = engine().pods().container(Targets.container(this, container, latest));
        var out = out();
        var err = err();
        LogReader.read(engine().pods().logFile(c.row()), window.tail, window.follow, () -> engine().pods().container(c.row().id()),
                line -> {
                    if (!bounds.contains(line.instant())) {
                        return;
                    }
                    var stream = line.stderr() ? err : out;
                    if (window.timestamps) {
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
