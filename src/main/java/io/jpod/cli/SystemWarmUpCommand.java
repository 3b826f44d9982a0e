package io.jpod.cli;

import io.jpod.cli.format.Output;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code jpod system warm-up} (hidden): exercises the common paths (state store, output formats) once, so that bin/jpod can record an AOT cache from it. Run by the launcher
 * against throw-away directories (JPOD_ROOT, JPOD_RUNROOT); creates no pods. It leaves the YAML
 * model out on purpose: only kube commands load it.
 */
@Command(name = "warm-up", hidden = true, description = "Load jpod's common code paths (used to build the start-up cache).")
public final class SystemWarmUpCommand extends EngineCommand {
    @Override
    public Integer call() {
        var engine = engine();
        Instant now = Instant.now();
        PrintWriter sink = new PrintWriter(new StringWriter());
        var containers = engine.pods().containers();
        Output.print(sink, null, containers.stream().map(c -> Views.containerRow(c, now, false)).toList(), List.of());
        Output.printJson(sink, engine.pods().pods().stream().map(Views::podJson).toList());
        Output.print(sink, "{{.Names}} {{.Status}}", List.of(java.util.Map.of("Names", "x", "Status", "Up")), List.of());
        spec.root().commandLine().usage(sink);
        return 0;
    }
}
