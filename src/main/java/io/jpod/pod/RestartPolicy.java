package io.jpod.pod;

import io.jpod.error.Choices;

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

    /**
     * Parses Kubernetes' spelling, given at {@code field} of the document at {@code where}; null or
     * empty means Always, the Kubernetes default.
     */
    public static RestartPolicy parse(String value, String where, String field) {
        if (value == null || value.isEmpty()) {
            return ALWAYS;
        }
        return Choices.parse(RestartPolicy.class, value, "restartPolicy", where, field, RestartPolicy::kubeName);
    }
}
