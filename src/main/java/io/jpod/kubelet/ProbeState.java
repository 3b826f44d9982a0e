package io.jpod.kubelet;

import io.jpod.pod.Probe;
import java.time.Duration;
import java.time.Instant;

/**
 * Where one probe of one run of a container stands, as the kubelet's prober keeps it: consecutive
 * successes and failures, and its result (null while unknown).
 *
 * @param successes consecutive successes
 * @param failures  consecutive failures
 * @param passed    TRUE once successThreshold successes in a row, FALSE once failureThreshold failures in a row,
 *                  else as before (null at first)
 * @param lastAt    when it was last tried, or null
 * @param message   what the last failure said, or null
 */
public record ProbeState(int successes, int failures, Boolean passed, Instant lastAt, String message) {
    /** A probe not tried yet. */
    public static final ProbeState FRESH = new ProbeState(0, 0, null, null, null);

    /** The kinds of probe, with the kubelet's names. */
    public enum Kind {
        STARTUP("startup"), LIVENESS("liveness"), READINESS("readiness");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** This probe after a try at {@code at} that succeeded or not. */
    public ProbeState after(boolean success, Instant at, String failure, Probe probe) {
        if (success) {
            int s = successes + 1;
            return new ProbeState(s, 0, s >= probe.successThreshold() ? Boolean.TRUE : passed, at, null);
        }
        int f = failures + 1;
        return new ProbeState(0, f, f >= probe.failureThreshold() ? Boolean.FALSE : passed, at, failure);
    }

    /** When to try next in a run that started at {@code runStartedAt}: after the initial delay, then every period. */
    public Instant nextAt(Instant runStartedAt, Probe probe) {
        return lastAt == null ? runStartedAt.plusSeconds(probe.initialDelaySeconds())
                : lastAt.plus(Duration.ofSeconds(Math.max(1, probe.periodSeconds())));
    }

    /** Whether this try turned the probe to failed: the moment a liveness or startup probe kills the container. */
    public boolean justFailed(ProbeState before) {
        return Boolean.FALSE.equals(passed) && !Boolean.FALSE.equals(before.passed);
    }
}
