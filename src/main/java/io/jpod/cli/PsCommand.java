package io.jpod.cli;

import io.jpod.cli.format.Column;
import io.jpod.cli.format.Output;
import io.jpod.engine.PodEngine.ContainerInfo;
import io.jpod.state.ContainerState;
import java.time.Instant;
import java.util.ArrayList;
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

    @Override
    public Integer call() {
        Instant now = Instant.now();
        List<ContainerInfo> cs = engine().pods().containers().stream()
                .filter(c -> all || c.current() == ContainerState.RUNNING).toList();
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
