package io.jpod.cli;

import java.time.Instant;
import java.time.ZoneId;
import picocli.CommandLine.Option;

/**
 * The options {@code logs} and {@code pod logs} share, as podman's: follow, timestamps, the tail, and the window of time
 * ({@code --since}, {@code --until}, read as {@code jpod events} reads them: {@link EventTimes}).
 */
final class LogWindow {
    @Option(names = {"-f", "--follow"}, description = "Follow log output until the containers stop.")
    boolean follow;

    @Option(names = {"-t", "--timestamps"}, description = "Output the timestamps in the log.")
    boolean timestamps;

    @Option(names = "--tail", defaultValue = "-1",
            description = "Output the specified number of lines at the end of the log (of each container's, for a pod; default: all).")
    int tail = -1;

    @Option(names = "--since", paramLabel = "TIME",
            description = "Show logs since TIME: RFC 3339, a date, Unix seconds, or a duration before now (10m).")
    String since;

    @Option(names = "--until", paramLabel = "TIME",
            description = "Show logs until TIME: RFC 3339, a date, Unix seconds, or a duration after now (10m).")
    String until;

    /** The window's bounds at {@code now} in {@code zone} (null: no bound). */
    record Bounds(Instant from, Instant to) {
        /** Whether a line written at {@code t} (null: unknown, shown) falls inside, as podman filters. */
        boolean contains(Instant t) {
            return t == null || (from == null || t.isAfter(from)) && (to == null || t.isBefore(to));
        }
    }

    Bounds bounds(Instant now, ZoneId zone) {
        return new Bounds(since == null ? null : EventTimes.parse("--since", since, now, zone),
                until == null ? null : EventTimes.parse("--until", until, now, zone));
    }
}
