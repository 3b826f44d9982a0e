package io.jpod.events;

/**
 * What the engine tells its caller while it works. The engine never prints; the CLI decides how
 * to show these (warnings on stderr, progress on a terminal).
 */
public interface Events {
    /** Something the user should know that did not stop the work, e.g. an unsupported YAML field. */
    void warning(String message);

    /** Progress of long work (unpacking, pulling). */
    default void progress(String subject, String message) {
    }

    /**
     * A transfer of {@code total} bytes (-1: unknown) began, e.g. action "Copying blob" of subject
     * {@code sha256:...}; {@link #transferred} and {@link #transferDone} follow for the same subject.
     * Callers that show no bars get it as one progress line.
     */
    default void transferStarted(String action, String subject, long total) {
        progress(subject, action);
    }

    /** {@code done} bytes of the transfer of {@code subject} are through (sent now and then, not for every read). */
    default void transferred(String subject, long done) {
    }

    /** The transfer of {@code subject} is complete. */
    default void transferDone(String subject) {
    }

    /** Detail for --log-level=debug. */
    default void debug(String message) {
    }

    Events NONE = message -> { };
}
