package io.jpod.network;

import java.util.List;
import java.util.Map;

/**
 * A Service as the shared network serves it: its names ({@code name}, {@code name.namespace},
 * {@code name.namespace.svc}, {@code name.namespace.svc.cluster.local}) answer its ClusterIP, whose ports
 * reach the selected pods' target ports; a headless Service's names answer the selected pods' addresses.
 *
 * @param name      metadata.name
 * @param namespace metadata.namespace (default)
 * @param clusterIp spec.clusterIP: an address asked for, {@value #HEADLESS}, or null for one given by the network
 * @param selector  spec.selector (empty: it selects no pod)
 * @param ports     spec.ports
 */
public record NetService(String name, String namespace, String clusterIp, Map<String, String> selector, List<Port> ports) {
    public static final String HEADLESS = "None";

    /**
     * A port of a Service: {@code port} reaches {@code targetPort} of each pod, a number, or the pod's container
     * port of that name ({@code targetName}), or else {@code port} itself.
     */
    public record Port(String name, String protocol, int port, int targetPort, String targetName) {
    }

    public NetService {
        namespace = namespace == null || namespace.isEmpty() ? "default" : namespace;
        selector = Map.copyOf(selector);
        ports = List.copyOf(ports);
    }

    boolean headless() {
        return HEADLESS.equals(clusterIp);
    }

    /** Whether it selects the pod of {@code lease}: a selector, each of whose labels the pod has. */
    boolean selects(Lease lease) {
        return !selector.isEmpty() && selector.entrySet().stream().allMatch(e -> e.getValue().equals(lease.labels().get(e.getKey())));
    }

    /** The names DNS gives it, as a cluster's DNS does. */
    List<String> names() {
        String ns = name + "." + namespace;
        return List.of(name, ns, ns + ".svc", ns + ".svc.cluster.local");
    }

    /** The key it is kept under (its ClusterIP's file). */
    String key() {
        return namespace + "." + name;
    }
}
