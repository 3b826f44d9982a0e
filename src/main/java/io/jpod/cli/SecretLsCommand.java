package io.jpod.cli;

import io.jpod.cli.format.Output;
import io.jpod.engine.SecretService.SecretInfo;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpod secret ls [--format F] [-q] [--noheading]}: as {@code podman secret ls}. */
@Command(name = "ls", aliases = "list", description = "List secrets.")
public final class SecretLsCommand extends EngineCommand {
    @Option(names = "--format", description = "json, a Go template or 'table ...'.")
    String format;

    @Option(names = {"-q", "--quiet"}, description = "Print secret IDs only.")
    boolean quiet;

    @Option(names = {"-n", "--noheading"}, description = "Do not print the table's heading.")
    boolean noHeading;

    @Override
    public Integer call() {
        List<SecretInfo> secrets = engine().secrets().list();
        if (quiet) {
            secrets.forEach(s -> out().println(s.id()));
        } else {
            Instant now = Instant.now();
            String f = format == null && noHeading ? "{{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.CreatedAt}}\t{{.UpdatedAt}}" : format;
            Output.print(out(), f, secrets.stream().map(s -> SecretRows.row(s, now)).toList(), SecretRows.TABLE);
        }
        out().flush();
        return 0;
    }
}
