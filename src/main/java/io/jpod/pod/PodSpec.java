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
 * @param initContainers        the init containers, run in order before the app containers (a sidecar, restartPolicy
 *                              Always, keeps running beside them); empty in rows stored before they existed
 * @param networkName           the named network it is on, with {@link NetworkMode#BRIDGE} ({@value NetworkMode#DEFAULT_NETWORK}
 *                              when not given, as in rows stored before named networks existed); null with the other modes
 */
public record PodSpec(String name, Map<String, String> labels, Map<String, String> annotations, String hostname,
        RestartPolicy restartPolicy, boolean shareProcessNamespace, List<ContainerSpec> containers, long stopTimeoutSeconds,
        List<Volume> volumes, PodOptions options, NetworkMode network, List<ContainerSpec> initContainers, String networkName) {
    /** podman's default stop timeout, used when the YAML gives no terminationGracePeriodSeconds. */
    public static final long DEFAULT_STOP_TIMEOUT = 10;

    public PodSpec {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
        containers = List.copyOf(containers);
        initContainers = initContainers == null ? List.of() : List.copyOf(initContainers);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        options = options == null ? PodOptions.NONE : options;
        network = options.hostNetwork() ? NetworkMode.HOST : network == null ? NetworkMode.SLIRP4NETNS : network;
        networkName = network != NetworkMode.BRIDGE ? null : networkName == null ? NetworkMode.DEFAULT_NETWORK : networkName;
    }

    /** Whether the pod stays in the host's network namespace (YAML hostNetwork, or {@code --network host}). */
    public boolean hostNetwork() {
        return network == NetworkMode.HOST;
    }

    /**
     * A pod named {@code name}, to be built: until set, its hostname is its name, it has no labels, annotations, containers,
     * volumes or host options, restart policy Always, no shared PID namespace, the default stop timeout and network.
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder holding this pod, to change some of it. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder holding this pod under another name (its hostname kept as it is). */
    public Builder toBuilder(String newName) {
        return new Builder(this, newName);
    }

    /** The volume named {@code name}, or null. */
    public Volume volume(String name) {
        return volumes.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
    }

    /** The container named {@code kubeName} in the YAML (an app or an init container), or null. */
    public ContainerSpec container(String kubeName) {
        return allContainers().stream().filter(c -> c.name().equals(kubeName)).findFirst().orElse(null);
    }

    /** The init containers, then the app containers. */
    public List<ContainerSpec> allContainers() {
        if (initContainers.isEmpty()) {
            return containers;
        }
        List<ContainerSpec> all = new java.util.ArrayList<>(initContainers);
        all.addAll(containers);
        return List.copyOf(all);
    }

    /** This pod with {@code ip} as the value of every status.podIP and status.podIPs fieldRef of its containers. */
    public PodSpec withPodIp(String ip) {
        return withFieldValue(java.util.Set.of("status.podIP", "status.podIPs"), ip);
    }

    /** This pod with {@code ip}, the node's address, as the value of every status.hostIP and status.hostIPs fieldRef. */
    public PodSpec withHostIp(String ip) {
        return withFieldValue(java.util.Set.of("status.hostIP", "status.hostIPs"), ip);
    }

    private PodSpec withFieldValue(java.util.Set<String> fieldPaths, String value) {
        java.util.function.Predicate<EnvVar> reads = e -> e.fieldPath() != null && fieldPaths.contains(e.fieldPath());
        java.util.function.UnaryOperator<ContainerSpec> follow = c -> c.env().stream().noneMatch(reads)
                ? c : c.toBuilder().env(c.env().stream().map(e -> reads.test(e) ? e.withValue(value) : e).toList()).build();
        return toBuilder().containers(containers().stream().map(follow).toList())
                .initContainers(initContainers().stream().map(follow).toList()).build();
    }

    /** The runtime name of a container of this pod, as podman names it. */
    public String containerName(ContainerSpec c) {
        return name + "-" + c.name();
    }

    /** The infra container's name, as podman names it: the first 12 hex digits of the pod id, then "-infra". */
    public static String infraName(String podId) {
        return podId.substring(0, 12) + "-infra";
    }

    /**
     * Builds a {@link PodSpec} from the defaults ({@link #builder(String)}) or from a pod ({@link #toBuilder()}): a new field
     * of the record is added here, its default with it, and callers that do not set it stay as they are.
     */
    public static final class Builder {
        private final String name;
        private Map<String, String> labels = Map.of();
        private Map<String, String> annotations = Map.of();
        private String hostname;
        private RestartPolicy restartPolicy = RestartPolicy.ALWAYS;
        private boolean shareProcessNamespace;
        private List<ContainerSpec> containers = List.of();
        private long stopTimeoutSeconds = DEFAULT_STOP_TIMEOUT;
        private List<Volume> volumes = List.of();
        private PodOptions options = PodOptions.NONE;
        private NetworkMode network;
        private List<ContainerSpec> initContainers = List.of();
        private String networkName;

        private Builder(String name) {
            this.name = name;
        }

        private Builder(PodSpec p) {
            this(p, p.name);
        }

        private Builder(PodSpec p, String name) {
            this.name = name;
            labels = p.labels;
            annotations = p.annotations;
            hostname = p.hostname;
            restartPolicy = p.restartPolicy;
            shareProcessNamespace = p.shareProcessNamespace;
            containers = p.containers;
            stopTimeoutSeconds = p.stopTimeoutSeconds;
            volumes = p.volumes;
            options = p.options;
            network = p.network;
            initContainers = p.initContainers;
            networkName = p.networkName;
        }

        public Builder initContainers(List<ContainerSpec> value) {
            initContainers = value;
            return this;
        }

        public Builder initContainers(ContainerSpec... value) {
            return initContainers(List.of(value));
        }

        public Builder labels(Map<String, String> value) {
            labels = value;
            return this;
        }

        public Builder annotations(Map<String, String> value) {
            annotations = value;
            return this;
        }

        /** The hostname its containers see; null for the pod's name. */
        public Builder hostname(String value) {
            hostname = value;
            return this;
        }

        public Builder restartPolicy(RestartPolicy value) {
            restartPolicy = value;
            return this;
        }

        public Builder shareProcessNamespace(boolean value) {
            shareProcessNamespace = value;
            return this;
        }

        public Builder containers(List<ContainerSpec> value) {
            containers = value;
            return this;
        }

        public Builder containers(ContainerSpec... value) {
            return containers(List.of(value));
        }

        public Builder stopTimeoutSeconds(long value) {
            stopTimeoutSeconds = value;
            return this;
        }

        public Builder volumes(List<Volume> value) {
            volumes = value;
            return this;
        }

        public Builder options(PodOptions value) {
            options = value;
            return this;
        }

        /** The network; null for slirp4netns. Host options with hostNetwork make it {@link NetworkMode#HOST} whatever is set. */
        public Builder network(NetworkMode value) {
            network = value;
            return this;
        }

        /** The named network, with {@link NetworkMode#BRIDGE}; null for the default one. */
        public Builder networkName(String value) {
            networkName = value;
            return this;
        }

        public PodSpec build() {
            return new PodSpec(name, labels, annotations, hostname != null ? hostname : name, restartPolicy,
                    shareProcessNamespace, containers, stopTimeoutSeconds, volumes, options, network, initContainers, networkName);
        }
    }
}
