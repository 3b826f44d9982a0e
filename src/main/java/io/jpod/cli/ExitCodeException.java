package io.jpod.cli;

/** Ends a command with a given exit code (e.g. exec passing through its process's status). */
final class ExitCodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;

    ExitCodeException(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    int code() {
        return code;
    }
}
