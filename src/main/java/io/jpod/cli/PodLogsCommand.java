package io.jpod.cli;

import io.jpod.engine.LogFollower;
import io.jpod.engine.PodService.ContainerInfo;
import io.jpod.engine.PodService.PodInfo;
import io.jpod.error.NotFoundException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod pod logs [-c CONTAINER] [-f] [-n] [-t] [--tail N] [--since T] [--until T] POD}: the logs of the pod's
 * containers (infra aside, which writes none) merged by time, each line after its container's short id (its name with
 * {@code -n}), as podman's, whose logs of a pod are those of several containers, its infra container's among them; with
 * {@code -c}, one container's lines alone; {@code -f} follows them until every container shown has ended.
 */
@Command(name = "logs", description = "Fetch logs for pod with one or more containers.")
public final class PodLogsCommand extends EngineCommand {
    @Option(names = {"-c", "--container"}, paramLabel = "CONTAINER",
            description = "Filter logs by container name or id which belongs to pod.")
    String container;

    @Option(names = {"-l", "--latest"}, description = "Act on the latest pod jpod is aware of.")
    boolean latest;

    @Option(names = {"-n", "--names"}, description = "Output container names instead of container IDs in the log.")
    boolean names;

    @Mixin
    LogWindow window = new LogWindow();

    @Parameters(paramLabel = "POD", arity = "0..1")
    String pod;

    @Override
    public Integer call() {
        Instant now = Instant.now();
        ZoneId zone = ZoneId.systemDefault();
        LogWindow.Bounds bounds = window.bounds(now, zone);
        PodInfo p = engine().pods().pod(Targets.pod(this, pod, latest));
        List<ContainerInfo> shown = shown(p, container == null ? null : engine().pods().container(container));
        Map<String, String> prefixes = new HashMap<>();
        List<LogFollower.Source> sources = new ArrayList<>();
        for (ContainerInfo c : shown) {
            prefixes.put(c.row().id(), container != null ? "" : (names ? c.row().name() : Views.shortId(c.row().id())) + " ");
            sources.add(new LogFollower.Source(p.pod().name(), c.row().id(), engine().pods().logFile(c.row())));
        }
        LogFollower logs = new LogFollower(sources);
        print(tail(window.follow ? logs.poll() : logs.drain(), window.tail), prefixes, bounds, zone);
        StopSignal stop = window.follow ? StopSignal.install() : null;
        while (window.follow && !stop.received()) {
            boolean live = engine().pods().pod(p.pod().id()).containers().stream()
                    .anyMatch(c -> prefixes.containsKey(c.row().id()) && c.current().live());
            if (!live) {
                print(logs.drain(), prefixes, bounds, zone);
                break;
            }
            stop.await(200);
            print(logs.poll(), prefixes, bounds, zone);
        }
        return 0;
    }

    /** The pod's containers to show: {@code only} (which must be the pod's), else every one but the infra container. */
    static List<ContainerInfo> shown(PodInfo p, ContainerInfo only) {
        if (only == null) {
            return p.containers().stream().filter(c -> !c.row().infra()).toList();
        }
        if (!only.row().podId().equals(p.pod().id())) {
            throw new NotFoundException("container", only.row().name(), "container " + only.row().name()
                    + " is not in pod " + p.pod().name() + ": no such container");
        }
        return List.of(only);
    }

    /** The last {@code n} lines of each container ({@code n} < 0: all), in the merged order. */
    static List<LogFollower.Line> tail(List<LogFollower.Line> lines, int n) {
        if (n < 0) {
            return lines;
        }
        Map<String, Integer> left = new HashMap<>();
        lines.forEach(l -> left.merge(l.container(), 1, Integer::sum));
        List<LogFollower.Line> out = new ArrayList<>();
        for (LogFollower.Line l : lines) {
            int remaining = left.merge(l.container(), -1, Integer::sum);
            if (remaining < n) {
                out.add(l);
            }
        }
        return out;
    }

    private void print(List<LogFollower.Line> lines, Map<String, String> prefixes, LogWindow.Bounds bounds, ZoneId zone) {
        var out = out();
        var err = err();
        for (LogFollower.Line line : lines) {
            if (!bounds.contains(line.time())) {
                continue;
            }
            var stream = line.stderr() ? err : out;
            stream.print(prefixes.getOrDefault(line.container(), ""));
            if (window.timestamps && line.time() != null) {
                stream.print(OffsetDateTime.ofInstant(line.time(), zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " ");
            }
            stream.print(line.text());
            stream.print('\n');
        }
        out.flush();
        err.flush();
    }
}
