package io.jpod.kube;

/**
 * What a play needs to know of the machine its pods run on, discovered once per command by the
 * engine and given to {@link KubePlanner}.
 *
 * @param cpuMillis            the node's CPUs in millicores: resourceFieldRef's limits.cpu when no limit is set
 * @param memoryBytes          the node's memory: resourceFieldRef's limits.memory when no limit is set
 * @param resourcesNotEnforced why resource limits and requests are not enforced here, or null when they are
 * @param hostIp               the node's address (status.hostIP; status.podIP of a pod on the host's network)
 */
public record NodeFacts(long cpuMillis, long memoryBytes, String resourcesNotEnforced, String hostIp) {
    /** Where the host is not known (tests): one CPU, 1 GiB, resources enforced, the loopback's address. */
    public static final NodeFacts UNKNOWN = new NodeFacts(ResourceFields.Node.UNKNOWN.cpuMillis(),
            ResourceFields.Node.UNKNOWN.memoryBytes(), null, "127.0.0.1");
}
