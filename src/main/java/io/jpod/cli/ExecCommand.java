package io.jpod.cli;

import io.jpod.engine.ExecRequest;
import io.jpod.engine.ExecResult;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod exec [-it] [-e K=V] [-w DIR] [-u USER] CONTAINER COMMAND [ARG...]}: exit code passed through. */
@Command(name = "exec", description = "Run a process in a running container.")
public final class ExecCommand extends EngineCommand {
    @Option(names = {"-i", "--interactive"}, description = "Keep STDIN open.")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY.")
    boolean tty;

    @Option(names = {"-e", "--env"}, description = "Set environment variables (NAME=value).")
    List<String> env = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, description = "Working directory inside the container.")
    String workdir;

    @Option(names = {"-u", "--user"}, description = "User (uid[:gid]) to run the command as.")
    String user;

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND")
    List<String> command;

    @Override
    public Integer call() {
        out().flush();
        ExecResult r = engine().pods().exec(container, new ExecRequest(command, env, workdir, user, interactive, tty), System.err);
        if (r.failure() != null) {
            throw new ExitCodeException(r.exitCode(), r.failure() + ": OCI runtime attempted to invoke a command that was "
                    + (r.exitCode() == ExecResult.NOT_FOUND ? "not found" : "not executable"));
        }
        return r.exitCode();
    }
}
