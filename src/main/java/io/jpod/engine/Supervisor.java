package io.jpod.engine;

import io.jpod.error.HostException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one supervisor process of a user: the active part that runs what is due later (a restart
 * after its crash-loop back-off). It is started on demand by a command that leaves work for later
 * ({@link #ensureRunning}), holds a lock file while it runs (so there is one), keeps nothing the
 * state store does not have (killed with SIGKILL, the next one goes on from the store), and exits
 * once nothing is left to do.
 */
public final class Supervisor {
    private static final Duration POLL = Duration.ofMillis(250);

    /** What the supervisor does: read from the state store each time, never kept. */
    public interface Work {
        /** When the next piece of work is due, or empty when there is none. */
        Optional<Instant> nextDue();

        /** Does everything due at {@code now}. */
        void runDue(Instant now);
    }

    /** The work of {@code a} and {@code b}: due when either is, each doing what is due of its own. */
    static Work both(Work a, Work b) {
        return new Work() {
            @Override
            public Optional<Instant> nextDue() {
                Optional<Instant> x = a.nextDue();
                Optional<Instant> y = b.nextDue();
                return x.isEmpty() ? y : y.isEmpty() || x.get().isBefore(y.get()) ? x : y;
            }

            @Override
            public void runDue(Instant now) {
                a.runDue(now);
                b.runDue(now);
            }
        };
    }

    /** Why {@link #run} returned. */
    public enum Outcome {
        /** another supervisor holds the lock */
        ANOTHER_RUNS,
        /** nothing was left to do */
        NOTHING_LEFT
    }

    private final Path lockFile;
    private final Work work;
    private final Duration linger;

    /** {@code linger}: how long to wait for new work once nothing is left, before exiting. */
    public Supervisor(Path lockFile, Work work, Duration linger) {
        this.lockFile = lockFile;
        this.work = work;
        this.linger = linger;
    }

    /** Runs until nothing is left to do, or returns at once if another supervisor runs. */
    public Outcome run() {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                return Outcome.ANOTHER_RUNS;
            }
            writePid(channel);
            Instant idleSince = null;
            while (true) {
                Instant now = Instant.now();
                Optional<Instant> next = work.nextDue();
                if (next.isPresent()) {
                    idleSince = null;
                    if (next.get().isAfter(now)) {
                        sleep(min(POLL, Duration.between(now, next.get())));
                    } else {
                        work.runDue(now);
                    }
                    continue;
                }
                if (idleSince == null) {
                    idleSince = now;
                }
                if (Duration.between(idleSince, now).compareTo(linger) < 0) {
                    sleep(POLL);
                    continue;
                }
                // Release, then look once more: a command that left work after the last look and found
                // the lock held starts no supervisor, so this one must see its work.
                lock.release();
                if (work.nextDue().isEmpty()) {
                    return Outcome.NOTHING_LEFT;
                }
                lock = tryLock(channel);
                if (lock == null) {
                    return Outcome.ANOTHER_RUNS;
                }
                idleSince = null;
            }
        } catch (IOException e) {
            throw new HostException("the supervisor cannot lock " + lockFile + ": " + e.getMessage(), null);
        }
    }

    private static void writePid(FileChannel channel) throws IOException {
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)), 0);
    }

    /** Ends the supervisor holding {@code lockFile}, if one runs (as SIGKILL would: it keeps nothing to lose). */
    public static void stop(Path lockFile) {
        if (!running(lockFile)) {
            return;
        }
        try {
            String pid = Files.readString(lockFile).strip();
            if (pid.matches("\\d+")) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(p -> {
                    p.destroyForcibly();
                    p.onExit().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> p).join();
                });
            }
        } catch (IOException e) {
            // gone meanwhile
        }
    }

    /** Whether a supervisor holds {@code lockFile} now. */
    public static boolean running(Path lockFile) {
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Starts a supervisor, in its own session so that it outlives this command, unless one runs.
     * {@code launcher} is the jpod launcher's argv prefix; the supervisor's output goes to {@code log}.
     */
    public static void ensureRunning(Path lockFile, List<String> launcher, Path log) {
        if (launcher.isEmpty() || running(lockFile)) {
            return;
        }
        List<String> argv = new ArrayList<>(launcher);
        argv.addAll(List.of("system", "supervise"));
        detached(argv, log, "the jpod supervisor");
    }

    /** Starts {@code argv} in a session of its own (it outlives this process), its output appended to {@code log}. */
    static void detached(List<String> argv, Path log, String what) {
        List<String> command = new ArrayList<>(List.of("setsid", "-f"));
        command.addAll(argv);
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true).start();
            p.waitFor();
        } catch (IOException e) {
            throw new HostException("cannot start " + what + ": " + e.getMessage(), "is setsid (util-linux) installed?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The lock, or null when another process (or another channel of this one) holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return null;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(1, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
