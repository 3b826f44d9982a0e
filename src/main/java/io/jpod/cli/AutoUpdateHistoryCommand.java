package io.jpod.cli;

import io.jpod.cli.format.Column;
import io.jpod.cli.format.Output;
import io.jpod.state.AutoUpdateTable.HistoryRow;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpod auto-update history}: every run's result per container, oldest first: when, what changed, the outcome and why. */
@Command(name = "history", description = "Show every auto-update run: when, what changed, the outcome and why.")
public final class AutoUpdateHistoryCommand extends EngineCommand {
    static final List<Column> TABLE = List.of(new Column("TIME", "{{.Time}}"), new Column("TRIGGER", "{{.Trigger}}"),
            new Column("CONTAINER", "{{.ContainerName}}"), new Column("IMAGE", "{{.Image}}"), new Column("POLICY", "{{.Policy}}"),
            new Column("UPDATED", "{{.Updated}}"), new Column("REASON", "{{.Reason}}"));
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Option(names = "--format", description = "json, a Go template or 'table ...'.")
    String format;

    @Override
    public Integer call() {
        List<HistoryRow> rows = engine().autoUpdate().history();
        Output.print(out(), format, rows.stream().map(AutoUpdateHistoryCommand::row).toList(), TABLE);
        out().flush();
        return 0;
    }

    static Map<String, Object> row(HistoryRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Run", r.run());
        m.put("Time", TIME.format(r.time().atZone(ZoneId.systemDefault())));
        m.put("Trigger", r.trigger());
        m.put("Pod", r.pod());
        m.put("Container", r.container());
        m.put("ContainerName", r.pod() + "-" + r.container());
        m.put("Image", r.image());
        m.put("Policy", r.policy());
        m.put("Updated", r.outcome());
        m.put("OldImage", r.oldImage() == null ? "" : r.oldImage());
        m.put("NewImage", r.newImage() == null ? "" : r.newImage());
        m.put("Reason", r.reason() == null ? "" : r.reason());
        return m;
    }
}
