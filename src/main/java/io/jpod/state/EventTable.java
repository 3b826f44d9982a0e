package io.jpod.state;

import io.jpod.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event log (table {@code events}): appended to by every command that changes a pod, a
 * container or an image, read by {@code jpod events}. Kept bounded: every {@link #PRUNE_EVERY}th
 * row appended (counted by row id, so across processes) removes rows older than {@link #KEEP_FOR}
 * and all but the newest {@link #KEEP_ROWS}.
 */
public final class EventTable {
    public static final int PRUNE_EVERY = 100;
    public static final int KEEP_ROWS = 10_000;
    public static final Duration KEEP_FOR = Duration.ofDays(7);

    private static final JsonMapper JSON = Json.mapper();
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, time, type, status, object_id, name, image, pod_id, attributes";

    private final Database db;
    private final int pruneEvery;
    private final int keepRows;

    public EventTable(Database db) {
        this(db, PRUNE_EVERY, KEEP_ROWS);
    }

    /** A table pruned every {@code pruneEvery} rows down to {@code keepRows} (tests use small numbers). */
    EventTable(Database db, int pruneEvery, int keepRows) {
        this.db = db;
        this.pruneEvery = pruneEvery;
        this.keepRows = keepRows;
    }

    /** Appends {@code events} in one transaction, in their order; returns their ids. */
    public List<Long> append(List<EventRow> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        return db.write(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO events (time, type, status, object_id, name, image, pod_id, attributes) VALUES (?,?,?,?,?,?,?,?)")) {
                for (EventRow e : events) {
                    s.setLong(1, nanos(e.time()));
                    s.setString(2, e.type().word());
                    s.setString(3, e.status());
                    s.setString(4, e.objectId());
                    s.setString(5, e.name());
                    s.setString(6, e.image());
                    s.setString(7, e.podId());
                    s.setString(8, JSON.writeValueAsString(e.attributes()));
                    s.executeUpdate();
                    try (Statement q = c.createStatement(); ResultSet rs = q.executeQuery("SELECT last_insert_rowid()")) {
                        rs.next();
                        ids.add(rs.getLong(1));
                    }
                }
            }
            long first = ids.get(0);
            long last = ids.get(ids.size() - 1);
            if (last / pruneEvery != (first - 1) / pruneEvery) {
                prune(c, last, events.get(events.size() - 1).time());
            }
            return ids;
        });
    }

    /** Appends one event; returns its id. */
    public long append(EventRow event) {
        return append(List.of(event)).get(0);
    }

    private void prune(Connection c, long lastId, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM events WHERE time < ? OR id <= ?")) {
            s.setLong(1, nanos(now.minus(KEEP_FOR)));
            s.setLong(2, lastId - keepRows);
            s.executeUpdate();
        }
    }

    /**
     * The events after {@code since} and before {@code until} (either null: no bound), that pass
     * {@code filter}, oldest first.
     */
    public List<EventRow> query(Instant since, Instant until, Predicate<EventRow> filter) {
        return select("time > ? AND time < ?", since == null ? Long.MIN_VALUE : nanos(since),
                until == null ? Long.MAX_VALUE : nanos(until), filter);
    }

    /** The events recorded after the one of id {@code afterId} (0: all), that pass {@code filter}, in their order. */
    public List<EventRow> after(long afterId, Predicate<EventRow> filter) {
        return select("id > ? AND id < ?", afterId, Long.MAX_VALUE, filter);
    }

    /** The id of the last event recorded, 0 when there is none: where following starts. */
    public long lastId() {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM events")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private List<EventRow> select(String where, long a, long b, Predicate<EventRow> filter) {
        return db.read(c -> {
            List<EventRow> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM events WHERE " + where + " ORDER BY id")) {
                s.setLong(1, a);
                s.setLong(2, b);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        EventRow e = new EventRow(rs.getLong(1), instant(rs.getLong(2)),
                                EventRow.Type.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getString(8), JSON.readValue(rs.getString(9), MAP));
                        if (filter == null || filter.test(e)) {
                            out.add(e);
                        }
                    }
                }
            }
            return out;
        });
    }

    /** {@code t} in epoch nanoseconds, clamped to what a long holds. */
    static long nanos(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
