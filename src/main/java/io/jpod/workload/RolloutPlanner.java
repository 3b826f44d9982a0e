package io.jpod.workload;

import io.jpod.pod.Workload;
import io.jpod.pod.Workload.IntOrPercent;
import io.jpod.pod.Workload.Strategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Deployment controller's decisions (and a DaemonSet's, with one replica), pure: from the
 * workload and its pods now, which pods to create and which to remove, so that {@code replicas}
 * pods of the current template run, an older template's pods being replaced as the strategy says
 * (RollingUpdate: maxSurge, maxUnavailable, minReadySeconds; Recreate; OnDelete).
 */
public final class RolloutPlanner {
    private RolloutPlanner() {
    }

    /**
     * What to do now.
     *
     * @param create    how many pods of the current template to create
     * @param remove    the names of the pods to remove, in the order to remove them
     * @param recheckAt when the decision may change without any pod changing (a ready pod becoming available); empty if never
     * @param status    the workload's status now, before these actions
     */
    public record Decision(int create, List<String> remove, Optional<Instant> recheckAt, RolloutStatus status) {
        public Decision {
            remove = List.copyOf(remove);
        }
    }

    /**
     * A Deployment's status as kubectl shows it.
     *
     * @param replicas  desired
     * @param current   pods that exist and are not gone (old and new)
     * @param updated   pods of the current template (UP-TO-DATE)
     * @param ready     pods ready (READY)
     * @param available pods available (AVAILABLE)
     * @param complete  whether the rollout is done: only current-template pods, {@code replicas} of them, all available
     */
    public record RolloutStatus(int replicas, int current, int updated, int ready, int available, boolean complete) {
    }

    /** The decision for {@code w} (its replicas, strategy, minReadySeconds, templateHash) with {@code pods} at {@code now}. */
    public static Decision plan(Workload w, List<ReplicaView> pods, Instant now) {
        List<String> remove = new ArrayList<>();
        List<ReplicaView> live = new ArrayList<>();
        for (ReplicaView p : pods) {
            if (ended(p)) {
                remove.add(p.name());
            } else {
                live.add(p);
            }
        }
        Observed o = new Observed(
                live.stream().filter(p -> !w.templateHash().equals(p.templateHash())).toList(),
                live.stream().filter(p -> w.templateHash().equals(p.templateHash())).toList(),
                now, w.minReadySeconds());
        Step step = switch (strategy(w).type()) {
            case ON_DELETE -> onDelete(o, w.replicas());
            case RECREATE -> recreate(o, w.replicas());
            case ROLLING_UPDATE -> rolling(o, w.replicas(), strategy(w));
        };
        step.remove().forEach(p -> remove.add(p.name()));
        return new Decision(step.create(), remove, recheckAt(o, step.remove()), status(o, w.replicas()));
    }

    /** Pods of the old templates and of the current one, not ended, seen at {@code now}. */
    private record Observed(List<ReplicaView> old, List<ReplicaView> current, Instant now, int minReadySeconds) {
        boolean available(ReplicaView p) {
            return p.available(now, minReadySeconds);
        }

        int countAvailable(Collection<ReplicaView> pods) {
            return (int) pods.stream().filter(this::available).count();
        }

        List<ReplicaView> all() {
            return Stream.concat(old.stream(), current.stream()).toList();
        }

        /** Kubernetes' order for scaling down: not ready first, then not available, then the newest. */
        Comparator<ReplicaView> scaleDownOrder() {
            return Comparator.comparing(RolloutPlanner::ready)
                    .thenComparing(this::available)
                    .thenComparing(ReplicaView::created, Comparator.nullsFirst(Comparator.<Instant>reverseOrder()));
        }
    }

    /** How many pods to create and which to remove, besides the ended ones. */
    private record Step(int create, List<ReplicaView> remove) {
        static Step create(int n) {
            return new Step(n, List.of());
        }
    }

    private static boolean ended(ReplicaView p) {
        return switch (p.phase()) {
            case GONE, SUCCEEDED, FAILED -> true;
            case PENDING, RUNNING -> false;
        };
    }

    private static boolean ready(ReplicaView p) {
        return p.phase() == ReplicaView.Phase.RUNNING && p.readySince() != null;
    }

    private static Strategy strategy(Workload w) {
        Strategy fallback = w.kind() == Workload.Kind.DAEMONSET ? Strategy.DAEMONSET_DEFAULT : Strategy.DEPLOYMENT_DEFAULT;
        Strategy s = w.strategy();
        if (s == null || s.type() == null) {
            return fallback;
        }
        return new Strategy(s.type(), or(s.maxSurge(), fallback.maxSurge()), or(s.maxUnavailable(), fallback.maxUnavailable()));
    }

