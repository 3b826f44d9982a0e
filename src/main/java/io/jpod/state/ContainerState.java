package io.jpod.state;

/** Lifecycle states, with podman's names. */
public enum ContainerState {
    CREATED("created"), RUNNING("running"), STOPPED("stopped"), EXITED("exited");

    private final String label;

    ContainerState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
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
