package io.jpod.state;

import java.time.Instant;

/** A container as stored. */
public record ContainerRow(String id, String name, String podId, boolean infra, String imageId, String imageName,
        Instant created, ContainerConfig config, ContainerState state, long pid, long conmonPid, Integer exitCode,
        Instant startedAt, Instant finishedAt, int restartCount, boolean stopRequested) {

    public ContainerRow withState(ContainerState s) {
        return new ContainerRow(id, name, podId, infra, imageId, imageName, created, config, s, pid, conmonPid, exitCode,
                startedAt, finishedAt, restartCount, stopRequested);
    }
}
