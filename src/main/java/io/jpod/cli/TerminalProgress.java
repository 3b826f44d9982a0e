package io.jpod.cli;

import io.jpod.events.Events;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Progress on a terminal, as podman shows a pull: one line per transfer (bytes done of total and a
 * bar), redrawn in place with ANSI cursor movements at most every 100 ms; other progress messages
 * and warnings are printed above the bars. Thread-safe (layers are fetched in parallel).
 */
final class TerminalProgress implements Events {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR = 25;
    private final PrintWriter err;
    private final Events lines;
    private final LongSupplier clock;
    private final Map<String, Bar> bars = new LinkedHashMap<>();
    /** How many bar lines are on the screen below the cursor's line start. */
    private int drawn;
    private long lastDraw;

    private static final class Bar {
        final String action;
        final String subject;
        final long total;
        long done;
        boolean finished;

        Bar(String action, String subject, long total) {
            this.action = action;
            this.subject = subject;
            this.total = total;
        }
    }

    /** {@code lines} shows warnings and debug messages. */
    TerminalProgress(PrintWriter err, Events lines, LongSupplier clock) {
        this.err = err;
        this.lines = lines;
        this.clock = clock;
    }

    @Override
    public synchronized void warning(String message) {
        settle();
        lines.warning(message);
    }

    @Override
    public synchronized void debug(String message) {
        settle();
        lines.debug(message);
    }

    @Override
    public synchronized void progress(String subject, String message) {
        settle();
        err.println(message + " " + subject);
        err.flush();
    }

    @Override
    public synchronized void transferStarted(String action, String subject, long total) {
        bars.put(subject, new Bar(action, subject, total));
        redraw();
    }

    @Override
    public synchronized void transferred(String subject, long done) {
        Bar b = bars.get(subject);
        if (b == null) {
            return;
        }
        b.done = done;
        if (clock.getAsLong() - lastDraw >= REDRAW_NANOS) {
            redraw();
        }
    }

    @Override
    public synchronized void transferDone(String subject) {
        Bar b = bars.get(subject);
        if (b != null) {
            b.finished = true;
            b.done = Math.max(b.done, b.total);
            redraw();
        }
    }

    /** Draws the bars as they are and leaves the finished ones on the screen for good; lines printed next go below them. */
    private void settle() {
        if (bars.isEmpty()) {
            return;
        }
        redraw();
        List<String> finished = new ArrayList<>();
        bars.forEach((k, b) -> {
            if (b.finished) {
                finished.add(k);
            }
        });
        if (finished.size() == bars.size()) {
            bars.clear();
            drawn = 0;
        }
    }

    private void redraw() {
        StringBuilder out = new StringBuilder();
        if (drawn > 0) {
            out.append("\033[").append(drawn).append('A');
        }
        for (Bar b : bars.values()) {
            out.append('\r').append("\033[2K").append(line(b)).append('\n');
        }
        drawn = bars.size();
        lastDraw = clock.getAsLong();
        err.print(out);
        err.flush();
    }

    /** {@code Copying blob 4f4fb700ef54 [=====>-----] 1.2MiB / 4.5MiB}, or {@code ... done}. */
    static String line(String action, String subject, long done, long total, boolean finished) {
        String name = subject.startsWith("sha256:") ? subject.substring(7, Math.min(subject.length(), 19)) : subject;
        String head = action + " " + name;
        if (finished) {
            return head + " done";
        }
        if (total <= 0) {
            return head + " " + bytes(done);
        }
        int filled = (int) Math.min(BAR, done * BAR / total);
        String bar = "=".repeat(filled) + (filled < BAR ? ">" + "-".repeat(BAR - filled - 1) : "");
        return head + " [" + bar + "] " + bytes(done) + " / " + bytes(total);
    }

    private static String line(Bar b) {
        return line(b.action, b.subject, b.done, b.total, b.finished);
    }

    /** Bytes as podman shows them: {@code 512B}, {@code 1.5KiB}, {@code 2.3MiB}, {@code 1.0GiB}. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + "B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f%s", v, units[u]);
    }
}
