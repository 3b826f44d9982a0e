package io.jpod.image;

import io.jpod.error.Choices;

/** The archive formats {@code save} writes. */
public enum ArchiveFormat {
    DOCKER_ARCHIVE("docker-archive"), OCI_ARCHIVE("oci-archive");

    private final String flag;

    ArchiveFormat(String flag) {
        this.flag = flag;
    }

    /** The format a {@code --format} value names. */
    public static ArchiveFormat parse(String value) {
        return Choices.parse(ArchiveFormat.class, value, "format", "--format", f -> f.flag);
    }
}
