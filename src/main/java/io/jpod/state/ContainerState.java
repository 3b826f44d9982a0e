package io.jpod.state;

/**
 * Lifecycle states, with podman's names. {@link #PAUSED} is never stored: a running container whose processes the cgroup
 * freezer holds is listed so ({@code jpod pause}).
 */
public enum ContainerState {
    CREATED("created"), RUNNING("running"), PAUSED("paused"), STOPPED("stopped"), EXITED("exited");

    private final String label;

    ContainerState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether its processes exist: running, or paused. */
    public boolean live() {
        return this == RUNNING || this == PAUSED;
    }

    public static ContainerState of(String label) {
        for (ContainerState s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown container state " + label);
    }
}
