package io.jpod.error;

/** This host lacks something jpod needs (a binary, a subuid range, a writable directory); {@code hint} says how to fix it. */
public class HostException extends JpodException {
    private static final long serialVersionUID = 1L;
    private final String hint;

    public HostException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public HostException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }
}
