package io.jpod.pod;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * jpod's pod model: what a pod is, independent of YAML and of the OCI runtime.
 *
 * @param name                  the pod's name (metadata.name)
 * @param labels                metadata.labels, in order
 * @param annotations           metadata.annotations, in order
 * @param hostname              the hostname its containers see (spec.hostname, else the pod name)
 * @param restartPolicy         what happens when a container exits
 * @param shareProcessNamespace whether containers share one PID namespace (held by the infra container)
 * @param containers            the app containers, in order
 * @param stopTimeoutSeconds    terminationGracePeriodSeconds: how long a stopping container gets before SIGKILL
 * @param volumes               the pod's volumes, in order (empty in rows stored before volumes existed)
 * @param options               host aliases, DNS, host namespaces, sysctls, ulimits ({@link PodOptions#NONE} when none)
 * @param network               how its network namespace reaches the outside (slirp4netns when not given)
 */
public record PodSpec(String name, Map<String, String> labels, Map<String, String> annotations, String hostname,
        RestartPolicy restartPolicy, boolean shareProcessNamespace, List<ContainerSpec> containers, long stopTimeoutSeconds,
        List<Volume> volumes, PodOptions options, NetworkMode network) {
    /** podman's default stop timeout, used when the YAML gives no terminationGracePeriodSeconds. */
    public static final long DEFAULT_STOP_TIMEOUT = 10;

    public PodSpec {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
        containers = List.copyOf(containers);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        options = options == null ? PodOptions.NONE : options;
        network = options.hostNetwork() ? NetworkMode.HOST : network == null ? NetworkMode.SLIRP4NETNS : network;
    }

    /** Whether the pod stays in the host's network namespace (YAML hostNetwork, or {@code --network host}). */
    public boolean hostNetwork() {
        return network == NetworkMode.HOST;
    }

    /** A pod without host options, on the default network. */
    public PodSpec(String name, Map<String, String> labels, Map<String, String> annotations, String hostname,
            RestartPolicy restartPolicy, boolean shareProcessNamespace, List<ContainerSpec> containers, long stopTimeoutSeconds,
            List<Volume> volumes) {
        this(name, labels, annotations, hostname, restartPolicy, shareProcessNamespace, containers, stopTimeoutSeconds, volumes,
                PodOptions.NONE, null);
    }

    /** A pod on the default network. */
    public PodSpec(String name, Map<String, String> labels, Map<String, String> annotations, String hostname,
            RestartPolicy restartPolicy, boolean shareProcessNamespace, List<ContainerSpec> containers, long stopTimeoutSeconds,
            List<Volume> volumes, PodOptions options) {
        this(name, labels, annotations, hostname, restartPolicy, shareProcessNamespace, containers, stopTimeoutSeconds, volumes,
                options, null);
    }

    /** A pod without host options. */
    public PodSpec(String name, Map<String, String> labels, Map<String, String> annotations, String hostname,
            RestartPolicy restartPolicy, boolean shareProcessNamespace, List<ContainerSpec> containers, long stopTimeoutSeconds,
            List<Volume> volumes, NetworkMode network) {
        this(name, labels, annotations, hostname, restartPolicy, shareProcessNamespace, containers, stopTimeoutSeconds, volumes,
                PodOptions.NONE, network);
    }

    /** This pod with {@code newContainers} instead of its containers. */
    public PodSpec withContainers(List<ContainerSpec> newContainers) {
        return new PodSpec(name, labels, annotations, hostname, restartPolicy, shareProcessNamespace, newContainers, stopTimeoutSeconds,
                volumes, options, network);
    }

    /** This pod on {@code mode}. */
    public PodSpec withNetwork(NetworkMode mode) {
        return new PodSpec(name, labels, annotations, hostname, restartPolicy, shareProcessNamespace, containers, stopTimeoutSeconds,
                volumes, options, mode);
    }

    /** A pod without volumes. */
    public PodSpec(String name, Map<String, String> labels, Map<String, String> annotations, String hostname,
            RestartPolicy restartPolicy, boolean shareProcessNamespace, List<ContainerSpec> containers, long stopTimeoutSeconds) {
        this(name, labels, annotations, hostname, restartPolicy, shareProcessNamespace, containers, stopTimeoutSeconds, List.of());
    }

    /** The volume named {@code name}, or null. */
    public Volume volume(String name) {
        return volumes.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
    }

    /** The container named {@code kubeName} in the YAML, or null. */
    public ContainerSpec container(String kubeName) {
        return containers.stream().filter(c -> c.name().equals(kubeName)).findFirst().orElse(null);
    }

    /** The runtime name of a container of this pod, as podman names it. */
    public String containerName(ContainerSpec c) {
        return name + "-" + c.name();
    }

    /** The infra container's name, as podman names it: the first 12 hex digits of the pod id, then "-infra". */
    public static String infraName(String podId) {
        return podId.substring(0, 12) + "-infra";
    }
}
