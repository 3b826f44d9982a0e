package io.jpod.state;

import java.time.Instant;

/**
 * A container as stored: what it is, fixed when it is created, and its {@link ContainerStatus}.
 *
 * @param status its state, processes, exit and restarts ({@link ContainerStatus#CREATED} for a new container)
 */
public record ContainerRow(String id, String name, String podId, boolean infra, String imageId, String imageName,
        Instant created, ContainerConfig config, ContainerStatus status) {

    /** This container with {@code s} as its status. */
    public ContainerRow withStatus(ContainerStatus s) {
        return new ContainerRow(id, name, podId, infra, imageId, imageName, created, config, s);
    }
}
