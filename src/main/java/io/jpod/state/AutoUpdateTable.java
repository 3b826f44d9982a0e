package io.jpod.state;

import io.jpod.json.Json;
import io.jpod.pod.PodSpec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-update's rows: the history of every run (table {@code auto_update_history}, one row per
 * container checked), the updates under way (table {@code auto_update_journal}: one row per pod
 * being moved, which is also that pod's lock, held by a process; it says what the next run needs
 * to finish the update or roll it back when that process died; the same lock is held, without an
 * update, by {@code kube play --replace} and {@code kube down} while they replace or remove the pod:
 * {@link #hold}), and the schedule (table {@code settings}).
 */
public final class AutoUpdateTable {
    private static final JsonMapper JSON = Json.mapper();
    private static final String SCHEDULE = "auto-update.schedule";
    private static final String SCHEDULE_SINCE = "auto-update.since";
    private static final String SCHEDULE_ARGS = "auto-update.args";
    /** A journal row's entry when the row is a {@link #hold}, not an update: nothing to finish. */
    private static final String HOLD = "hold";

    private final Database db;

    public AutoUpdateTable(Database db) {
        this.db = db;
    }

    /**
     * What one run found and did to one container.
     *
     * @param run      the run's id (its start time, unique per run)
     * @param trigger  who ran it: {@code manual} or {@code scheduled}
     * @param outcome  podman's words: true, false, pending, failed, rolled back
     * @param oldImage the image id it ran before (null when unchanged)
     * @param newImage the image id it was moved to, or found (null when unchanged)
     * @param reason   why it failed or was rolled back; null otherwise
     */
    public record HistoryRow(long id, String run, Instant time, String trigger, String pod, String container, String image,
            String policy, String outcome, String oldImage, String newImage, String reason) {
    }

    /** A container's move from one image to another. */
    public record Change(String container, String image, String policy, String oldId, String newId) {
    }

    /** Where an update under way stands: moving to the new images, or back to the old ones. */
    public enum Phase {
        UPDATING, ROLLING_BACK
    }

    /**
     * An update under way: the pod as played (to create it again whatever is left of it), or the
     * workload ({@code Kind/name}) whose pods are moved, its containers' moves, and the rules of
     * the run that started it (so that whoever finishes it checks and rolls back the same way).
     */
    public record Entry(String run, String trigger, Phase phase, String reason, PodSpec spec, String workload, List<Change> changes,
            Rules rules) {
        public Entry {
            changes = List.copyOf(changes);
        }

        public Entry withPhase(Phase p, String why) {
            return new Entry(run, trigger, p, why, spec, workload, changes, rules);
        }

        /** The journal's key: the pod's name, or the workload's {@code Kind/name}. */
        public String key() {
            return workload != null ? workload : spec.name();
        }
    }

    /** How a run checks a moved pod and whether it rolls back: {@code --timeout}, {@code --settle}, {@code --rollback}. */
    public record Rules(long timeoutMillis, long settleMillis, boolean rollback) {
    }

    /** An update under way and the process that holds it. */
    public record Journal(String pod, long owner, Instant started, Entry entry) {
    }

    // ---- history ----------------------------------------------------------------------------

    /** Appends a run's rows, in one transaction. */
    public void record(List<HistoryRow> rows) {
        db.write(c -> {
            insert(c, rows);
            return null;
        });
    }

    private static void insert(java.sql.Connection c, List<HistoryRow> rows) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO auto_update_history (run, time, trigger, pod, container, image, "
                + "policy, outcome, old_image, new_image, reason) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
            for (HistoryRow r : rows) {
                s.setString(1, r.run());
                s.setString(2, r.time().toString());
                s.setString(3, r.trigger());
                s.setString(4, r.pod());
                s.setString(5, r.container());
                s.setString(6, r.image());
                s.setString(7, r.policy());
                s.setString(8, r.outcome());
                s.setString(9, r.oldImage());
                s.setString(10, r.newImage());
                s.setString(11, r.reason());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Every recorded row, oldest first. */
    public List<HistoryRow> history() {
        return db.read(c -> {
            List<HistoryRow> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, run, time, trigger, pod, container, image, policy, outcome, "
                    + "old_image, new_image, reason FROM auto_update_history ORDER BY id"); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(historyRow(rs));
                }
            }
            return out;
        });
    }

    /** The last row of pod {@code pod}'s container {@code container} that moved it or tried to (a new image recorded). */
    public Optional<HistoryRow> lastMove(String pod, String container) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, run, time, trigger, pod, container, image, policy, outcome, "
                    + "old_image, new_image, reason FROM auto_update_history WHERE pod = ? AND container = ? AND new_image IS NOT NULL "
                    + "ORDER BY id DESC LIMIT 1")) {
                s.setString(1, pod);
                s.setString(2, container);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(historyRow(rs)) : Optional.<HistoryRow>empty();
                }
            }
        });
    }

    private static HistoryRow historyRow(ResultSet rs) throws SQLException {
        return new HistoryRow(rs.getLong(1), rs.getString(2), Instant.parse(rs.getString(3)), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12));
    }

    // ---- updates under way --------------------------------------------------------------------

    /**
     * Takes pod {@code pod}'s lock for process {@code owner} with {@code entry}, for a new update: only when no update
     * of it is under way, not even one whose process died (that one is finished first: {@link #takeOver}), and no
     * process that is {@code alive} holds it ({@link #hold}); whether it was taken.
     */
    public boolean claim(String pod, long owner, Entry entry, LongPredicate alive) {
        return db.write(c -> {
            Optional<Holder> holder = holder(c, pod, owner, alive);
            if (holder.isPresent() && holder.get() != Holder.SELF) {
                return false;
            }
            take(c, pod, owner, JSON.writeValueAsString(entry));
            return true;
        });
    }

    /** Who holds a pod's lock, as {@link #hold} and {@link #claim} find it. */
    public enum Holder {
        /** An update under way, its process alive. */
        UPDATE,
        /** An update whose process died, to be finished first ({@code auto-update}, or the supervisor's {@code --recover}). */
        INTERRUPTED_UPDATE,
        /** Another command's {@link #hold} (this process's own too: the command service runs commands side by side). */
        COMMAND,
        /** An update of the process asking, which may claim it again. */
        SELF
    }

    /**
     * Holds pod (or workload) {@code pod}'s lock for process {@code owner} without an update, while a command replaces or
     * removes it ({@code kube play --replace}, {@code kube down}), so that no auto-update moves it meanwhile: taken when no
     * one holds it, or when the process of another hold is not {@code alive} (a hold leaves nothing to finish). Empty when
     * taken, else who holds it; an update's lock, even one whose process died, is never taken.
     */
    public Optional<Holder> hold(String pod, long owner, LongPredicate alive) {
        return db.write(c -> {
            Optional<Holder> holder = holder(c, pod, -1, alive);
            if (holder.isPresent()) {
                return holder;
            }
            take(c, pod, owner, HOLD);
            return Optional.<Holder>empty();
        });
    }

    /** Ends {@code owner}'s {@link #hold} of {@code pod}. */
    public void release(String pod, long owner) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM auto_update_journal WHERE pod = ? AND owner = ? AND entry = ?")) {
                s.setString(1, pod);
                s.setLong(2, owner);
                s.setString(3, HOLD);
                return s.executeUpdate();
            }
        });
    }

    /** Makes {@code pod}'s row {@code owner}'s, started now, with {@code entry} (an update's JSON, or {@link #HOLD}). */
    private static void take(java.sql.Connection c, String pod, long owner, String entry) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO auto_update_journal (pod, owner, started, entry) VALUES (?,?,?,?) "
                + "ON CONFLICT(pod) DO UPDATE SET owner = excluded.owner, started = excluded.started, entry = excluded.entry")) {
            s.setString(1, pod);
            s.setLong(2, owner);
            s.setString(3, Instant.now().toString());
            s.setString(4, entry);
            s.executeUpdate();
        }
    }

    /** Who holds {@code pod}'s lock, for process {@code asking}; empty when no one does, or only a hold of a dead process. */
    private static Optional<Holder> holder(java.sql.Connection c, String pod, long asking, LongPredicate alive) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT owner, entry FROM auto_update_journal WHERE pod = ?")) {
            s.setString(1, pod);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long owner = rs.getLong(1);
                boolean running = alive.test(owner);
                if (HOLD.equals(rs.getString(2))) {
                    return running ? Optional.of(Holder.COMMAND) : Optional.empty();
                }
                if (owner == asking) {
                    return Optional.of(Holder.SELF);
                }
                return Optional.of(running ? Holder.UPDATE : Holder.INTERRUPTED_UPDATE);
            }
        }
    }

    /**
     * Takes over {@code interrupted}, an update read from the {@link #journal()}, for process {@code owner}, to finish
     * it: only when its row is still the one read (same holder, same start) and its holder is not {@code alive}; whether
     * it was taken. An update that ended since it was read, or that another process took over meanwhile, is left
     * alone: finishing it again would move the pod a second time.
     */
    public boolean takeOver(Journal interrupted, long owner, LongPredicate alive) {
        if (alive.test(interrupted.owner())) {
            return false;
        }
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE auto_update_journal SET owner = ? WHERE pod = ? AND owner = ? AND started = ?")) {
                s.setLong(1, owner);
                s.setString(2, interrupted.pod());
                s.setLong(3, interrupted.owner());
                s.setString(4, interrupted.started().toString());
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Replaces the entry of pod {@code pod}'s update, which {@code owner} holds. */
    public void update(String pod, long owner, Entry entry) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE auto_update_journal SET entry = ? WHERE pod = ? AND owner = ?")) {
                s.setString(1, JSON.writeValueAsString(entry));
                s.setString(2, pod);
                s.setLong(3, owner);
                return s.executeUpdate();
            }
        });
    }

    /** Ends pod {@code pod}'s update (its lock released) and records its rows, in one transaction. */
    public void finish(String pod, long owner, List<HistoryRow> rows) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM auto_update_journal WHERE pod = ? AND owner = ?")) {
                s.setString(1, pod);
                s.setLong(2, owner);
                s.executeUpdate();
            }
            insert(c, rows);
            return null;
        });
    }

    /** A value that changes whenever the store may have (see {@link Database#changeMark()}). */
    public Database.ChangeMark changeMark() {
        return db.changeMark();
    }

    /** Whether an update under way was left by a process that is not {@code alive}. */
    public boolean interrupted(LongPredicate alive) {
        return db.read(c -> interrupted(c, alive));
    }

    /** Whether auto-update leaves a supervisor work: a schedule, or an update left by a process that is not {@code alive}. */
    public boolean supervisorWork(LongPredicate alive) {
        return db.read(c -> setting(c, SCHEDULE) != null || interrupted(c, alive));
    }

    private static boolean interrupted(java.sql.Connection c, LongPredicate alive) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT owner FROM auto_update_journal WHERE entry != '" + HOLD + "'");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                if (!alive.test(rs.getLong(1))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The updates under way (not the {@link #hold}s). */
    public List<Journal> journal() {
        return db.read(c -> {
            List<Journal> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT pod, owner, started, entry FROM auto_update_journal WHERE entry != '"
                    + HOLD + "' ORDER BY started");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Journal(rs.getString(1), rs.getLong(2), Instant.parse(rs.getString(3)),
                            JSON.readValue(rs.getString(4), Entry.class)));
                }
            }
            return out;
        });
    }

    // ---- schedule -----------------------------------------------------------------------------

    /** A stored schedule: its cron expression, the last run (or when it was set), and the flags of each run. */
    public record Schedule(String expression, Instant since, List<String> args) {
        public Schedule {
            args = List.copyOf(args);
        }
    }

    public Optional<Schedule> schedule() {
        return db.read(c -> {
            String expr = setting(c, SCHEDULE);
            if (expr == null) {
                return Optional.<Schedule>empty();
            }
            String since = setting(c, SCHEDULE_SINCE);
            String args = setting(c, SCHEDULE_ARGS);
            return Optional.of(new Schedule(expr, since == null ? Instant.EPOCH : Instant.parse(since),
                    args == null ? List.of() : List.of(JSON.readValue(args, String[].class))));
        });
    }

    /** Stores {@code schedule} (null: clears it). */
    public void setSchedule(Schedule schedule) {
        db.write(c -> {
            if (schedule == null) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM settings WHERE key IN (?, ?, ?)")) {
                    s.setString(1, SCHEDULE);
                    s.setString(2, SCHEDULE_SINCE);
                    s.setString(3, SCHEDULE_ARGS);
                    s.executeUpdate();
                }
            } else {
                put(c, SCHEDULE, schedule.expression());
                put(c, SCHEDULE_SINCE, schedule.since().toString());
                put(c, SCHEDULE_ARGS, JSON.writeValueAsString(schedule.args()));
            }
            return null;
        });
    }

    /** Records that the schedule ran at {@code at} (kept only while the same expression is set). */
    public void scheduleRan(String expression, Instant at) {
        db.write(c -> {
            if (expression.equals(setting(c, SCHEDULE))) {
                put(c, SCHEDULE_SINCE, at.toString());
            }
            return null;
        });
    }

    private static String setting(java.sql.Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void put(java.sql.Connection c, String key, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO settings (key, value) VALUES (?, ?) "
                + "ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
            s.setString(1, key);
            s.setString(2, value);
            s.executeUpdate();
        }
    }
}
