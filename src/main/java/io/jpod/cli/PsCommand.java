package io.jpod.cli;

import io.jpod.cli.format.Column;
import io.jpod.cli.format.Output;
import io.jpod.engine.Filters;
import io.jpod.engine.PodService.ContainerInfo;
import io.jpod.error.InvalidInputException;
import io.jpod.state.ContainerState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpod ps}: list containers (running ones, or all with -a). */
@Command(name = "ps", description = "List containers.")
public final class PsCommand extends EngineCommand {
    @Option(names = {"-a", "--all"}, description = "Show all the containers, default is only running containers.")
    boolean all;

    @Option(names = {"-p", "--pod"}, description = "Print the ID and name of the pod the containers are associated with.")
    boolean pod;

    @Option(names = "--format", description = "Pretty-print containers: json or a Go template.")
    String format;

    @Option(names = {"-q", "--quiet"}, description = "Print only the container IDs.")
    boolean quiet;

    @Option(names = "--no-trunc", description = "Display the extended information.")
    boolean noTrunc;

    @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE", description = "Filter output: id, name (regex), label, label!, "
            + "exited, status (implies --all), ancestor, pod, before, since. One key's values are alternatives; keys combine.")
    List<String> filters = new ArrayList<>();

    @Option(names = {"-n", "--last"}, paramLabel = "N", description = "Print the N last created containers (all states).")
    Integer last;

    @Option(names = {"-l", "--latest"}, description = "Act on the latest container jpod is aware of (all states).")
    boolean latest;

    @Option(names = "--sort", paramLabel = "KEY", description = "Sort by: command, created, id, image, names, runningfor, status "
            + "(default: created).")
    String sort = "created";

    @Override
    public Integer call() {
        Instant now = Instant.now();
        boolean everyState = all || latest || last != null || filters.stream().anyMatch(f -> f.startsWith("status="));
        List<ContainerInfo> cs = Filters.containers().apply(filters, engine().pods().containers()).stream()
                .filter(c -> everyState || c.current() == ContainerState.RUNNING)
                .sorted(order(sort, now)).toList();
        int keep = latest ? 1 : last == null || last < 0 ? cs.size() : Math.min(last, cs.size());
        if (keep < cs.size()) {
            cs = cs.stream().sorted(Comparator.comparing((ContainerInfo c) -> c.row().created()).reversed()).limit(keep)
                    .sorted(order(sort, now)).toList();
        }
        if (quiet) {
            cs.forEach(c -> out().println(noTrunc ? c.row().id() : Views.shortId(c.row().id())));
        } else if ("json".equals(format)) {
            Output.printJson(out(), cs.stream().map(c -> Views.containerJson(c, now)).toList());
        } else {
            List<Map<String, Object>> rows = cs.stream().map(c -> Views.containerRow(c, now, noTrunc)).toList();
            Output.print(out(), format, rows, columns());
        }
        out().flush();
        return 0;
    }

    /** podman's --sort keys; created is oldest first, as podman lists. */
    static Comparator<ContainerInfo> order(String key, Instant now) {
        Comparator<ContainerInfo> byCreated = Comparator.comparing(c -> c.row().created());
        return switch (key) {
            case "created", "runningfor" -> byCreated;
            case "command" -> Comparator.comparing((ContainerInfo c) -> String.join(" ", c.row().config().process().argsShown()))
                    .thenComparing(byCreated);
            case "id" -> Comparator.comparing(c -> c.row().id());
            case "image" -> Comparator.comparing((ContainerInfo c) -> String.valueOf(c.row().imageName())).thenComparing(byCreated);
            case "names" -> Comparator.comparing(c -> c.row().name());
            case "status" -> Comparator.comparing((ContainerInfo c) -> c.current().label()).thenComparing(byCreated);
            default -> throw new InvalidInputException("--sort " + key,
                    "invalid sort key (valid: command, created, id, image, names, runningfor, status)");
        };
    }

    private List<Column> columns() {
        List<Column> cols = new ArrayList<>(List.of(new Column("CONTAINER ID", "{{.ID}}"), new Column("IMAGE", "{{.Image}}"),
                new Column("COMMAND", "{{.Command}}"), new Column("CREATED", "{{.CreatedHuman}}"),
                new Column("STATUS", "{{.Status}}"), new Column("PORTS", "{{.Ports}}"), new Column("NAMES", "{{.Names}}")));
        if (pod) {
            cols.add(new Column("POD ID", "{{.Pod}}"));
            cols.add(new Column("PODNAME", "{{.PodName}}"));
        }
        return cols;
    }
}
