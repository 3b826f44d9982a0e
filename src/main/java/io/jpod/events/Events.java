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

    /** Detail for --log-level=debug. */
    default void debug(String message) {
    }

    Events NONE = message -> { };
}
