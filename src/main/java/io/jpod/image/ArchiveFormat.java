package io.jpod.image;

import io.jpod.error.InvalidInputException;

/** The archive formats {@code save} writes. */
public enum ArchiveFormat {
    DOCKER_ARCHIVE("docker-archive"), OCI_ARCHIVE("oci-archive");

    private final String flag;

    ArchiveFormat(String flag) {
        this.flag = flag;
    }

    /** The format a {@code --format} value names. */
    public static ArchiveFormat parse(String value) {
        for (ArchiveFormat f : values()) {
            if (f.flag.equals(value)) {
                return f;
            }
        }
        throw new InvalidInputException("--format", "unsupported format \"" + value + "\": use docker-archive or oci-archive");
    }
}
