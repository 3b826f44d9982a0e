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
 * @param restartPolicy   an init container's own restartPolicy: Always makes it a sidecar; null otherwise
 * @param livenessProbe   restarts the container when it fails, or null
 * @param readinessProbe  makes the container (and its pod) ready while it passes, or null
 * @param startupProbe    holds the other probes back until it passes once; restarts the container when it fails; or null
 * @param lifecycle       postStart and preStop hooks ({@link Lifecycle#NONE} when none)
 */
public record ContainerSpec(String name, String image, List<String> command, List<String> args, List<EnvVar> env,
        String workingDir, PullPolicy pullPolicy, List<VolumeMount> volumeMounts, SecurityContext securityContext,
        String stopSignal, Resources resources, List<ContainerPort> ports, RestartPolicy restartPolicy, Probe livenessProbe,
        Probe readinessProbe, Probe startupProbe, Lifecycle lifecycle) {
    public ContainerSpec {
        ports = ports == null ? List.of() : List.copyOf(ports);
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = List.copyOf(env);
        volumeMounts = volumeMounts == null ? List.of() : List.copyOf(volumeMounts);
        securityContext = securityContext == null ? SecurityContext.NONE : securityContext;
        resources = resources == null ? Resources.NONE : resources;
        lifecycle = lifecycle == null ? Lifecycle.NONE : lifecycle;
    }

    /** Whether something must watch it while it runs: a probe. */
    public boolean probed() {
        return livenessProbe != null || readinessProbe != null || startupProbe != null;
    }

    /**
     * A container named {@code name} running {@code image}, to be built: until set, it has no command, args, environment,
     * volume mounts or ports, the image's working directory and stop signal, the default pull policy, no security context
     * and no resources.
     */
    public static Builder builder(String name, String image) {
        return new Builder(name, image);
    }

    /** A builder holding this container, to change some of it. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether this init container is a sidecar: started in order, then kept running beside the app containers. */
    public boolean sidecar() {
        return restartPolicy == RestartPolicy.ALWAYS;
    }

    /** The pull policy that applies: the one written, else Kubernetes' default for the image. */
    public PullPolicy effectivePullPolicy() {
        return pullPolicy != null ? pullPolicy : PullPolicy.defaultFor(image);
    }

    /**
     * Builds a {@link ContainerSpec} from the defaults ({@link #builder(String, String)}) or from a container
     * ({@link #toBuilder()}): a new field of the record is added here, its default with it, and callers that do not set it
     * stay as they are.
     */
    public static final class Builder {
        private final String name;
        private final String image;
        private List<String> command = List.of();
        private List<String> args = List.of();
        private List<EnvVar> env = List.of();
        private String workingDir;
        private PullPolicy pullPolicy;
        private List<VolumeMount> volumeMounts = List.of();
        private SecurityContext securityContext = SecurityContext.NONE;
        private String stopSignal;
        private Resources resources = Resources.NONE;
        private List<ContainerPort> ports = List.of();
        private RestartPolicy restartPolicy;
        private Probe livenessProbe;
        private Probe readinessProbe;
        private Probe startupProbe;
        private Lifecycle lifecycle = Lifecycle.NONE;

        private Builder(String name, String image) {
            this.name = name;
            this.image = image;
        }

        private Builder(ContainerSpec c) {
            name = c.name;
            image = c.image;
            command = c.command;
            args = c.args;
            env = c.env;
            workingDir = c.workingDir;
            pullPolicy = c.pullPolicy;
            volumeMounts = c.volumeMounts;
            securityContext = c.securityContext;
            stopSignal = c.stopSignal;
            resources = c.resources;
            ports = c.ports;
            restartPolicy = c.restartPolicy;
            livenessProbe = c.livenessProbe;
            readinessProbe = c.readinessProbe;
            startupProbe = c.startupProbe;
            lifecycle = c.lifecycle;
        }

        public Builder command(List<String> value) {
            command = value;
            return this;
        }

        public Builder command(String... value) {
            return command(List.of(value));
        }

        public Builder args(List<String> value) {
            args = value;
            return this;
        }

        public Builder args(String... value) {
            return args(List.of(value));
        }

        public Builder env(List<EnvVar> value) {
            env = value;
            return this;
        }

        public Builder env(EnvVar... value) {
            return env(List.of(value));
        }

        /** The working directory; null for the image's. */
        public Builder workingDir(String value) {
            workingDir = value;
            return this;
        }

        /** The imagePullPolicy; null for Kubernetes' default. */
        public Builder pullPolicy(PullPolicy value) {
            pullPolicy = value;
            return this;
        }

        public Builder volumeMounts(List<VolumeMount> value) {
            volumeMounts = value;
            return this;
        }

        public Builder volumeMounts(VolumeMount... value) {
            return volumeMounts(List.of(value));
        }

        public Builder securityContext(SecurityContext value) {
            securityContext = value;
            return this;
        }

        /** lifecycle.stopSignal; null for the image's STOPSIGNAL, else SIGTERM. */
        public Builder stopSignal(String value) {
            stopSignal = value;
            return this;
        }

        public Builder resources(Resources value) {
            resources = value;
            return this;
        }

        public Builder ports(List<ContainerPort> value) {
            ports = value;
            return this;
        }

        public Builder livenessProbe(Probe value) {
            livenessProbe = value;
            return this;
        }

        public Builder readinessProbe(Probe value) {
            readinessProbe = value;
            return this;
        }

        public Builder startupProbe(Probe value) {
            startupProbe = value;
            return this;
        }

        public Builder lifecycle(Lifecycle value) {
            lifecycle = value;
            return this;
        }

        /** An init container's restartPolicy (Always: a sidecar). */
        public Builder restartPolicy(RestartPolicy value) {
            restartPolicy = value;
            return this;
        }

        public Builder ports(ContainerPort... value) {
            return ports(List.of(value));
        }

        public ContainerSpec build() {
            return new ContainerSpec(name, image, command, args, env, workingDir, pullPolicy, volumeMounts, securityContext,
                    stopSignal, resources, ports, restartPolicy, livenessProbe, readinessProbe, startupProbe, lifecycle);
        }
    }
}
