package io.jpod.pod;

/**
 * A container's resources.requests and resources.limits, in units jpod can apply: CPU in
 * millicores, memory in bytes; null when not given.
 *
 * @param cpuRequestMillis    requests.cpu
 * @param cpuLimitMillis      limits.cpu
 * @param memoryRequestBytes  requests.memory
 * @param memoryLimitBytes    limits.memory
 */
public record Resources(Long cpuRequestMillis, Long cpuLimitMillis, Long memoryRequestBytes, Long memoryLimitBytes) {
    public static final Resources NONE = new Resources(null, null, null, null);

    /** Whether anything is given. */
    public boolean any() {
        return !equals(NONE);
    }

    /** The CPU request in effect: the request, else (as Kubernetes defaults it) the limit. */
    public Long effectiveCpuRequest() {
        return cpuRequestMillis != null ? cpuRequestMillis : cpuLimitMillis;
    }

    /** The memory request in effect: the request, else (as Kubernetes defaults it) the limit. */
    public Long effectiveMemoryRequest() {
        return memoryRequestBytes != null ? memoryRequestBytes : memoryLimitBytes;
    }
}
