package io.jpod.cli;

import io.jpod.error.HostException;
import io.jpod.error.JpodException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place that turns failures into what a user sees: one line "Error: ..." and podman's exit
 * codes (125 for anything jpod itself failed at). A stack trace only with --log-level=debug.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    static final int ENGINE_ERROR = 125;
    static final int CANNOT_INVOKE = 126;
    static final int NOT_FOUND = 127;

    private final GlobalOptions global;

    ErrorReporter(GlobalOptions global) {
        this.global = global;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
        var err = cl.getErr();
        if (ex instanceof ExitCodeException e) {
            if (e.getMessage() != null) {
                err.println("Error: " + e.getMessage());
            }
            return e.code();
        }
        err.println("Error: " + message(ex));
        if (ex instanceof HostException h && h.hint() != null) {
            err.println("Hint: " + h.hint());
        }
        if (global.logLevel() == GlobalOptions.LogLevel.debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ENGINE_ERROR;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        var err = ex.getCommandLine().getErr();
        CommandLine at = ex.getCommandLine();
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !at.getSubcommands().isEmpty()
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            err.println("Error: unrecognized command '" + at.getCommandSpec().qualifiedName() + " " + u.getUnmatched().get(0) + "'");
        } else {
            err.println("Error: " + ex.getMessage());
        }
        err.println("See '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return ENGINE_ERROR;
    }

    static String message(Throwable ex) {
        if (ex instanceof JpodException) {
            return ex.getMessage();
        }
        String m = ex.getMessage();
        return ex.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
