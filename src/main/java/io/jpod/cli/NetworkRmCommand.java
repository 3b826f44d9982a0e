package io.jpod.cli;

import io.jpod.error.ConflictException;
import io.jpod.error.JpodException;
import io.jpod.error.NotFoundException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod network rm [-f] NAME...}: prints each name removed, an error per network that could not be; exits as
 * {@code podman network rm}: 1 when one was not found, 2 when one is in use.
 */
@Command(name = "rm", aliases = "remove", description = "Remove networks.")
public final class NetworkRmCommand extends EngineCommand {
    @Option(names = {"-f", "--force"}, description = "Remove a network pods are on too, removing those pods first.")
    boolean force;

    @Parameters(paramLabel = "NETWORK", arity = "1..*")
    List<String> names = List.of();

    @Override
    public Integer call() {
        int code = 0;
        for (String n : names) {
            try {
                out().println(engine().networks().remove(n, force));
            } catch (JpodException e) {
                err().println("Error: " + ErrorReporter.message(e));
                code = e instanceof NotFoundException ? 1
                        : e instanceof ConflictException c && c.reason() == ConflictException.Reason.IN_USE ? 2 : ErrorReporter.ENGINE_ERROR;
            }
        }
        out().flush();
        err().flush();
        return code;
    }
}
