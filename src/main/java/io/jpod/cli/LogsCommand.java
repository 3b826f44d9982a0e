package io.jpod.cli;

import io.jpod.engine.LogReader;
import io.jpod.engine.PodService.ContainerInfo;
import java.time.Instant;
import java.time.ZoneId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod logs [-f] [-t] [--tail N] [--since T] [--until T] CONTAINER}: what the container wrote, from conmon's k8s-file
 * log; the times read as {@code jpod events} reads them ({@link EventTimes}).
 */
@Command(name = "logs", description = "Fetch the logs of a container.")
public final class LogsCommand extends EngineCommand {
    @Option(names = {"-f", "--follow"}, description = "Follow log output until the container stops.")
    boolean follow;

    @Option(names = {"-t", "--timestamps"}, description = "Output the timestamps in the log.")
    boolean timestamps;

    @Option(names = "--tail", defaultValue = "-1", description = "Output the specified number of lines at the end of the log (default: all).")
    int tail = -1;

    @Option(names = "--since", paramLabel = "TIME",
            description = "Show logs since TIME: RFC 3339, a date, Unix seconds, or a duration before now (10m).")
    String since;

    @Option(names = "--until", paramLabel = "TIME",
            description = "Show logs until TIME: RFC 3339, a date, Unix seconds, or a duration after now (10m).")
    String until;

    @Option(names = {"-l", "--latest"}, description = "Act on the latest container jpod is aware of.")
    boolean latest;

    @Parameters(paramLabel = "CONTAINER", arity = "0..1")
    String container;

    @Override
    public Integer call() {
        Instant now = Instant.now();
        ZoneId zone = ZoneId.systemDefault();
        Instant from = since == null ? null : EventTimes.parse("--since", since, now, zone);
        Instant to = until == null ? null : EventTimes.parse("--until", until, now, zone);
        ContainerInfo c = engine().pods().container(Targets.container(this, container, latest));
        var out = out();
        var err = err();
        LogReader.read(engine().pods().logFile(c.row()), tail, follow, () -> engine().pods().container(c.row().id()),
                line -> {
                    if (!within(line, from, to)) {
                        return;
                    }
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

    /** Whether {@code line} was written after {@code from} and before {@code to} (null: no bound), as podman filters. */
    static boolean within(LogReader.Line line, Instant from, Instant to) {
        return from == null && to == null || within(line.instant(), from, to);
    }

    /** Whether a line written at {@code t} (null: unknown, shown) falls after {@code from} and before {@code to} (null: no bound). */
    static boolean within(Instant t, Instant from, Instant to) {
        return t == null || (from == null || t.isAfter(from)) && (to == null || t.isBefore(to));
    }
}
