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
 * @param volumeMounts    the volumes mounted, in order (empty in rows stored before volumes existed)
 * @param securityContext the security context, the pod's merged in ({@link SecurityContext#NONE} when none)
 * @param stopSignal      lifecycle.stopSignal (SIGTERM, SIGINT, …), or null for the image's STOPSIGNAL, else SIGTERM
 * @param resources       resources.requests and limits ({@link Resources#NONE} when none)
 * @param ports           the container's ports, in order (empty in rows stored before ports existed)
 */
public record ContainerSpec(String name, String image, List<String> command, List<String> args, List<EnvVar> env,
        String workingDir, PullPolicy pullPolicy, List<VolumeMount> volumeMounts, SecurityContext securityContext,
        String stopSignal, Resources resources, List<ContainerPort> ports) {
    public ContainerSpec {
        ports = ports == null ? List.of() : List.copyOf(ports);
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = List.copyOf(env);
        volumeMounts = volumeMounts == null ? List.of() : List.copyOf(volumeMounts);
        securityContext = securityContext == null ? SecurityContext.NONE : securityContext;
        resources = resources == null ? Resources.NONE : resources;
    }

    /** A container without stop signal, resources or ports. */
    public ContainerSpec(String name, String image, List<String> command, List<String> args, List<EnvVar> env,
            String workingDir, PullPolicy pullPolicy, List<VolumeMount> volumeMounts, SecurityContext securityContext) {
        this(name, image, command, args, env, workingDir, pullPolicy, volumeMounts, securityContext, null, Resources.NONE, List.of());
    }

    /** A container without ports. */
    public ContainerSpec(String name, String image, List<String> command, List<String> args, List<EnvVar> env,
            String workingDir, PullPolicy pullPolicy, List<VolumeMount> volumeMounts, SecurityContext securityContext,
            String stopSignal, Resources resources) {
        this(name, image, command, args, env, workingDir, pullPolicy, volumeMounts, securityContext, stopSignal, resources, List.of());
    }

    /** A container without stop signal or resources. */
    public ContainerSpec(String name, String image, List<String> command, List<String> args, List<EnvVar> env, String workingDir,
            PullPolicy pullPolicy, List<VolumeMount> volumeMounts, SecurityContext securityContext, List<ContainerPort> ports) {
        this(name, image, command, args, env, workingDir, pullPolicy, volumeMounts, securityContext, null, Resources.NONE, ports);
    }

    /** This container with {@code newPorts} instead of its ports. */
    public ContainerSpec withPorts(List<ContainerPort> newPorts) {
        return new ContainerSpec(name, image, command, args, env, workingDir, pullPolicy, volumeMounts, securityContext, stopSignal,
                resources, newPorts);
    }

    /** A container without volumes or security context. */
    public ContainerSpec(String name, String image, List<String> command, List<String> args, List<EnvVar> env, String workingDir,
            PullPolicy pullPolicy) {
        this(name, image, command, args, env, workingDir, pullPolicy, List.of(), SecurityContext.NONE);
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
