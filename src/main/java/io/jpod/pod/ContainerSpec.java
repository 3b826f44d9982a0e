package io.jpod.pod;

import java.util.List;

/**
 * A container as the user asked for it (from YAML), before the image's defaults are merged.
 *
 * @param name       the container's name inside the pod (the runtime name is {@code <pod>-<name>})
 * @param image      the image reference as written
 * @param command    Kubernetes' command (replaces the image's ENTRYPOINT); empty when not set
 * @param args       Kubernetes' args (replace the image's CMD); empty when not set
 * @param env        environment, in order
 * @param workingDir working directory, or null for the image's
 * @param pullPolicy imagePullPolicy as written, or null for Kubernetes' default ({@link #effectivePullPolicy()})
 */
public record ContainerSpec(String name, String image, List<String> command, List<String> args, List<EnvVar> env,
        String workingDir, PullPolicy pullPolicy) {
    public ContainerSpec {
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = List.copyOf(env);
    }

    /** A container with the default pull policy. */
    public ContainerSpec(String name, String image, List<String> command, List<String> args, List<EnvVar> env, String workingDir) {
        this(name, image, command, args, env, workingDir, null);
    }

    /** The pull policy that applies: the one written, else Kubernetes' default for the image. */
    public PullPolicy effectivePullPolicy() {
        return pullPolicy != null ? pullPolicy : PullPolicy.defaultFor(image);
    }
}
