package io.jpod.pod;

/**
 * One environment variable of a container.
 *
 * @param secret whether the value came from a Secret: it is passed to the container but never shown
 */
public record EnvVar(String name, String value, boolean secret) {
    /** What is shown instead of a value that came from a Secret. */
    public static final String HIDDEN = "<secret>";

    public EnvVar(String name, String value) {
        this(name, value, false);
    }

    public String asEntry() {
        return name + "=" + (value == null ? "" : value);
    }

    /** The entry as it may be shown to a user: a Secret's value is hidden. */
    public String shown() {
        return secret ? name + "=" + HIDDEN : asEntry();
    }
}
