package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisorTest {
    @TempDir
    Path dir;

    /** Work items due at given times, done once each. */
    private static final class Timers implements Supervisor.Work {
        final List<Instant> due = new CopyOnWriteArrayList<>();
        final List<Instant> doneLate = new ArrayList<>();

        @Override
        public Optional<Instant> nextDue() {
            return due.stream().min(Instant::compareTo);
        }

        @Override
        public void runDue(Instant now) {
            for (Instant t : List.copyOf(due)) {
                if (!t.isAfter(now)) {
                    due.remove(t);
                    doneLate.add(t);
                }
            }
        }
    }

    @Test
    void runsWhatIsDueInTimeAndExitsWhenNothingIsLeft() {
        Timers timers = new Timers();
        Instant start = Instant.now();
        timers.due.add(start.plusMillis(300));
        timers.due.add(start.plusMillis(100));
        Supervisor.Outcome outcome = new Supervisor(dir.resolve("lock"), timers, Duration.ofMillis(200)).run();
        assertEquals(Supervisor.Outcome.NOTHING_LEFT, outcome);
        assertEquals(List.of(start.plusMillis(100), start.plusMillis(300)), timers.doneLate);
        assertTrue(Duration.between(start, Instant.now()).toMillis() >= 500, "lingered after the last work");
    }

    @Test
    void workLeftWhileItLingersIsDone() throws Exception {
        Timers timers = new Timers();
        Thread late = new Thread(() -> {
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                return;
            }
            timers.due.add(Instant.now());
        });
        late.start();
        new Supervisor(dir.resolve("lock"), timers, Duration.ofMillis(600)).run();
        late.join();
        assertEquals(1, timers.doneLate.size());
    }

    @Test
    void aSecondSupervisorLeavesTheWorkToTheOneHoldingTheLock() throws Exception {
        Path lock = dir.resolve("lock");
        assertFalse(Supervisor.running(lock));
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = ch.lock()) {
            assertTrue(Supervisor.running(lock));
            Timers timers = new Timers();
            timers.due.add(Instant.now());
            assertEquals(Supervisor.Outcome.ANOTHER_RUNS, new Supervisor(lock, timers, Duration.ZERO).run());
            assertEquals(1, timers.due.size(), "left undone");
        }
        assertFalse(Supervisor.running(lock));
    }
}
