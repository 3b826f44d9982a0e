package io.jpod.engine;

/**
 * How an exec ended: the process's exit code, or, when it could not run, podman's codes
 * (126: found but not runnable, 127: not found) with the runtime's reason.
 */
public record ExecResult(int exitCode, String failure) {
    public static final int CANNOT_INVOKE = 126;
    public static final int NOT_FOUND = 127;
}
