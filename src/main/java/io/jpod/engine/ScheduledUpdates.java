package io.jpod.engine;

import io.jpod.autoupdate.CronSchedule;
import io.jpod.error.InvalidInputException;
import io.jpod.state.AutoUpdateTable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The supervisor's share of auto-update: the schedule set with {@code auto-update schedule set},
 * read from the store each time. When a run is due it records the run first (so a supervisor
 * killed right after does not run it twice, and a machine that slept through many due times runs
 * once), then starts {@code jpod auto-update} with the schedule's flags in a session of its own:
 * the run takes minutes at most, and the supervisor goes on restarting and probing meanwhile. Two
 * runs never move one pod at once (the store's journal).
 *
 * <p>It also finishes an update whose jpod was killed (a journal row whose process is gone): it
 * starts {@code jpod auto-update --recover}, which does only that, so that a pod taken down by an
 * update cut short runs again without waiting for the next run.
 */
final class ScheduledUpdates implements Supervisor.Work {
    static final String TRIGGER = "scheduled";
    /** How long a recovery run started is given to claim the update before another is started. */
    private static final java.time.Duration RECOVERY_GRACE = java.time.Duration.ofSeconds(30);

    private final AutoUpdateTable table;
    private final List<String> launcher;
    private final Path log;
    /** When a recovery run was last started (kept only to start one at a time: the journal's claims keep it safe). */
    private Instant recoveryStarted = Instant.EPOCH;

    ScheduledUpdates(AutoUpdateTable table, List<String> launcher, Path log) {
        this.table = table;
        this.launcher = launcher;
        this.log = log;
    }

    @Override
    public Optional<Instant> nextDue() {
        if (launcher.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> scheduled = table.schedule().flatMap(ScheduledUpdates::due);
        if (interrupted()) {
            Instant retry = recoveryStarted.plus(RECOVERY_GRACE);
            return Optional.of(scheduled.filter(t -> t.isBefore(retry)).orElse(retry));
        }
        return scheduled;
    }

    /** Whether an update was left by a process that is gone. */
    private boolean interrupted() {
        return table.interrupted(io.jpod.host.Processes::running);
    }

    private static Optional<Instant> due(AutoUpdateTable.Schedule s) {
        try {
            return CronSchedule.parse(s.expression()).nextAfter(s.since());
        } catch (InvalidInputException e) {
            return Optional.empty(); // checked when set: only a hand-edited store gets here
        }
    }

    @Override
    public void runDue(Instant now) {
        if (!recoveryStarted.plus(RECOVERY_GRACE).isAfter(now) && interrupted()) {
            recoveryStarted = now;
            List<String> argv = new ArrayList<>(launcher);
            argv.add("auto-update");
            table.schedule().ifPresent(s -> argv.addAll(s.args()));
            argv.add("--recover");
            argv.add("--trigger=" + TRIGGER);
            Supervisor.detached(argv, log, "the recovery of an interrupted auto-update");
        }
        Optional<AutoUpdateTable.Schedule> s = table.schedule();
        if (s.isEmpty() || launcher.isEmpty() || due(s.get()).filter(d -> !d.isAfter(now)).isEmpty()) {
            return;
        }
        table.scheduleRan(s.get().expression(), now);
        List<String> argv = new ArrayList<>(launcher);
        argv.add("auto-update");
        argv.addAll(s.get().args());
        argv.add("--trigger=" + TRIGGER);
        Supervisor.detached(argv, log, "a scheduled auto-update");
    }
}
