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
    /** What the store said last (the supervisor asks four times a second), and until when it is believed. */
    private Known known;

    /** The schedule, when its next run is due, and whether an update was interrupted, as read at {@code mark}. */
    private record Known(Optional<AutoUpdateTable.Schedule> schedule, Optional<Instant> due, boolean interrupted,
            io.jpod.state.Database.ChangeMark mark, Instant until) {
    }

    /** Read again when the store changed or 2 s have passed (a process that died changes no row). */
    private Known known() {
        Instant now = Instant.now();
        io.jpod.state.Database.ChangeMark mark = table.changeMark();
        if (known == null || !known.mark().equals(mark) || now.isAfter(known.until())) {
            Optional<AutoUpdateTable.Schedule> schedule = table.schedule();
            known = new Known(schedule, schedule.flatMap(ScheduledUpdates::due), table.interrupted(io.jpod.host.Processes::running), mark,
                    now.plusSeconds(2));
        }
        return known;
    }

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
        Known k = known();
        Optional<Instant> scheduled = k.due();
        if (k.interrupted()) {
            Instant retry = recoveryStarted.plus(RECOVERY_GRACE);
            return Optional.of(scheduled.filter(t -> t.isBefore(retry)).orElse(retry));
        }
        return scheduled;
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
        Known k = known();
        if (k.interrupted() && !recoveryStarted.plus(RECOVERY_GRACE).isAfter(now)) {
            recoveryStarted = now;
            start(k.schedule().map(AutoUpdateTable.Schedule::args).orElse(List.of()), "--recover",
                    "the recovery of an interrupted auto-update");
        }
        if (k.schedule().isPresent() && k.due().filter(d -> !d.isAfter(now)).isPresent()) {
            table.scheduleRan(k.schedule().get().expression(), now);
            known = null;
            start(k.schedule().get().args(), "--trigger=" + TRIGGER, "a scheduled auto-update");
        }
    }

    /** Starts {@code jpod auto-update ARGS LAST} in a session of its own. */
    private void start(List<String> args, String last, String what) {
        List<String> argv = new ArrayList<>(launcher);
        argv.add("auto-update");
        argv.addAll(args);
        argv.add(last);
        Supervisor.detached(argv, log, what);
    }
}
