package io.jpod.cli;

import io.jpod.cli.format.Output;
import io.jpod.engine.ContainerStats;
import io.jpod.engine.PodService.PodInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod pod stats [-a|-l] [--no-stream] [--format F] [POD...]}: what the running containers of the pods (every pod
 * when none is named) use, a row each, as {@code jpod stats} reads it; streams every second unless {@code --no-stream}.
 */
@Command(name = "stats", description = "Display a live stream of resource usage statistics for the containers in one or more pods.")
public final class PodStatsCommand extends EngineCommand {
    @Option(names = {"-a", "--all"}, description = "Provide stats for all pods.")
    boolean all;

    @Option(names = {"-l", "--latest"}, description = "Act on the latest pod jpod is aware of.")
    boolean latest;

    @Option(names = "--format", description = "Pretty-print container statistics to JSON or using a Go template.")
    String format;

    @Option(names = "--no-reset", description = "Disable resetting the screen when streaming.")
    boolean noReset;

    @Option(names = "--no-stream", description = "Disable streaming stats and only pull the first result.")
    boolean noStream;

    @Parameters(paramLabel = "POD", arity = "0..*")
    List<String> pods = new ArrayList<>();

    @Override
    public Integer call() {
        if (latest && (all || !pods.isEmpty()) || all && !pods.isEmpty()) {
            Targets.check(pods, all, latest, "pods");
        }
        StopSignal stop = noStream ? null : StopSignal.install();
        Map<String, ContainerStats> previous = new HashMap<>();
        while (true) {
            List<ContainerStats> now = new ArrayList<>();
            for (PodInfo p : selected()) {
                now.addAll(engine().metrics().podStats(p));
            }
            List<Map<String, Object>> rows = now.stream().map(s -> StatsRows.podRow(s, previous.get(s.id()))).toList();
            if (stop != null && !noReset) {
                out().print(StatsCommand.CLEAR);
            }
            if (Output.isJson(format)) {
                Output.printJson(out(), rows);
            } else {
                Output.print(out(), format, rows, StatsRows.POD_COLUMNS);
            }
            out().flush();
            now.forEach(s -> previous.put(s.id(), s));
            if (stop == null) {
                return 0;
            }
            stop.await(1000);
            if (stop.received()) {
                return stop.exitCode();
            }
        }
    }

    /** The pods named (or the latest), else every pod. */
    private List<PodInfo> selected() {
        if (latest || !pods.isEmpty()) {
            List<String> names = latest ? List.of(Targets.pod(this, null, true)) : pods;
            return names.stream().map(n -> engine().pods().pod(n)).toList();
        }
        return engine().pods().pods();
    }
}
