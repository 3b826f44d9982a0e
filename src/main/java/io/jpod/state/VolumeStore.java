package io.jpod.state;

import io.jpod.json.Json;
import io.jpod.pod.ClaimSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The named volumes' rows (table {@code volumes}); their data directories are the engine's. */
public final class VolumeStore {
    private static final JsonMapper JSON = Json.mapper();
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
    };
    private static final String COLUMNS = "name, driver, created, labels, options, annotations, source, claim";

    private final Database db;

    public VolumeStore(Database db) {
        this.db = db;
    }

    /** Adds {@code v}; false (and nothing changed) when a volume of its name exists. */
    public boolean add(VolumeRow v) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR IGNORE INTO volumes (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?)")) {
                s.setString(1, v.name());
                s.setString(2, v.driver());
                s.setString(3, v.created().toString());
                s.setString(4, JSON.writeValueAsString(v.labels()));
                s.setString(5, JSON.writeValueAsString(v.options()));
                s.setString(6, JSON.writeValueAsString(v.annotations()));
                s.setString(7, v.source());
                s.setString(8, JSON.writeValueAsString(v.claim()));
                return s.executeUpdate() > 0;
            }
        });
    }

    /** Every volume, by name. */
    public List<VolumeRow> list() {
        return db.read(c -> query(c, "SELECT " + COLUMNS + " FROM volumes ORDER BY name", null));
    }

    public Optional<VolumeRow> find(String name) {
        return db.read(c -> query(c, "SELECT " + COLUMNS + " FROM volumes WHERE name = ?", name)).stream().findFirst();
    }

    /** Removes a volume's row; whether it was there. */
    public boolean remove(String name) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM volumes WHERE name = ?")) {
                s.setString(1, name);
                return s.executeUpdate() > 0;
            }
        });
    }

    private static ClaimSpec claim(String json) {
        return "{}".equals(json) ? ClaimSpec.NONE : JSON.readValue(json, ClaimSpec.class);
    }

    private static List<VolumeRow> query(Connection c, String sql, String name) throws SQLException {
        List<VolumeRow> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (name != null) {
                s.setString(1, name);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new VolumeRow(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3)), map(rs.getString(4)),
                            map(rs.getString(5)), map(rs.getString(6)), rs.getString(7), claim(rs.getString(8))));
                }
            }
        }
        return out;
    }

    private static Map<String, String> map(String json) {
        return JSON.readValue(json, MAP);
    }
}
