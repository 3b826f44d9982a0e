package io.jpod.pod;

import java.util.List;

/**
 * What an image says a container should run, when the pod does not say otherwise.
 *
 * @param stopSignal the image's STOPSIGNAL, or null
 */
public record ImageDefaults(List<String> entrypoint, List<String> cmd, List<String> env, String workingDir, String user,
        String stopSignal) {
    public ImageDefaults {
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        env = env == null ? List.of() : List.copyOf(env);
    }

    /** Without a stop signal. */
    public ImageDefaults(List<String> entrypoint, List<String> cmd, List<String> env, String workingDir, String user) {
        this(entrypoint, cmd, env, workingDir, user, null);
    }

    public static final ImageDefaults NONE = new ImageDefaults(List.of(), List.of(), List.of(), null, null);
}
