package io.jpod.engine;

import io.jpod.error.RuntimeFailureException;

/** A pod's persistentVolumeClaim names a named volume that does not exist (the CLI says how to make it). */
public final class MissingVolumeException extends RuntimeFailureException {
    private static final long serialVersionUID = 1L;
    private final String volume;

    MissingVolumeException(String container, String podVolume, String volume) {
        super(container, "volume " + podVolume + ": named volume " + volume + " does not exist");
        this.volume = volume;
    }

    /** The named volume that is missing. */
    public String volume() {
        return volume;
    }
}
