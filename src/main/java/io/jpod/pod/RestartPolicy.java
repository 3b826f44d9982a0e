package io.jpod.pod;

import io.jpod.error.InvalidInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** A pod's restartPolicy, with Kubernetes' names. */
public enum RestartPolicy {
    ALWAYS("Always"), ON_FAILURE("OnFailure"), NEVER("Never");

    private final String kubeName;

    RestartPolicy(String kubeName) {
        this.kubeName = kubeName;
    }

    public String kubeName() {
        return kubeName;
    }

    /** Whether a container that exited with {@code exitCode} is started again. */
    public boolean restarts(int exitCode) {
        return this == ALWAYS || (this == ON_FAILURE && exitCode != 0);
    }

    /** Parses Kubernetes' spelling; null or empty means Always, the Kubernetes default. */
    public static RestartPolicy parse(String value, String where) {
        if (value == null || value.isEmpty()) {
            return ALWAYS;
        }
        for (RestartPolicy p : values()) {
            if (p.kubeName.equals(value)) {
                return p;
            }
        }
        throw new InvalidInputException(where, "unsupported restartPolicy \"" + value + "\": must be one of "
                + Arrays.stream(values()).map(RestartPolicy::kubeName).collect(Collectors.joining(", ")));
    }
}
