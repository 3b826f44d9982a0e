package io.jpod.error;

/**
 * An operation that clashes with existing state: a name in use, an image in use, an ambiguous id
 * prefix. Carries what clashed ({@link #kind()}, {@link #name()}) and how ({@link #reason()}), so the
 * front end can say what to do about it.
 */
public class ConflictException extends JpodException {
    private static final long serialVersionUID = 1L;

    /** How an operation clashed with the state. */
    public enum Reason {
        /** The name is taken. */
        EXISTS,
        /** The object runs, and the operation needs it stopped. */
        RUNNING,
        /** Other objects use it. */
        IN_USE,
        /** An auto-update moves it (or another command replaces or removes it) and did not end in time. */
        UPDATING,
        /** Anything else (an ambiguous prefix, an infra container…). */
        OTHER
    }

    private final String kind;
    private final String name;
    private final Reason reason;

    public ConflictException(String name, String message) {
        this(null, name, Reason.OTHER, message);
    }

    /**
     * @param kind   what clashed: "pod", "container", "image", "volume" (null when unsaid)
     * @param name   its name
     * @param reason how
     */
    public ConflictException(String kind, String name, Reason reason, String message) {
        super(message);
        this.kind = kind;
        this.name = name;
        this.reason = reason;
    }

    /** What clashed: "pod", "container", "image", "volume"; null when unsaid. */
    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public Reason reason() {
        return reason;
    }
}
