package io.jpod.state;

import io.jpod.json.Json;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ConfigMaps and Secrets that {@code kube play} was given, kept in the state database.
 * Nothing here prints: a Secret's data is only ever returned to the engine.
 */
public final class KubeObjectStore {
    private static final JsonMapper JSON = Json.mapper();
    private static final TypeReference<LinkedHashMap<String, String>> DATA = new TypeReference<>() {
    };

    private final Database db;

    public KubeObjectStore(Database db) {
        this.db = db;
    }

    /**
     * One stored object.
     *
     * @param source where it was read from (file:line:col)
     */
    public record KubeObject(String kind, String name, Map<String, String> data, String source, Instant updated) {
        public KubeObject {
            data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
        }

        @Override
        public String toString() {
            return kind + " " + name + " " + data.keySet(); // keys only: it may be a Secret
        }
    }

    /** Adds or replaces objects (by kind and name), all at once. */
    public void save(List<KubeObject> objects) {
        if (objects.isEmpty()) {
            return;
        }
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT OR REPLACE INTO kube_objects (kind, name, data, source, updated) VALUES (?,?,?,?,?)")) {
                for (KubeObject o : objects) {
                    s.setString(1, o.kind());
                    s.setString(2, o.name());
                    s.setString(3, JSON.writeValueAsString(o.data()));
                    s.setString(4, o.source());
                    s.setString(5, o.updated().toString());
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    /** The stored objects of {@code kind}, by name. */
    public List<KubeObject> list(String kind) {
        return db.read(c -> {
            List<KubeObject> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT name, data, source, updated FROM kube_objects WHERE kind = ? ORDER BY name")) {
                s.setString(1, kind);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new KubeObject(kind, rs.getString(1), JSON.readValue(rs.getString(2), DATA), rs.getString(3),
                                Instant.parse(rs.getString(4))));
                    }
                }
            }
            return out;
        });
    }

    /** Removes an object; whether it was there. */
    public boolean remove(String kind, String name) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM kube_objects WHERE kind = ? AND name = ?")) {
                s.setString(1, kind);
                s.setString(2, name);
                return s.executeUpdate() > 0;
            }
        });
    }
}
