package io.jpod.error;

/** The OCI runtime, conmon or a mount failed for a container; {@code container} names it. */
public class RuntimeFailureException extends JpodException {
    private static final long serialVersionUID = 1L;
    private final String container;

    public RuntimeFailureException(String container, String message) {
        super(message);
        this.container = container;
    }

    public RuntimeFailureException(String container, String message, Throwable cause) {
        super(message, cause);
        this.container = container;
    }

    public String container() {
        return container;
    }
}
