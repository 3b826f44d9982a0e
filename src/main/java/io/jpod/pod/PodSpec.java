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
 * @param network               how its network namespace reaches the outside (slirp4netns when not given)
 */
public record PodSpec(String name, Map<String, String> labels, Map<String, String> annotations, String hostname,
        RestartPolicy restartPolicy, boolean shareProcessNamespace, List<ContainerSpec> containers, long stopTimeoutSeconds,
        List<Volume> volumes, NetworkMode network) {
    /** podman's default stop timeout, used when the YAML gives no terminationGracePeriodSeconds. */
    public static final long DEFAULT_STOP_TIMEOUT = 10;

    public PodSpec {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
        containers = List.copyOf(containers);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        network = network == null ? NetworkMode.SLIRP4NETNS : network;
    }

    /** A pod on the default network. */
    public PodSpec(String name, Map<String, String> labels, Map<String, String> annotations, String hostname,
            RestartPolicy restartPolicy, boolean shareProcessNamespace, List<ContainerSpec> containers, long stopTimeoutSeconds,
            List<Volume> volumes) {
        this(name, labels, annotations, hostname, restartPolicy, shareProcessNamespace, containers, stopTimeoutSeconds, volumes, null);
    }

    /** This pod with {@code newContainers} instead of its containers. */
    public PodSpec withContainers(List<ContainerSpec> newContainers) {
        return new PodSpec(name, labels, annotations, hostname, restartPolicy, shareProcessNamespace, newContainers, stopTimeoutSeconds,
                volumes, network);
    }

    /** This pod on {@code mode}. */
    public PodSpec withNetwork(NetworkMode mode) {
        return new PodSpec(name, labels, annotations, hostname, restartPolicy, shareProcessNamespace, containers, stopTimeoutSeconds,
                volumes, mode);
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
