package io.jpod.cli;

import io.jpod.engine.SystemService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
            out().println("WARNING! This will remove all pods, containers, images and jpod state of this user.");
            out().print("Are you sure you want to continue? [y/N] ");
            out().flush();
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (answer == null || !answer.trim().toLowerCase(java.util.Locale.ROOT).startsWith("y")) {
                return 0;
            }
        }
        SystemService.ResetReport r = engine().system().reset();
        r.errors().forEach(e -> err().println("Error: " + e));
        err().flush();
        return r.errors().isEmpty() ? 0 : ErrorReporter.ENGINE_ERROR;
    }
}
