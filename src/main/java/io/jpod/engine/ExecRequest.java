package io.jpod.engine;

import java.util.List;

/**
 * A process to run in a running container.
 *
 * @param command     argv
 * @param env         extra NAME=value entries (added to the container's)
 * @param workingDir  working directory, or null for the container's
 * @param user        user[:group] (numeric), or null for the container's
 * @param interactive keep standard input attached
 * @param tty         allocate a terminal
 */
public record ExecRequest(List<String> command, List<String> env, String workingDir, String user, boolean interactive,
        boolean tty) {
    public ExecRequest {
        command = List.copyOf(command);
        env = List.copyOf(env);
    }
}
