package io.jpod.kubelet;

import io.jpod.error.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The kubelet's crash-loop back-off: a container that keeps exiting is started again at once the
 * first time, then after 10 s, 20 s, 40 s … up to 5 minutes; a container that ran for twice the
 * maximum (10 minutes) before it exited starts the schedule again.
 *
 * @param initial the first delay (the kubelet's 10 s)
 * @param max     the longest delay (the kubelet's 5 min, its maxContainerRestartPeriod)
 */
public record BackOff(Duration initial, Duration max) {
    /** The kubelet's defaults. */
    public static final BackOff KUBELET = new BackOff(Duration.ofSeconds(10), Duration.ofMinutes(5));

    /** The pod annotation that sets the first delay (jpod's own; the kubelet's is node-wide). */
    public static final String INITIAL_ANNOTATION = "io.jpod.crashloop/initial";
    /** The pod annotation that sets the longest delay. */
    public static final String MAX_ANNOTATION = "io.jpod.crashloop/max";

    public BackOff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off must be positive, its maximum no shorter than its start: " + initial + ", " + max);
        }
    }

    /**
     * When a container that exited must be started again, and the step to remember for its next exit.
     *
     * @param delay    how long after the exit to start it
     * @param nextStep the back-off step to store with the container
     */
    public record Restart(Duration delay, int nextStep) {
        public Instant at(Instant finishedAt) {
            return finishedAt.plus(delay);
        }
    }

    /**
     * The back-off a pod asks for with its annotations ({@value #INITIAL_ANNOTATION},
     * {@value #MAX_ANNOTATION}: Go durations such as "1s"), else the kubelet's.
     */
    public static BackOff of(Map<String, String> annotations) {
        Duration initial = annotation(annotations, INITIAL_ANNOTATION, KUBELET.initial);
        Duration max = annotation(annotations, MAX_ANNOTATION, annotations.containsKey(INITIAL_ANNOTATION)
                ? initial.compareTo(KUBELET.max) > 0 ? initial : KUBELET.max : KUBELET.max);
        if (max.compareTo(initial) < 0) {
            throw new InvalidInputException("metadata.annotations." + MAX_ANNOTATION,
                    "the longest back-off (" + annotations.get(MAX_ANNOTATION) + ") is shorter than the first (" + initial.toMillis() + "ms)");
        }
        return new BackOff(initial, max);
    }

    private static Duration annotation(Map<String, String> annotations, String key, Duration otherwise) {
        String value = annotations.get(key);
        if (value == null) {
            return otherwise;
        }
        Duration d = GoDuration.parse(value);
        if (d == null || d.isZero()) {
            throw new InvalidInputException("metadata.annotations." + key,
                    "\"" + value + "\" is not a positive duration (such as 500ms, 10s, 5m)");
        }
        return d;
    }

    /** The delay before the restart of back-off step {@code step}: 0 for step 0, then initial × 2^(step-1), at most max. */
    public Duration delay(int step) {
        if (step <= 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(step - 1, 30);
        Duration d = initial.multipliedBy(1L << doublings);
        return d.compareTo(max) > 0 || d.isNegative() ? max : d;
    }

    /** How long a container must run for its back-off to start again: twice the maximum, as the kubelet's. */
    public Duration resetAfter() {
        return max.multipliedBy(2);
    }

    /**
     * The restart of a container at back-off step {@code step} that ran from {@code startedAt} to
     * {@code finishedAt} (either may be null when unknown, which counts as a short run).
     */
    public Restart next(int step, Instant startedAt, Instant finishedAt) {
        boolean ranLong = startedAt != null && finishedAt != null
                && Duration.between(startedAt, finishedAt).compareTo(resetAfter()) >= 0;
        int s = ranLong ? 0 : Math.max(step, 0);
        return new Restart(delay(s), s + 1);
    }
}
