package io.jpod.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod secret inspect [--format F] SECRET...}: podman's JSON of secrets, without their data. */
@Command(name = "inspect", description = "Inspect a secret (never its data).")
public final class SecretInspectCommand extends EngineCommand {
    @Option(names = {"-f", "--format"}, description = "json (default) or a Go template.")
    String format;

    @Parameters(paramLabel = "SECRET", arity = "1..*")
    List<String> names = List.of();

    @Override
    public Integer call() {
        return PerObject.inspect(this, names, format, false, n -> SecretRows.inspect(engine().secrets().inspect(n)));
    }
}
