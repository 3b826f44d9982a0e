package io.jpod.cli;

import io.jpod.cli.format.Output;
import io.jpod.network.NetworkInfo;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpod network ls [--format F] [-q] [--noheading]}: lists networks as {@code podman network ls}. */
@Command(name = "ls", aliases = "list", description = "List networks.")
public final class NetworkLsCommand extends EngineCommand {
    @Option(names = "--format", description = "json, a Go template or 'table ...'.")
    String format;

    @Option(names = {"-q", "--quiet"}, description = "Print network names only.")
    boolean quiet;

    @Option(names = {"-n", "--noheading"}, description = "Do not print the table's heading.")
    boolean noHeading;

    @Override
    public Integer call() {
        List<NetworkInfo> networks = engine().networks().list();
        if (quiet) {
            networks.forEach(n -> out().println(n.name()));
        } else if ("json".equals(format)) {
            Output.print(out(), format, networks.stream().map(NetworkRows::inspect).toList(), NetworkRows.TABLE);
        } else {
            String f = format == null && noHeading ? "{{.ID}}\t{{.Name}}\t{{.Driver}}" : format;
            Output.print(out(), f, networks.stream().map(NetworkRows::listed).toList(), NetworkRows.TABLE);
        }
        out().flush();
        return 0;
    }
}
