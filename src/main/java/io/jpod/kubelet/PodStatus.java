package io.jpod.kubelet;

import io.jpod.kubelet.KubeContainerStatus.Role;
import io.jpod.kubelet.KubeContainerStatus.State;
import io.jpod.pod.RestartPolicy;
import java.util.List;

/**
 * A pod's status as the kubelet computes it and kubectl shows it.
 *
 * @param phase     Pending, Running, Succeeded or Failed
 * @param shown     kubectl's STATUS column: the phase, or what holds the pod ("Init:1/2",
 *                  "Init:Error", "CrashLoopBackOff", "Completed", "Error")
 * @param ready     how many containers are ready (app containers and started sidecars)
 * @param total     how many count for READY (app containers and sidecars)
 * @param restarts  restarts of the containers shown (the init containers' while the pod initializes)
 * @param initialized whether every init container has completed (or, for a sidecar, started)
 * @param containers  the containers' statuses, init containers first
 */
public record PodStatus(Phase phase, String shown, int ready, int total, int restarts, boolean initialized,
        List<KubeContainerStatus> containers) {

    /** Kubernetes' pod phases. */
    public enum Phase {
        PENDING("Pending"), RUNNING("Running"), SUCCEEDED("Succeeded"), FAILED("Failed");

        private final String kubeName;

        Phase(String kubeName) {
            this.kubeName = kubeName;
        }

        public String kubeName() {
            return kubeName;
        }
    }

    /** Kubernetes' pod conditions, in its order: PodScheduled, Initialized, ContainersReady, Ready ("True"/"False"). */
    public java.util.Map<String, Boolean> conditions() {
        java.util.Map<String, Boolean> c = new java.util.LinkedHashMap<>();
        c.put("PodScheduled", true);
        c.put("Initialized", initialized);
        c.put("ContainersReady", initialized && ready == total);
        c.put("Ready", initialized && ready == total);
        return c;
    }

    /** kubectl's READY column: "2/3". */
    public String readyColumn() {
        return ready + "/" + total;
    }

    /** The status of a pod whose containers are {@code containers} (in the pod's order: init containers first). */
    public static PodStatus of(List<KubeContainerStatus> containers, RestartPolicy policy) {
        List<KubeContainerStatus> inits = containers.stream().filter(c -> c.role() != Role.APP).toList();
        List<KubeContainerStatus> apps = containers.stream().filter(c -> c.role() == Role.APP).toList();
        int total = (int) containers.stream().filter(c -> c.role() != Role.INIT).count();
        String initShown = null;
        boolean initFailed = false;
        int initRestarts = 0;
        for (int i = 0; i < inits.size(); i++) {
            KubeContainerStatus c = inits.get(i);
            initRestarts += c.restartCount();
            if (c.succeeded() || (c.role() == Role.SIDECAR && c.state() == State.RUNNING)) {
                continue;
            }
            if (c.state() == State.TERMINATED) {
                initShown = "Init:" + (c.reason() != null ? c.reason() : KubeContainerStatus.terminatedReason(c.exitCode() == null ? 1 : c.exitCode()));
                initFailed = policy == RestartPolicy.NEVER && c.role() == Role.INIT;
            } else if (c.state() == State.WAITING && c.reason() != null && !c.reason().equals("PodInitializing")
                    && !c.reason().equals("ContainerCreating")) {
                initShown = "Init:" + c.reason();
            } else {
                initShown = "Init:" + i + "/" + inits.size();
            }
            break;
        }
        int ready = (int) containers.stream().filter(c -> c.role() != Role.INIT && c.ready() && c.state() == State.RUNNING).count();
        if (initShown != null) {
            return new PodStatus(initFailed ? Phase.FAILED : Phase.PENDING, initShown, ready, total, initRestarts, false, containers);
        }
        String shown = null;
        boolean hasRunning = false;
        int restarts = 0;
        for (int i = apps.size() - 1; i >= 0; i--) {
            KubeContainerStatus c = apps.get(i);
            restarts += c.restartCount();
            if (c.state() == State.WAITING && c.reason() != null) {
                shown = c.reason();
            } else if (c.state() == State.TERMINATED) {
                shown = c.reason() != null ? c.reason() : KubeContainerStatus.terminatedReason(c.exitCode() == null ? 0 : c.exitCode());
            } else if (c.state() == State.RUNNING) {
                hasRunning = true;
            }
        }
        Phase phase = phase(apps, policy);
        if (shown == null) {
            shown = phase.kubeName();
        } else if ("Completed".equals(shown) && hasRunning) {
            shown = ready == total ? "Running" : "NotReady";
        }
        return new PodStatus(phase, shown, ready, total, restarts, true, containers);
    }

    /** The kubelet's getPhase for initialized pods. */
    private static Phase phase(List<KubeContainerStatus> apps, RestartPolicy policy) {
        int running = 0;
        int waiting = 0;
        int stopped = 0;
        int succeeded = 0;
        for (KubeContainerStatus c : apps) {
            if (c.state() == State.RUNNING) {
                running++;
            } else if (c.state() == State.TERMINATED) {
                stopped++;
                if (c.succeeded()) {
                    succeeded++;
                }
            } else if (c.hasEnded()) {
                stopped++;
            } else {
                waiting++;
            }
        }
        if (waiting > 0) {
            return Phase.PENDING;
        }
        if (running > 0) {
            return Phase.RUNNING;
        }
        if (stopped == 0) {
            return Phase.PENDING;
        }
        if (policy == RestartPolicy.ALWAYS) {
            return Phase.RUNNING;
        }
        if (stopped == succeeded) {
            return Phase.SUCCEEDED;
        }
        return policy == RestartPolicy.NEVER ? Phase.FAILED : Phase.RUNNING;
    }
}
