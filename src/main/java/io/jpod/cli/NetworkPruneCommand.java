package io.jpod.cli;

import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpod network prune [-f]}: removes every network no pod is on (never the default one), as {@code podman network prune}. */
@Command(name = "prune", description = "Remove unused networks.")
public final class NetworkPruneCommand extends EngineCommand {
    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        if (!force && !Confirmation.ask(out(), invocation().in(), "WARNING! This will remove all networks not used by at least one container.")) {
            return 0;
        }
        engine().networks().prune().forEach(out()::println);
        out().flush();
        return 0;
    }
}
