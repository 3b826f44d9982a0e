package io.jpod.engine;

import io.jpod.engine.PodService.ContainerInfo;
import io.jpod.engine.PodService.PodInfo;
import io.jpod.error.ConflictException;
import io.jpod.kubelet.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What containers run and use: {@code top}, {@code pod top}, {@code stats}, {@code pod stats} ({@link ContainerMetrics} reads them). */
public final class MetricsService {
    private final PodService pods;
    private final ContainerLifecycle life;
    private final ContainerMetrics metrics;

    MetricsService(PodService pods, ContainerLifecycle life, ContainerMetrics metrics) {
        this.pods = pods;
        this.life = life;
        this.metrics = metrics;
    }

    /** The processes of a running (or paused) container, its init first; one that does not run is an error, as in podman. */
    public List<ContainerProcess> top(String nameOrId) {
        ContainerInfo c = pods.container(nameOrId);
        if (!c.current().live()) {
            throw new ConflictException(c.row().name(), "top can only be used on running containers");
        }
        return metrics.top(c.row(), c.row().status().pid());
    }

    /** The processes of every running container of a pod, its infra container's first; a pod with none running is an error. */
    public List<ContainerProcess> podTop(String nameOrId) {
        PodInfo p = pods.pod(nameOrId);
        List<ContainerProcess> out = new ArrayList<>();
        for (ContainerInfo c : p.containers()) {
            if (c.current().live()) {
                out.addAll(metrics.top(c.row(), c.row().status().pid()));
            }
        }
        if (out.isEmpty()) {
            throw new ConflictException("pod", p.pod().name(), ConflictException.Reason.OTHER,
                    "pod top can only be used on pods with at least one running container");
        }
        return out;
    }

    /** What a container uses now (all zeros when it does not run). */
    public ContainerStats stats(ContainerInfo c) {
        return metrics.stats(c.row(), c.podName(), c.current().live() ? c.row().status().pid() : 0, life.cgroup(c.row()));
    }

    /** What each running (or paused) container of a pod uses now, its infra container first. */
    public List<ContainerStats> podStats(PodInfo p) {
        return p.containers().stream().filter(c -> c.current().live()).map(this::stats).toList();
    }

    /** {@code d} as podman writes a duration (Go's: "1m2.5s", "310ms", "0s"): CPU time, a process's elapsed time. */
    public static String goDuration(Duration d) {
        return GoDuration.format(d);
    }
}
