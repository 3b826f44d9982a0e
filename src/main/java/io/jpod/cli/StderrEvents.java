package io.jpod.cli;

import io.jpod.events.Events;
import java.io.PrintWriter;

/** Shows engine events on standard error as podman does: warnings as {@code WARN[0000] ...}, progress unless quiet. */
final class StderrEvents implements Events {
    private final PrintWriter err;
    private final GlobalOptions.LogLevel level;
    private final boolean quiet;

    StderrEvents(PrintWriter err, GlobalOptions.LogLevel level, boolean quiet) {
        this.err = err;
        this.level = level;
        this.quiet = quiet;
    }

    /**
     * The events of a command that transfers blobs: bars redrawn in place when standard error is a
     * terminal ({@link TerminalProgress}), else (or with {@code quiet}) these line-per-step events.
     */
    static Events forTransfers(PrintWriter err, GlobalOptions.LogLevel level, boolean quiet, Invocation invocation) {
        StderrEvents lines = new StderrEvents(err, level, quiet);
        return !quiet && invocation.stderrShowsProgress() ? new TerminalProgress(err, lines, System::nanoTime) : lines;
    }

    @Override
    public void warning(String message) {
        if (level.compareTo(GlobalOptions.LogLevel.warn) <= 0) {
            err.println("WARN[0000] " + message);
            err.flush();
        }
    }

    @Override
    public void progress(String subject, String message) {
        if (!quiet) {
            err.println(message + " " + subject);
            err.flush();
        }
    }

    @Override
    public void debug(String message) {
        if (level == GlobalOptions.LogLevel.debug) {
            err.println("DEBU[0000] " + message);
            err.flush();
        }
    }
}
