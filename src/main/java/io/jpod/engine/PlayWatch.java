package io.jpod.engine;

import io.jpod.error.NotFoundException;
import io.jpod.host.Processes;
import io.jpod.kubelet.PodStatus.Phase;
import io.jpod.pod.ContainerSpec;
import io.jpod.state.ContainerState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What {@code kube play --wait} waits on: the pods a play created, whose containers' logs it follows
 * (init and app containers, each from its start; not the infra container) until every pod has ended.
 * A pod has ended when its containers have exited and nothing will start them again: its phase is
 * Succeeded or Failed as the kubelet computes it (restartPolicy and back-off included), or the user
 * stopped it. Sidecars are not waited for (the kubelet ends them with the pod).
 */
public final class PlayWatch {
    /** How often the pods' states are read (the logs are read more often). */
    private static final Duration CHECK_EVERY = Duration.ofMillis(500);

    private final PodService pods;
    private final List<String> podIds;
    private final List<io.jpod.pod.Workload> workloads;
    private final Workloads controllers;
    private final Clock clock;
    private final LogFollower follower;
    private final Set<String> followedPods = new java.util.HashSet<>();
    private final LostExits lostExits;
    private final List<String> failures = new ArrayList<>();

    PlayWatch(PodService pods, List<String> podIds, Clock clock) {
        this(pods, podIds, List.of(), null, clock);
    }

    /**
     * The pods {@code podIds} and the workloads {@code workloads} a play made: a Job has ended when it completed or
     * failed (its pods are followed as its controller makes them); a Deployment or DaemonSet never ends by itself.
     */
    PlayWatch(PodService pods, List<String> podIds, List<io.jpod.pod.Workload> workloads, Workloads controllers, Clock clock) {
        this.pods = pods;
        this.podIds = List.copyOf(podIds);
        this.workloads = List.copyOf(workloads);
        this.controllers = controllers;
        this.clock = clock;
        this.follower = new LogFollower(sources(pods, podIds));
        this.lostExits = new LostExits(pods, io.jpod.events.Events.NONE);
        followedPods.addAll(podIds);
        followNewPods();
    }

    /** Why the workloads that failed failed, one line each ({@code Job migrate failed: BackoffLimitExceeded: ...}). */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** The workloads' statuses now (only those this play made). */
    private List<Workloads.Status> watched() {
        if (workloads.isEmpty()) {
            return List.of();
        }
        return controllers.list().stream().filter(s -> workloads.stream().anyMatch(w -> w.kind() == s.row().workload().kind()
                && w.name().equals(s.row().workload().name()))).toList();
    }

    /** Follows the logs of the workloads' pods made since the last look. */
    private List<Workloads.Status> followNewPods() {
        List<Workloads.Status> now = watched();
        for (Workloads.Status s : now) {
            List<String> fresh = s.pods().stream().map(p -> p.pod().id()).filter(followedPods::add).toList();
            sources(pods, fresh).forEach(follower::add);
        }
        return now;
    }

    /** The logs of the pods' containers other than the infra, in the pods' order. */
    private static List<LogFollower.Source> sources(PodService pods, List<String> podIds) {
        List<LogFollower.Source> sources = new ArrayList<>();
        for (String id : podIds) {
            try {
                PodService.PodInfo pod = pods.pod(id);
                for (PodService.ContainerInfo c : pod.containers()) {
                    if (!c.row().infra()) {
                        sources.add(new LogFollower.Source(pod.pod().name(), kubeName(pod, c), pods.logFile(c.row())));
                    }
                }
            } catch (NotFoundException e) {
                // removed already: nothing to follow
            }
        }
        return sources;
    }

    private static String kubeName(PodService.PodInfo pod, PodService.ContainerInfo c) {
        String name = c.row().config() != null ? c.row().config().kubeName() : null;
        if (name != null) {
            return name;
        }
        String prefix = pod.pod().name() + "-";
        return c.row().name().startsWith(prefix) ? c.row().name().substring(prefix.length()) : c.row().name();
    }

    /**
     * Gives {@code sink} every line the containers write, until the pods have ended (then every line
     * left, and the exit code of {@link #exitCode}) or {@code cancelled} (then empty).
     */
    public OptionalInt follow(Consumer<LogFollower.Line> sink, BooleanSupplier cancelled) {
        Instant nextCheck = Instant.MIN;
        while (!cancelled.getAsBoolean()) {
            follower.poll().forEach(sink);
            if (!clock.instant().isBefore(nextCheck)) {
                Optional<List<PodService.PodInfo>> ended = ended();
                if (ended.isPresent()) {
                    follower.drain().forEach(sink);
                    int code = exitCode(ended.get());
                    // a Job that failed with no container failing (its deadline passed) still fails the wait
                    return OptionalInt.of(code == 0 && !failures.isEmpty() ? 1 : code);
                }
                nextCheck = clock.instant().plus(CHECK_EVERY);
            }
            Processes.sleep(100);
        }
        return OptionalInt.empty();
    }

