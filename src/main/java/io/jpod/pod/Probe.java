package io.jpod.pod;

/**
 * A container's probe (livenessProbe, readinessProbe, startupProbe), with Kubernetes' defaults.
 *
 * @param action                        what is tried: a command, an HTTP GET, a TCP connection or a gRPC health check
 * @param initialDelaySeconds           how long after the container starts the first try waits (0)
 * @param periodSeconds                 how often it is tried (10)
 * @param timeoutSeconds                how long one try may take (1)
 * @param successThreshold              consecutive successes that make it pass after a failure (1; liveness and startup: 1)
 * @param failureThreshold              consecutive failures that make it fail (3)
 * @param terminationGracePeriodSeconds the grace period of a restart a failing liveness or startup probe causes, or null
 *                                      for the pod's
 */
public record Probe(ProbeAction action, int initialDelaySeconds, int periodSeconds, int timeoutSeconds, int successThreshold,
        int failureThreshold, Long terminationGracePeriodSeconds) {
    /** Kubernetes' defaults. */
    public static final int DEFAULT_PERIOD = 10;
    public static final int DEFAULT_TIMEOUT = 1;
    public static final int DEFAULT_SUCCESS = 1;
    public static final int DEFAULT_FAILURE = 3;

    /** A probe of {@code action} with Kubernetes' defaults. */
    public static Probe of(ProbeAction action) {
        return new Probe(action, 0, DEFAULT_PERIOD, DEFAULT_TIMEOUT, DEFAULT_SUCCESS, DEFAULT_FAILURE, null);
    }
}
