package io.jpod.kube;

/**
 * What a play needs to know of the machine its pods run on, discovered once per command by the
 * engine and given to {@link KubePlanner}.
 *
 * @param cpuMillis            the node's CPUs in millicores: resourceFieldRef's limits.cpu when no limit is set
 * @param memoryBytes          the node's memory: resourceFieldRef's limits.memory when no limit is set
 * @param resourcesNotEnforced why resource limits and requests are not enforced here, or null when they are
 */
public record NodeFacts(long cpuMillis, long memoryBytes, String resourcesNotEnforced) {
    /** Where the host is not known (tests): one CPU, 1 GiB, resources enforced. */
    public static final NodeFacts UNKNOWN = new NodeFacts(ResourceFields.Node.UNKNOWN.cpuMillis(),
            ResourceFields.Node.UNKNOWN.memoryBytes(), null);
}