    private static IntOrPercent or(IntOrPercent value, IntOrPercent fallback) {
        return value != null ? value : fallback;
    }

    /** {@code pods} made {@code replicas}: the missing created, the extra removed in the scale-down order. */
    private static Step scaleTo(Observed o, List<ReplicaView> pods, int replicas) {
        if (pods.size() <= replicas) {
            return Step.create(replicas - pods.size());
        }
        return new Step(0, pods.stream().sorted(o.scaleDownOrder()).limit(pods.size() - replicas).toList());
    }

    /** OnDelete: an old pod stays until it is removed by someone else; the missing are made of the current template. */
    private static Step onDelete(Observed o, int replicas) {
        int extra = o.old().size() + o.current().size() - replicas;
        if (extra <= 0) {
            return Step.create(-extra);
        }
        return new Step(0, o.current().stream().sorted(o.scaleDownOrder()).limit(extra).toList());
    }

    /** Recreate: every old pod removed before any new one is created. */
    private static Step recreate(Observed o, int replicas) {
        return o.old().isEmpty() ? scaleTo(o, o.current(), replicas) : new Step(0, o.old());
    }

    /** RollingUpdate: new pods up to maxSurge above replicas, old ones down while maxUnavailable allows. */
    private static Step rolling(Observed o, int replicas, Strategy s) {
        if (o.old().isEmpty()) {
            return scaleTo(o, o.current(), replicas);
        }
        int maxSurge = s.maxSurge().resolve(replicas, true);
        int maxUnavailable = s.maxUnavailable().resolve(replicas, false);
        if (maxSurge == 0 && maxUnavailable == 0) {
            maxUnavailable = 1;
        }
        maxUnavailable = Math.min(maxUnavailable, replicas);
        int total = o.old().size() + o.current().size();
        int create = Math.min(replicas + maxSurge - total, replicas - o.current().size());
        return new Step(Math.max(0, create), scaleDownOld(o, replicas - maxUnavailable));
    }

    /**
     * Kubernetes' reconcileOldReplicaSets: the unavailable old pods first (not ready, then the oldest), then available
     * ones while more than {@code minAvailable} pods stay available (not available, then the newest).
     */
    private static List<ReplicaView> scaleDownOld(Observed o, int minAvailable) {
        int newUnavailable = o.current().size() - o.countAvailable(o.current());
        int maxScaledDown = o.old().size() + o.current().size() - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return List.of();
        }
        List<ReplicaView> removed = o.old().stream()
                .filter(p -> !o.available(p))
                .sorted(Comparator.comparing(RolloutPlanner::ready)
                        .thenComparing(ReplicaView::created, Comparator.nullsFirst(Comparator.<Instant>naturalOrder())))
                .limit(maxScaledDown)
                .collect(Collectors.toCollection(ArrayList::new));
        int availableCount = o.countAvailable(o.all());
        int more = Math.min(availableCount - minAvailable, maxScaledDown - removed.size());
        if (more > 0) {
            Set<String> taken = names(removed);
            o.old().stream()
                    .filter(p -> !taken.contains(p.name()))
                    .sorted(o.scaleDownOrder())
                    .limit(more)
                    .forEach(removed::add);
        }
        return removed;
    }

    /** The earliest time a pod kept, ready but not yet for minReadySeconds, becomes available. */
    private static Optional<Instant> recheckAt(Observed o, List<ReplicaView> removed) {
        Set<String> gone = names(removed);
        return o.all().stream()
                .filter(p -> !gone.contains(p.name()) && ready(p) && !o.available(p))
                .map(p -> p.readySince().plusSeconds(o.minReadySeconds()))
                .min(Comparator.naturalOrder());
    }

    private static RolloutStatus status(Observed o, int replicas) {
        List<ReplicaView> all = o.all();
        int ready = (int) all.stream().filter(RolloutPlanner::ready).count();
        int available = o.countAvailable(all);
        boolean complete = o.old().isEmpty() && o.current().size() == replicas && available == replicas;
        return new RolloutStatus(replicas, all.size(), o.current().size(), ready, available, complete);
    }

    private static Set<String> names(List<ReplicaView> pods) {
        Set<String> names = new HashSet<>();
        pods.forEach(p -> names.add(p.name()));
        return names;
    }
}
