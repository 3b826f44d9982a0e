package io.jpod.cli;

import io.jpod.cli.format.Output;
import io.jpod.engine.ContainerStats;
import io.jpod.engine.PodService.ContainerInfo;
import io.jpod.error.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod stats [-a|-l] [--no-stream] [--format F] [CONTAINER...]}: what containers use ({@link StatsRows}), from
 * their cgroups where they have their own, else from /proc of their processes. Without {@code --no-stream} it reads
 * again every {@code --interval} seconds, redrawing the screen, until SIGINT or SIGTERM; it then runs in its own process
 * ({@link ServedCommands}).
 */
@Command(name = "stats", description = "Display a live stream of container resource usage statistics.")
public final class StatsCommand extends EngineCommand {
    /** What clears a terminal and puts the cursor home, as podman's goterm does between readings. */
    static final String CLEAR = "\033[2J\033[1;1H";

    @Option(names = {"-a", "--all"}, description = "Show all containers. Only running containers are shown by default.")
    boolean all;

    @Option(names = {"-l", "--latest"}, description = "Act on the latest container jpod is aware of.")
    boolean latest;

    @Option(names = "--format", description = "Pretty-print container statistics to JSON or using a Go template.")
    String format;

    @Option(names = {"-i", "--interval"}, paramLabel = "SECONDS", defaultValue = "5",
            description = "Time in seconds between stats reports (default: ${DEFAULT-VALUE}).")
    int interval = 5;

    @Option(names = "--no-reset", description = "Disable resetting the screen between intervals.")
    boolean noReset;

    @Option(names = "--no-stream", description = "Disable streaming stats and only pull the first result.")
    boolean noStream;

    @Option(names = "--no-trunc", description = "Do not truncate output.")
    boolean noTrunc;

    @Parameters(paramLabel = "CONTAINER", arity = "0..*")
    List<String> containers = new ArrayList<>();

    @Override
    public Integer call() {
        if (latest && (all || !containers.isEmpty()) || all && !containers.isEmpty()) {
            Targets.check(containers, all, latest, "containers");
        }
        if (interval < 1) {
            throw new InvalidInputException("--interval", "must be at least 1 second");
        }
        StopSignal stop = noStream ? null : StopSignal.install();
        Map<String, ContainerStats> previous = new HashMap<>();
        while (true) {
            List<ContainerStats> now = selected().stream().map(c -> engine().metrics().stats(c)).toList();
            List<Map<String, Object>> rows = now.stream().map(s -> StatsRows.row(s, previous.get(s.id()), noTrunc)).toList();
            if (stop != null && !noReset) {
                out().print(CLEAR);
            }
            if (Output.isJson(format)) {
                Output.printJson(out(), rows.stream().map(StatsRows::json).toList(), 1);
            } else {
                Output.print(out(), format, rows, StatsRows.COLUMNS);
            }
            out().flush();
            now.forEach(s -> previous.put(s.id(), s));
            if (stop == null) {
                return 0;
            }
            stop.await(interval * 1000L);
            if (stop.received()) {
                return stop.exitCode();
            }
        }
    }

    /** The containers named (or the latest), else the running ones, or all with -a. */
    private List<ContainerInfo> selected() {
        if (latest || !containers.isEmpty()) {
            List<String> names = latest ? List.of(Targets.container(this, null, true)) : containers;
            return names.stream().map(n -> engine().pods().container(n)).toList();
        }
        return engine().pods().containers().stream().filter(c -> all || c.current().live()).toList();
    }
}
