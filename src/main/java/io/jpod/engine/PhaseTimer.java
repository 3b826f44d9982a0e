package io.jpod.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The phases of one piece of work, timed for {@code --log-level debug}: each {@link #mark} ends a phase;
 * {@link #toString} lists them ("prepared 12 ms, created 80 ms") with when the work began, counted from
 * {@code origin} (the engine's opening), so that the lines of work done side by side can be laid on one time line.
 */
final class PhaseTimer {
    private final long origin;
    private final long begin;
    private long last;
    private final List<String> phases = new ArrayList<>();

    private PhaseTimer(long origin) {
        this.origin = origin;
        this.begin = System.nanoTime();
        this.last = begin;
    }

    /** A timer begun now; {@code origin} is a {@link System#nanoTime()} value. */
    static PhaseTimer start(long origin) {
        return new PhaseTimer(origin);
    }

    /** Ends the phase that ran since the last mark (or the start) and names it. */
    void mark(String phase) {
        long now = System.nanoTime();
        phases.add(phase + " " + (now - last) / 1_000_000 + " ms");
        last = now;
    }

    @Override
    public String toString() {
        return String.join(", ", phases) + " (from +" + (begin - origin) / 1_000_000 + " to +" + (last - origin) / 1_000_000 + " ms)";
    }
}
