package io.jpod.pod;

/** One environment variable of a container. */
public record EnvVar(String name, String value) {
    public String asEntry() {
        return name + "=" + (value == null ? "" : value);
    }
}
