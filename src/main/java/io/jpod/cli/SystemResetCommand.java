package io.jpod.cli;

import io.jpod.engine.SystemService;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpod system reset [-f]}: remove all pods, containers, images and state of this user. */
@Command(name = "reset", description = "Reset jpod storage: remove all pods, containers, images and state of this user.")
public final class SystemResetCommand extends EngineCommand {
    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        if (!force) {
            if (!Confirmation.ask(out(), invocation().in(), "WARNING! This will remove all pods, containers, images and jpod state of this user.")) {
                return 0;
            }
        }
        SystemService.ResetReport r = engine().system().reset();
        r.errors().forEach(e -> err().println("Error: " + e));
        err().flush();
        return r.errors().isEmpty() ? 0 : ErrorReporter.ENGINE_ERROR;
    }
}