    /**
     * The pods as they are now when every one has ended (a pod removed meanwhile has) and every Job has
     * completed or failed, else empty. A failed Job's pods come first, so that their exit code is the wait's.
     */
    private Optional<List<PodService.PodInfo>> ended() {
        List<PodService.PodInfo> now = new ArrayList<>();
        for (String id : podIds) {
            try {
                now.add(pods.pod(id));
            } catch (NotFoundException e) {
                // removed by someone else: ended
            }
        }
        lostExits.record(now, clock.instant());
        List<Workloads.Status> statuses = followNewPods();
        boolean workloadsEnded = true;
        List<PodService.PodInfo> failedJobsPods = new ArrayList<>();
        failures.clear();
        for (io.jpod.pod.Workload w : workloads) {
            Optional<Workloads.Status> s = statuses.stream().filter(x -> x.row().workload().kind() == w.kind()
                    && x.row().workload().name().equals(w.name())).findFirst();
            if (s.isEmpty()) {
                continue; // removed meanwhile: ended
            }
            if (w.kind() != io.jpod.pod.Workload.Kind.JOB || !s.get().jobState().finished()) {
                workloadsEnded = false;
                continue;
            }
            if (s.get().jobState().condition() == io.jpod.workload.JobController.Condition.FAILED) {
                failures.add("Job " + w.name() + " failed: " + s.get().jobState().reason() + ": " + s.get().jobState().message());
                failedJobsPods.addAll(s.get().pods());
            }
        }
        if (!workloadsEnded || !now.stream().allMatch(PlayWatch::ended)) {
            return Optional.empty();
        }
        List<PodService.PodInfo> all = new ArrayList<>(failedJobsPods);
        all.addAll(now);
        return Optional.of(all);
    }

    /**
     * Whether {@code pod} has ended: none of its containers (sidecars aside) runs, waits to restart,
     * or has an exit not yet recorded, and its phase is Succeeded or Failed, or the containers that
     * ran were stopped by the user (a completed init container aside).
     */
    static boolean ended(PodService.PodInfo pod) {
        Set<String> sidecars = pod.pod().spec().initContainers().stream().filter(ContainerSpec::sidecar)
                .map(ContainerSpec::name).collect(Collectors.toSet());
        Set<String> inits = pod.pod().spec().initContainers().stream().filter(c -> !c.sidecar())
                .map(ContainerSpec::name).collect(Collectors.toSet());
        List<PodService.ContainerInfo> waited = pod.containers().stream()
                .filter(c -> !c.row().infra() && !sidecars.contains(c.row().config().kubeName())).toList();
        for (PodService.ContainerInfo c : waited) {
            if (c.current().live() || c.restartAt() != null || LostExits.unrecorded(c)) {
                return false;
            }
        }
        Phase phase = pod.kube().phase();
        if (phase == Phase.SUCCEEDED || phase == Phase.FAILED) {
            return true;
        }
        List<PodService.ContainerInfo> ran = waited.stream().filter(c -> c.row().status().state() != ContainerState.CREATED).toList();
        return ran.stream().anyMatch(c -> c.row().status().stopRequested())
                && ran.stream().allMatch(c -> c.row().status().stopRequested()
                        || (inits.contains(c.row().config().kubeName()) && Integer.valueOf(0).equals(c.row().status().exitCode())));
    }

    /**
     * The exit code of a wait whose pods have ended: 0 when every container succeeded, else the first
     * non-zero exit code, in the pods' order and each pod's (init containers first). Sidecars do not count.
     */
    static int exitCode(List<PodService.PodInfo> pods) {
        for (PodService.PodInfo pod : pods) {
            Set<String> sidecars = pod.pod().spec().initContainers().stream().filter(ContainerSpec::sidecar)
                    .map(ContainerSpec::name).collect(Collectors.toSet());
            for (PodService.ContainerInfo c : pod.containers()) {
                Integer code = c.row().status().exitCode();
                if (!c.row().infra() && !sidecars.contains(c.row().config().kubeName()) && code != null && code != 0) {
                    return code;
                }
            }
        }
        return 0;
    }
}
