package io.jpod.cli;

import io.jpod.cli.format.Column;
import io.jpod.cli.format.Output;
import io.jpod.engine.Filters;
import io.jpod.engine.PodService.PodInfo;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpod pod ps}: list pods. */
@Command(name = "ps", aliases = {"ls", "list"}, description = "List pods.")
public final class PodPsCommand extends EngineCommand {
    static final List<Column> COLUMNS = List.of(new Column("POD ID", "{{.ID}}"), new Column("NAME", "{{.Name}}"),
            new Column("STATUS", "{{.Status}}"), new Column("PHASE", "{{.PhaseShown}}"), new Column("READY", "{{.Ready}}"),
            new Column("RESTARTS", "{{.Restarts}}"), new Column("CREATED", "{{.Created}}"), new Column("INFRA ID", "{{.InfraID}}"),
            new Column("# OF CONTAINERS", "{{.NumberOfContainers}}"));

    @Option(names = "--format", description = "Pretty-print pods: json or a Go template.")
    String format;

    @Option(names = {"-q", "--quiet"}, description = "Print only the pod IDs.")
    boolean quiet;

    @Option(names = "--no-trunc", description = "Do not truncate pod IDs.")
    boolean noTrunc;

    @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE", description = "Filter output: id, name (regex), label, status, "
            + "ctr-names, ctr-ids, ctr-number, ctr-status, before, since. One key's values are alternatives; keys combine.")
    java.util.List<String> filters = new java.util.ArrayList<>();

    @Option(names = {"-l", "--latest"}, description = "Act on the latest pod jpod is aware of.")
    boolean latest;

    @Override
    public Integer call() {
        List<PodInfo> pods = Filters.pods().apply(filters, engine().pods().pods());
        if (latest) {
            pods = pods.stream().max(java.util.Comparator.comparing((PodInfo p) -> p.pod().created())).stream().toList();
        }
        Instant now = Instant.now();
        String cgroupParent = engine().pods().cgroupParent();
        if (quiet) {
            pods.forEach(p -> out().println(noTrunc ? p.pod().id() : Views.shortId(p.pod().id())));
        } else if ("json".equals(format)) {
            Output.printJson(out(), pods.stream().map(p -> Views.podJson(p, cgroupParent)).toList());
        } else {
            List<java.util.Map<String, Object>> rows = pods.stream().map(p -> {
                var m = Views.podRow(p, cgroupParent, now);
                if (noTrunc) {
                    m.put("ID", p.pod().id());
                }
                return m;
            }).toList();
            Output.print(out(), format, rows, COLUMNS);
        }
        out().flush();
        return 0;
    }
}
