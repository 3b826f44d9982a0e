package io.jpod.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a command's time went, for {@code --log-level=debug}: each phase jpod marks from
 * {@code main} on (command line parsed, engine opened, command done). Every command is a JVM
 * start, so this is what jpod's own start-up work costs; the JVM's part before {@code main} is
 * measured from outside (bench/start-bench.sh).
 */
final class StartupClock {
    private record Mark(String phase, long nanos) {
    }

    private final long mainStarted;
    private final List<Mark> marks = new ArrayList<>();

    StartupClock(long mainStartedNanos) {
        this.mainStarted = mainStartedNanos;
    }

    void mark(String phase) {
        marks.add(new Mark(phase, System.nanoTime()));
    }

    /** One line: "timing since main: command line parsed +12 ms, ..., in all 40 ms". */
    String report() {
        StringBuilder sb = new StringBuilder("timing since main:");
        long previous = mainStarted;
        for (Mark m : marks) {
            sb.append(' ').append(m.phase()).append(" +").append((m.nanos() - previous) / 1_000_000).append(" ms,");
            previous = m.nanos();
        }
        return sb.append(" in all ").append((previous - mainStarted) / 1_000_000).append(" ms").toString();
    }
}
