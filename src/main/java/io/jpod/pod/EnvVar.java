package io.jpod.pod;

/**
 * One environment variable of a container.
 *
 * @param secret whether the value came from a Secret: it is passed to the container but never shown
 * @param source the ConfigMap or Secret key it came from, or null for a value written in the YAML
 * @param fieldPath the pod field a fieldRef read it from ({@code metadata.name}...), or null: a pod made
 *               from a workload's template under another name reads it again ({@link PodMetadata})
 */
public record EnvVar(String name, String value, boolean secret, Source source, String fieldPath) {
    /** What is shown instead of a value that came from a Secret. */
    public static final String HIDDEN = "<secret>";

    /**
     * Where a value came from: {@code key} of the ConfigMap or Secret {@code name}.
     *
     * @param secret true for a Secret, false for a ConfigMap
     */
    public record Source(boolean secret, String name, String key) {
    }

    public EnvVar(String name, String value, boolean secret, Source source) {
        this(name, value, secret, source, null);
    }

    public EnvVar(String name, String value) {
        this(name, value, false, null, null);
    }

    /** A value read from the pod's field {@code fieldPath} (a fieldRef). */
    public static EnvVar ofField(String name, String value, String fieldPath) {
        return new EnvVar(name, value, false, null, fieldPath);
    }

    /** This variable with another value. */
    public EnvVar withValue(String newValue) {
        return new EnvVar(name, newValue, secret, source, fieldPath);
    }

    public EnvVar(String name, String value, boolean secret) {
        this(name, value, secret, null, null);
    }

    public String asEntry() {
        return name + "=" + (value == null ? "" : value);
    }

    /** The entry as it may be shown to a user: a Secret's value is hidden. */
    public String shown() {
        return secret ? name + "=" + HIDDEN : asEntry();
    }
}
