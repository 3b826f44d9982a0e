package io.jpod.state;

import io.jpod.json.Json;
import io.jpod.pod.Workload;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Deployments, DaemonSets and Jobs played (table {@code workloads}): each workload as played, its
 * revision (1, then one more for each changed template), and what its controller records between
 * decisions, as strings.
 */
public final class WorkloadTable {
    private static final JsonMapper JSON = Json.mapper();
    private static final TypeReference<LinkedHashMap<String, String>> STRINGS = new TypeReference<>() {
    };

    private final Database db;

    public WorkloadTable(Database db) {
        this.db = db;
    }

    /**
     * A stored workload.
     *
     * @param revision 1 when first played, one more each time its template changed
     * @param status   what its controller records (a Job's start and end time, its condition and why)
     */
    public record Row(Workload workload, Instant created, Instant updated, int revision, Map<String, String> status) {
        public Row {
            status = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(status));
        }

        public Row withStatus(Map<String, String> s) {
            return new Row(workload, created, updated, revision, s);
        }
    }

    /** Every workload, oldest first. */
    public List<Row> all() {
        return db.read(c -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT spec, created, updated, revision, status FROM workloads ORDER BY created, kind, name");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        });
    }

    /** Whether any workload is played. */
    public boolean any() {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM workloads LIMIT 1"); ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        });
    }

    /** The workload {@code kind}/{@code name}, if played. */
    public Optional<Row> find(Workload.Kind kind, String name) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT spec, created, updated, revision, status FROM workloads WHERE kind = ? AND name = ?")) {
                s.setString(1, kind.name());
                s.setString(2, name);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    private static Row row(ResultSet rs) throws java.sql.SQLException {
        return new Row(JSON.readValue(rs.getString(1), Workload.class), Instant.parse(rs.getString(2)), Instant.parse(rs.getString(3)),
                rs.getInt(4), JSON.readValue(rs.getString(5), STRINGS));
    }

    /** Adds or replaces a workload's row. */
    public void put(Row r) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO workloads (kind, name, spec, created, updated, revision, status) "
                    + "VALUES (?,?,?,?,?,?,?) ON CONFLICT(kind, name) DO UPDATE SET spec = excluded.spec, updated = excluded.updated, "
                    + "revision = excluded.revision, status = excluded.status")) {
                s.setString(1, r.workload().kind().name());
                s.setString(2, r.workload().name());
                s.setString(3, JSON.writeValueAsString(r.workload()));
                s.setString(4, r.created().toString());
                s.setString(5, r.updated().toString());
                s.setInt(6, r.revision());
                s.setString(7, JSON.writeValueAsString(r.status()));
                return s.executeUpdate();
            }
        });
    }

    /** Removes a workload's row; whether it was there. */
    public boolean remove(Workload.Kind kind, String name) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM workloads WHERE kind = ? AND name = ?")) {
                s.setString(1, kind.name());
                s.setString(2, name);
                return s.executeUpdate() > 0;
            }
        });
    }
}
