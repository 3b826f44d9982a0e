package io.jpod.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod secret rm [--all] SECRET...}: prints each removed secret's id; an error per one that could not be. */
@Command(name = "rm", description = "Remove one or more secrets.")
public final class SecretRmCommand extends EngineCommand {
    @Option(names = {"-a", "--all"}, description = "Remove all secrets.")
    boolean all;

    @Parameters(paramLabel = "SECRET", arity = "0..*")
    List<String> names = List.of();

    @Override
    public Integer call() {
        if (all == !names.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), all
                    ? "when using the --all flag, no secret names may be given" : "at least one argument is required or use --all");
        }
        List<String> wanted = all ? engine().secrets().list().stream().map(s -> s.name()).toList() : names;
        return PerObject.run(this, wanted, n -> engine().secrets().remove(n));
    }
}
