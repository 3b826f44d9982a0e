package io.jpod.storage;

/**
 * One change a container made to its image's files ({@code jpod diff}), as podman prints it.
 *
 * @param path absolute in the container
 */
public record FileChange(Kind kind, String path) {
    /** Added, changed or deleted: podman's A, C and D. */
    public enum Kind {
        A, C, D
    }
}
