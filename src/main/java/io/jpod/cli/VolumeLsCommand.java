package io.jpod.cli;

import io.jpod.cli.format.Output;
import io.jpod.engine.VolumeService.VolumeInfo;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpod volume ls [--format F] [-q] [--filter KEY=VALUE]...}: lists volumes as {@code podman volume ls}. */
@Command(name = "ls", aliases = "list", description = "List volumes.")
public final class VolumeLsCommand extends EngineCommand {
    @Option(names = "--format", description = "json, a Go template or 'table ...'.")
    String format;

    @Option(names = {"-q", "--quiet"}, description = "Print volume names only.")
    boolean quiet;

    @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE",
            description = "Show only volumes matching: name, label, driver, scope, dangling, opt (repeatable).")
    List<String> filters = List.of();

    @Option(names = {"-n", "--noheading"}, description = "Do not print the table's heading.")
    boolean noHeading;

    @Override
    public Integer call() {
        var wanted = VolumeFilter.parse(filters);
        List<VolumeInfo> volumes = engine().volumes().list().stream().filter(wanted).toList();
        if (quiet) {
            volumes.forEach(v -> out().println(v.row().name()));
        } else {
            String f = format == null && noHeading ? "{{.Driver}}\t{{.Name}}" : format;
            Output.print(out(), f, volumes.stream().map(VolumeRows::inspect).toList(), VolumeRows.TABLE);
        }
        out().flush();
        return 0;
    }
}
