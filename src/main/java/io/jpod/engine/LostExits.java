package io.jpod.engine;

import io.jpod.error.JpodException;
import io.jpod.events.Events;
import io.jpod.state.ContainerState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Exits that conmon's exit command has not recorded (no launcher, a lost exit command): a container
 * whose process ended while its row still says running. One that stays so for {@link #AFTER} is
 * recorded by whoever watches it ({@code kube play --wait}, a workload's controller), so that
 * nothing waits on it forever.
 */
final class LostExits {
    /** How long an exit may stay unrecorded before the watcher records it. */
    static final Duration AFTER = Duration.ofSeconds(3);

    private final PodService pods;
    private final Events events;
    private final Map<String, Instant> since = new HashMap<>();

    LostExits(PodService pods, Events events) {
        this.pods = pods;
        this.events = events;
    }

    /** Whether {@code c} (not an infra container) has ended with its exit not yet recorded. */
    static boolean unrecorded(PodService.ContainerInfo c) {
        return !c.row().infra() && c.row().status().state() == ContainerState.RUNNING && !c.current().live();
    }

    /** Records the exits of {@code seen}'s containers that have been unrecorded for {@link #AFTER} at {@code now}. */
    void record(List<PodService.PodInfo> seen, Instant now) {
        Set<String> unrecorded = seen.stream().flatMap(p -> p.containers().stream()).filter(LostExits::unrecorded)
                .map(c -> c.row().id()).collect(Collectors.toSet());
        since.keySet().retainAll(unrecorded);
        for (String id : unrecorded) {
            Instant first = since.putIfAbsent(id, now);
            if (first != null && !now.isBefore(first.plus(AFTER))) {
                try {
                    pods.cleanup(id);
                } catch (JpodException e) {
                    events.warning("cannot record the exit of container " + id + ": " + e.getMessage());
                }
                since.remove(id);
            }
        }
    }
}
