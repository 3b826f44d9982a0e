package io.jpod.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod network inspect [--format F] NAME...}: podman-shaped JSON (always an array) of networks. */
@Command(name = "inspect", description = "Display the network configuration of one or more networks.")
public final class NetworkInspectCommand extends EngineCommand {
    @Option(names = {"-f", "--format"}, description = "json (default) or a Go template.")
    String format;

    @Parameters(paramLabel = "NETWORK", arity = "1..*")
    List<String> names = List.of();

    @Override
    public Integer call() {
        return PerObject.inspect(this, names, format, false, n -> NetworkRows.inspect(engine().networks().inspect(n)));
    }
}
