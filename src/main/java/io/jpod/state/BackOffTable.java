package io.jpod.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The crash-loop back-off of containers (table {@code back_off}): the step each container has
 * reached, and when one that waits in back-off is to be started again. A row goes with its
 * container.
 */
public final class BackOffTable {
    private final Database db;

    public BackOffTable(Database db) {
        this.db = db;
    }

    /** The back-off step container {@code id} has reached (0 when it never backed off). */
    public int step(String id) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT step FROM back_off WHERE container_id = ?")) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    /** Records step {@code step} for container {@code id}, and when it is to be started again (null: not waiting). */
    public void record(String id, int step, Instant restartAt) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO back_off (container_id, step, restart_at) VALUES (?,?,?) "
                    + "ON CONFLICT(container_id) DO UPDATE SET step = excluded.step, restart_at = excluded.restart_at")) {
                s.setString(1, id);
                s.setInt(2, step);
                if (restartAt == null) {
                    s.setNull(3, java.sql.Types.INTEGER);
                } else {
                    s.setLong(3, restartAt.toEpochMilli());
                }
                return s.executeUpdate();
            }
        });
    }

    /** Takes container {@code id} out of waiting (it was started again, stopped or removed); its step stays. */
    public boolean clearRestart(String id) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE back_off SET restart_at = NULL WHERE container_id = ? AND restart_at IS NOT NULL")) {
                s.setString(1, id);
                return s.executeUpdate() > 0;
            }
        });
    }

    /** Forgets the back-off of the containers {@code ids}: a pod started anew starts its schedule again. */
    public void forget(List<String> ids) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM back_off WHERE container_id = ?")) {
                for (String id : ids) {
                    s.setString(1, id);
                    s.executeUpdate();
                }
                return null;
            }
        });
    }

    /** The earliest time a waiting container is to be started again, if any waits. */
    public Optional<Instant> nextRestart() {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT MIN(restart_at) FROM back_off");
                    ResultSet rs = s.executeQuery()) {
                long at = rs.next() ? rs.getLong(1) : 0;
                return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(at));
            }
        });
    }

    /** Every container waiting in back-off, with when it is to be started again, earliest first. */
    public Map<String, Instant> waiting() {
        return db.read(BackOffTable::waiting);
    }

    static Map<String, Instant> waiting(Connection c) throws SQLException {
        Map<String, Instant> out = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT container_id, restart_at FROM back_off WHERE restart_at IS NOT NULL ORDER BY restart_at");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)));
            }
        }
        return out;
    }
}
