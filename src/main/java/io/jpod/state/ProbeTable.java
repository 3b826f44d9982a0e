package io.jpod.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The probes' results (table {@code probes}): for each container and kind of probe, the run of the
 * container it belongs to (its start), consecutive successes and failures, the result and the last
 * failure's message. A row goes with its container.
 */
public final class ProbeTable {
    /** One probe's row. {@code passed} is null while unknown; times are null when never. */
    public record Row(String containerId, String kind, Instant runStarted, int successes, int failures, Boolean passed,
            Instant lastAt, String message) {
    }

    private final Database db;

    public ProbeTable(Database db) {
        this.db = db;
    }

    /** Every row, by container id, then kind. */
    public Map<String, Map<String, Row>> all() {
        return db.read(c -> {
            Map<String, Map<String, Row>> out = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT container_id, kind, run_started, successes, failures, passed, last_at, message FROM probes");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int passed = rs.getInt(6);
                    Boolean p = rs.wasNull() ? null : passed != 0;
                    long last = rs.getLong(7);
                    Instant lastAt = rs.wasNull() ? null : Instant.ofEpochMilli(last);
                    Row r = new Row(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getInt(4), rs.getInt(5), p,
                            lastAt, rs.getString(8));
                    out.computeIfAbsent(r.containerId(), k -> new HashMap<>()).put(r.kind(), r);
                }
            }
            return out;
        });
    }

    /** Stores {@code r}, replacing the row of its container and kind. */
    public void put(Row r) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO probes (container_id, kind, run_started, successes, failures, "
                    + "passed, last_at, message) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(container_id, kind) DO UPDATE SET "
                    + "run_started = excluded.run_started, successes = excluded.successes, failures = excluded.failures, "
                    + "passed = excluded.passed, last_at = excluded.last_at, message = excluded.message")) {
                s.setString(1, r.containerId());
                s.setString(2, r.kind());
                s.setLong(3, r.runStarted().toEpochMilli());
                s.setInt(4, r.successes());
                s.setInt(5, r.failures());
                if (r.passed() == null) {
                    s.setNull(6, Types.INTEGER);
                } else {
                    s.setInt(6, r.passed() ? 1 : 0);
                }
                if (r.lastAt() == null) {
                    s.setNull(7, Types.INTEGER);
                } else {
                    s.setLong(7, r.lastAt().toEpochMilli());
                }
                s.setString(8, r.message());
                return s.executeUpdate();
            }
        });
    }
}
