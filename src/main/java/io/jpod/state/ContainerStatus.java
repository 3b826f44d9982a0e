package io.jpod.state;

import java.time.Instant;

/**
 * What changes in a container's row while it lives: its state, processes, exit and restarts.
 *
 * @param state         the lifecycle state
 * @param pid           the container's init process, 0 when none runs
 * @param conmonPid     its conmon, 0 when none runs
 * @param exitCode      the last exit code, null before the first exit and while it runs
 * @param startedAt     when it last started, null before its first start
 * @param finishedAt    when it last exited, null before its first exit
 * @param restartCount  how many times the restart policy started it again
 * @param stopRequested whether jpod stopped it (its restart policy then leaves it stopped)
 */
public record ContainerStatus(ContainerState state, long pid, long conmonPid, Integer exitCode, Instant startedAt,
        Instant finishedAt, int restartCount, boolean stopRequested) {
    /** A container just created, never started. */
    public static final ContainerStatus CREATED = new ContainerStatus(ContainerState.CREATED, 0, 0, null, null, null, 0, false);

    /** Running since {@code at} as {@code pid} under conmon {@code conmonPid}; its last finish and restart count kept. */
    public ContainerStatus started(long pid, long conmonPid, Instant at) {
        return new ContainerStatus(ContainerState.RUNNING, pid, conmonPid, null, at, finishedAt, restartCount, false);
    }

    /** Exited with {@code code} at {@code at}; a stop requested when one was, or when {@code stopped}. */
    public ContainerStatus exited(int code, Instant at, boolean stopped) {
        return new ContainerStatus(ContainerState.EXITED, 0, 0, code, startedAt, at, restartCount, stopRequested || stopped);
    }

    /** This status, with a stop requested. */
    public ContainerStatus withStopRequested() {
        return new ContainerStatus(state, pid, conmonPid, exitCode, startedAt, finishedAt, restartCount, true);
    }

    /** This status to be started again: {@code count} restarts, no stop requested. */
    public ContainerStatus restarting(int count) {
        return new ContainerStatus(state, pid, conmonPid, exitCode, startedAt, finishedAt, count, false);
    }

    /** This status in {@code s}. */
    public ContainerStatus withState(ContainerState s) {
        return new ContainerStatus(s, pid, conmonPid, exitCode, startedAt, finishedAt, restartCount, stopRequested);
    }
}
