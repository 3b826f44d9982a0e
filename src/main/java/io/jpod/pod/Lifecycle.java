package io.jpod.pod;

/**
 * A container's lifecycle hooks (lifecycle.postStart, lifecycle.preStop): exec, httpGet or sleep.
 *
 * @param postStart run right after the container starts; its failure kills the container, as the kubelet does
 * @param preStop   run before the stop signal; the grace period counts from its start
 */
public record Lifecycle(ProbeAction postStart, ProbeAction preStop) {
    public static final Lifecycle NONE = new Lifecycle(null, null);

    public boolean any() {
        return postStart != null || preStop != null;
    }
}
