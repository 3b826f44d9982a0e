package io.jpod.autoupdate;

import io.jpod.kubelet.GoDuration;
import io.jpod.kubelet.KubeContainerStatus;
import io.jpod.kubelet.PodStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether a pod just moved to a new image is healthy: with readiness or startup probes, Ready
 * (every container ready) within {@code timeout}; without, every container running and none
 * restarted for {@code settle}. A restart, an ended pod or the timeout fails it.
 *
 * @param timeout how long the pod has to become healthy
 * @param settle  how long a pod without probes must run without a restart
 */
public record HealthGate(Duration timeout, Duration settle) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(10);

    public HealthGate {
        if (timeout.isNegative() || timeout.isZero() || settle.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, settle not negative: " + timeout + ", " + settle);
        }
    }

    /** The gate's answer: wait and look again, healthy, or failed with why. */
    public record Verdict(Kind kind, String reason) {
        public enum Kind {
            WAIT, HEALTHY, FAILED
        }

        public static final Verdict WAIT = new Verdict(Kind.WAIT, null);
        public static final Verdict HEALTHY = new Verdict(Kind.HEALTHY, null);

        public static Verdict failed(String reason) {
            return new Verdict(Kind.FAILED, reason);
        }
    }

    /**
     * The verdict on a pod seen with {@code status} at {@code now}, started at {@code since};
     * {@code probed} when one of its containers has a readiness or startup probe.
     */
    public Verdict judge(PodStatus status, boolean probed, Instant since, Instant now) {
        Optional<String> broken = broken(status);
        if (broken.isPresent()) {
            return Verdict.failed(broken.get());
        }
        Duration up = Duration.between(since, now);
        boolean running = status.phase() == PodStatus.Phase.RUNNING && status.initialized() && status.containers().stream()
                .filter(c -> c.role() != KubeContainerStatus.Role.INIT).allMatch(c -> c.state() == KubeContainerStatus.State.RUNNING);
        if (running && (probed ? status.ready() == status.total() : up.compareTo(settle) >= 0)) {
            return Verdict.HEALTHY;
        }
        if (up.compareTo(timeout) >= 0) {
            return Verdict.failed((probed ? "not ready" : "not running") + " within " + GoDuration.format(timeout) + ": "
                    + status.shown() + ", ready " + status.readyColumn() + waiting(status));
        }
        return Verdict.WAIT;
    }

    /** What fails a pod whatever the time: a container restarted or exited, or the pod ended; empty when none. */
    public static Optional<String> broken(PodStatus status) {
        for (KubeContainerStatus c : status.containers()) {
            if (c.restartCount() > 0) {
                return Optional.of("container " + c.name() + " restarted" + (c.exitCode() != null ? " (exit code " + c.exitCode() + ")" : ""));
            }
            if (c.role() != KubeContainerStatus.Role.INIT && c.state() == KubeContainerStatus.State.TERMINATED) {
                return Optional.of("container " + c.name() + " exited" + (c.exitCode() != null ? " with code " + c.exitCode() : ""));
            }
        }
        if (status.phase() == PodStatus.Phase.FAILED || status.phase() == PodStatus.Phase.SUCCEEDED) {
            return Optional.of("the pod ended: " + status.shown());
        }
        return Optional.empty();
    }

    private static String waiting(PodStatus status) {
        String w = status.containers().stream().filter(c -> c.state() != KubeContainerStatus.State.RUNNING && c.reason() != null)
                .map(c -> c.name() + " " + c.reason()).collect(Collectors.joining(", "));
        return w.isEmpty() ? "" : " (" + w + ")";
    }
}
