package io.jpod.error;

/** The state store could not be read or written. */
public class StateException extends JpodException {
    private static final long serialVersionUID = 1L;

    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
