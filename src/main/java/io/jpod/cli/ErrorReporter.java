package io.jpod.cli;

import io.jpod.engine.MissingVolumeException;
import io.jpod.error.AuthenticationException;
import io.jpod.error.ConflictException;
import io.jpod.error.HostException;
import io.jpod.error.JpodException;
import io.jpod.error.NotFoundException;
import io.jpod.image.ImageInUseException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place that turns failures into what a user sees: one line "Error: ..." with the advice
 * of what to do about it (the engine's exceptions say what was at fault, {@link #advice} which flag
 * or command helps), and podman's exit codes ({@link #exitCode}: 125 for anything jpod itself failed
 * at, {@code rmi}'s own). A stack trace only with --log-level=debug.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    static final int ENGINE_ERROR = 125;
    static final int CANNOT_INVOKE = 126;
    static final int NOT_FOUND = 127;
    /** {@code rmi}: an image was not found. */
    static final int RMI_NO_SUCH_IMAGE = 1;
    /** {@code rmi}: an image is in use by a container. */
    static final int RMI_IN_USE = 2;

    private final GlobalOptions global;

    ErrorReporter(GlobalOptions global) {
        this.global = global;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
        return report(ex, cl.getErr(), cl.getCommandName());
    }

    /** Prints what went wrong with command {@code commandName} to {@code err}; returns the exit code. */
    int report(Exception ex, PrintWriter err, String commandName) {
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
        return exitCode(ex, commandName);
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        var err = ex.getCommandLine().getErr();
        CommandLine at = ex.getCommandLine();
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !at.getSubcommands().isEmpty()
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            unrecognized(err, at.getCommandSpec().qualifiedName() + " " + u.getUnmatched().get(0));
            return ENGINE_ERROR;
        }
        err.println("Error: " + ex.getMessage());
        err.println("See '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return ENGINE_ERROR;
    }

    /**
     * A command line naming no command ({@code path}: "jpod nosuch", "jpod pod nosuch"), in podman's words; exit code 125,
     * with or without --help, so that a script can tell a verb is missing.
     */
    static void unrecognized(PrintWriter err, String path) {
        err.println("Error: unrecognized command `" + path + "`");
        err.println("Try '" + path.substring(0, path.lastIndexOf(' ')) + " --help' for more information");
        err.flush();
    }

    /** What the user sees of {@code ex}: its message, and for jpod's own errors the advice of {@link #advice}. */
    static String message(Throwable ex) {
        if (ex instanceof JpodException) {
            return ex.getMessage() + advice(ex);
        }
        String m = ex.getMessage();
        return ex.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /**
     * What to do about {@code ex}, in the words of jpod's flags and commands: "" when there is
     * nothing to say. A jpod error that wraps another (a pod's container whose image could not be
     * pulled) gets the advice of what it wraps.
     */
    static String advice(Throwable ex) {
        for (Throwable t = ex; t instanceof JpodException; t = t.getCause()) {
            String a = adviceFor(t);
            if (!a.isEmpty()) {
                return a;
            }
        }
        return "";
    }

    private static String adviceFor(Throwable ex) {
        if (ex instanceof MissingVolumeException m) {
            return " (jpod volume create " + m.volume() + ")";
        }
        if (ex instanceof ImageInUseException u) {
            return ": remove the container" + (u.containers().size() > 1 ? "s" : "") + " first, or force-remove the image with them (rmi -f)";
        }
        if (ex instanceof ConflictException c && c.reason() == ConflictException.Reason.UPDATING) {
            return ": try again once it has ended";
        }
        if (ex instanceof ConflictException c && "pod".equals(c.kind())) {
            return switch (c.reason()) {
                case EXISTS -> " (use --replace to replace it)";
                case RUNNING -> ": stop it first or use -f";
                default -> "";
            };
        }
        if (ex instanceof AuthenticationException a && a.anonymous()) {
            return " (log in with: jpod login " + a.registry() + ")";
        }
        return "";
    }

    /**
     * The exit code of command {@code command} (its name, as {@code rmi}) failing with {@code ex}:
     * podman's. {@code rmi}: 1 when an image was not found, 2 when one is in use; else 125.
     */
    static int exitCode(Throwable ex, String command) {
        if ("rmi".equals(command)) {
            if (ex instanceof NotFoundException) {
                return RMI_NO_SUCH_IMAGE;
            }
            if (ex instanceof ImageInUseException) {
                return RMI_IN_USE;
            }
        }
        return ENGINE_ERROR;
    }
}
