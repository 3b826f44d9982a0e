package io.jpod.error;

/**
 * Root of every error jpod reports to a user. Subclasses carry what was at fault; the CLI maps
 * them to one-line messages and exit codes (see io.jpod.cli.ErrorReporter).
 */
public class JpodException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JpodException(String message) {
        super(message);
    }

    public JpodException(String message, Throwable cause) {
        super(message, cause);
    }
}
