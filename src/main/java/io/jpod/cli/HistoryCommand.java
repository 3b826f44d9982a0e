package io.jpod.cli;

import io.jpod.cli.format.Column;
import io.jpod.cli.format.Output;
import io.jpod.image.HistoryEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod history IMAGE} and {@code jpod image history IMAGE}: the image's history, as {@code podman history}. */
@Command(name = "history", description = "Show the history of an image.")
public final class HistoryCommand extends EngineCommand {
    static final List<Column> TABLE = List.of(new Column("ID", "{{.ID}}"), new Column("CREATED", "{{.Created}}"),
            new Column("CREATED BY", "{{.CreatedBy}}"), new Column("SIZE", "{{.Size}}"), new Column("COMMENT", "{{.Comment}}"));
    private static final int CREATED_BY_WIDTH = 45;

    @Option(names = "--format", description = "json, a Go template or 'table ...'.")
    String format;

    @Option(names = "--no-trunc", description = "Do not truncate the output.")
    boolean noTrunc;

    @Option(names = {"-q", "--quiet"}, description = "Display the numeric IDs only.")
    boolean quiet;

    @Option(names = {"-H", "--human"}, arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Display sizes and dates in human readable format (default true).")
    boolean human;

    @Parameters(paramLabel = "IMAGE", arity = "1")
    String image;

    @Override
    public Integer call() {
        List<HistoryEntry> entries = engine().images().history(image);
        if (quiet) {
            entries.forEach(e -> out().println(id(e, noTrunc)));
        } else if (format != null && format.strip().equals("json")) {
            Output.printJson(out(), entries.stream().map(HistoryCommand::json).toList());
        } else {
            Instant now = Instant.now();
            Output.print(out(), format, entries.stream().map(e -> row(e, now, noTrunc, human)).toList(), TABLE);
        }
        out().flush();
        return 0;
    }

    private static String id(HistoryEntry e, boolean noTrunc) {
        return noTrunc || e.id().equals(HistoryEntry.MISSING) ? e.id() : Views.shortId(e.id());
    }

    /** A row of the table or a template: as podman's, truncated and human unless asked otherwise. */
    static Map<String, Object> row(HistoryEntry e, Instant now, boolean noTrunc, boolean human) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ID", id(e, noTrunc));
        m.put("Created", human ? Output.ago(Duration.between(e.created(), now)) : e.created().toString());
        String by = e.createdBy();
        m.put("CreatedBy", !noTrunc && by.length() > CREATED_BY_WIDTH ? by.substring(0, CREATED_BY_WIDTH - 3) + "..." : by);
        m.put("Size", human ? Output.humanSize(e.size()) : Long.toString(e.size()));
        m.put("Comment", e.comment());
        return m;
    }

    /** An entry of {@code --format json}, with podman's keys. */
    static Map<String, Object> json(HistoryEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("created", e.created().toString());
        m.put("CreatedBy", e.createdBy());
        m.put("size", e.size());
        m.put("comment", e.comment());
        return m;
    }
}
