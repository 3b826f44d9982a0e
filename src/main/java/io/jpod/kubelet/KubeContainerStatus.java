package io.jpod.kubelet;

/**
 * A container's status as the kubelet reports it (Kubernetes' KubeContainerStatus, reduced to what
 * jpod knows).
 *
 * @param name          the container's name in the pod
 * @param role          init, sidecar (an init container with restartPolicy Always) or app
 * @param state         waiting, running or terminated
 * @param reason        why it waits (ContainerCreating, PodInitializing, CrashLoopBackOff) or how it
 *                      terminated (Completed, Error); null while it runs
 * @param exitCode      the exit code of its last run, when it has run and ended; else null
 * @param restartCount  how many times it was started again
 * @param ready         whether it is ready (running, and its readiness probe, if any, passes)
 */
public record KubeContainerStatus(String name, Role role, State state, String reason, Integer exitCode, int restartCount,
        boolean ready) {

    /** What a container is to its pod. */
    public enum Role {
        INIT, SIDECAR, APP
    }

    /** Kubernetes' three container states. */
    public enum State {
        WAITING, RUNNING, TERMINATED
    }

    /** The reason a terminated container gets, as the kubelet words it. */
    public static String terminatedReason(int exitCode) {
        return exitCode == 0 ? "Completed" : "Error";
    }

    boolean succeeded() {
        return state == State.TERMINATED && exitCode != null && exitCode == 0;
    }

    /** Whether it ran and ended before: terminated, or waiting to be started again after an exit. */
    boolean hasEnded() {
        return state == State.TERMINATED || (state == State.WAITING && exitCode != null);
    }
}
