package io.jpod.state;

import io.jpod.error.StateException;
import io.jpod.json.Json;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows of the image store: images and their names (tables {@code images}, {@code image_names}),
 * unpacked layers and the leases of operations about to use them ({@code layers},
 * {@code layer_leases}). The image store runs its steps inside one transaction through
 * {@link #read} and {@link #write}; which containers use an image is asked of the
 * {@link StateStore}, in the same transaction.
 */
public final class ImageTable {
    private static final JsonMapper JSON = Json.mapper();

    private final Database db;

    public ImageTable(Database db) {
        this.db = db;
    }

    /**
     * One stored image.
     *
     * @param names        its names, in the order they were given
     * @param config       the configuration JSON, byte for byte as stored
     * @param layers       diffIDs, bottom first
     * @param namesHistory every name it had, latest first
     */
    public record ImageRow(String id, List<String> names, String digest, Instant created, long size, byte[] config, List<String> layers,
            List<String> namesHistory) {
    }

    /** A lease of layer {@code diffId} by operation {@code holder}, until {@code expires}. */
    public record Lease(String diffId, String holder, Instant expires) {
    }

    /** Steps done inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Tx tx);
    }

    /** Runs {@code work} in one write transaction; any failure rolls all of it back. */
    public <T> T write(Work<T> work) {
        return db.write(c -> work.run(new Tx(c)));
    }

    /** Runs {@code work} on one consistent snapshot. */
    public <T> T read(Work<T> work) {
        return db.read(c -> work.run(new Tx(c)));
    }

    /** The statements of one transaction. A database error ends it as a {@link StateException}. */
    public static final class Tx {
        private final Connection c;

        private Tx(Connection c) {
            this.c = c;
        }

        @FunctionalInterface
        private interface Call<T> {
            T run() throws SQLException;
        }

        private static <T> T sql(Call<T> call) {
            try {
                return call.run();
            } catch (SQLException e) {
                throw new StateException("state store error: " + e.getMessage(), e);
            }
        }

        private int update(String sql, Object... args) {
            return sql(() -> {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    for (int i = 0; i < args.length; i++) {
                        if (args[i] instanceof Long l) {
                            s.setLong(i + 1, l);
                        } else {
                            s.setString(i + 1, (String) args[i]);
                        }
                    }
                    return s.executeUpdate();
                }
            });
        }

        private List<String> strings(String sql, String arg) {
            return sql(() -> {
                List<String> out = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    if (arg != null) {
                        s.setString(1, arg);
                    }
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                }
                return out;
            });
        }

        // ---- images and names -------------------------------------------------------------

        /** Every image, in the table's order, with its names. */
        public List<ImageRow> images() {
            return sql(() -> {
                Map<String, List<String>> names = new HashMap<>();
                try (PreparedStatement s = c.prepareStatement("SELECT name, image_id FROM image_names ORDER BY rowid");
                        ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        names.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(rs.getString(1));
                    }
                }
                List<ImageRow> out = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("SELECT id, digest, created, size, config, layers, names_history FROM images");
                        ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        out.add(new ImageRow(id, names.getOrDefault(id, List.of()), rs.getString(2), Instant.parse(rs.getString(3)),
                                rs.getLong(4), rs.getString(5).getBytes(StandardCharsets.UTF_8), list(rs.getString(6)), list(rs.getString(7))));
                    }
                }
                return out;
            });
        }

        /** Adds an image row unless one of its id exists. */
        public void insertImage(String id, String digest, Instant created, long size, byte[] config, byte[] manifest, List<String> layers,
                Instant added) {
            update("INSERT OR IGNORE INTO images(id, digest, created, size, config, manifest, layers, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    id, digest, created.toString(), size, new String(config, StandardCharsets.UTF_8),
                    new String(manifest, StandardCharsets.UTF_8), JSON.writeValueAsString(layers), added.toString());
        }

        /** Replaces the manifest and digest of image {@code id}. */
        public void setManifest(String id, byte[] manifest, String digest) {
            update("UPDATE images SET manifest = ?, digest = ? WHERE id = ?", new String(manifest, StandardCharsets.UTF_8), digest, id);
        }

        /** The configuration JSON of image {@code id}; null when there is none. */
        public byte[] config(String id) {
            return column(id, "config");
        }

        /** The manifest JSON of image {@code id}; null when there is none. */
        public byte[] manifest(String id) {
            return column(id, "manifest");
        }

        private byte[] column(String id, String column) {
            List<String> found = strings("SELECT " + column + " FROM images WHERE id = ?", id);
            return found.isEmpty() || found.get(0) == null ? null : found.get(0).getBytes(StandardCharsets.UTF_8);
        }

        /** Removes image {@code id} and its names. */
        public void deleteImage(String id) {
            update("DELETE FROM image_names WHERE image_id = ?", id);
            update("DELETE FROM images WHERE id = ?", id);
        }

        /** The id of the image named {@code name}, or null. */
        public String imageNamed(String name) {
            List<String> found = strings("SELECT image_id FROM image_names WHERE name = ?", name);
            return found.isEmpty() ? null : found.get(0);
        }

        public void insertName(String name, String imageId, Instant added) {
            update("INSERT INTO image_names(name, image_id, added) VALUES (?, ?, ?)", name, imageId, added.toString());
        }

        public void removeName(String name) {
            update("DELETE FROM image_names WHERE name = ?", name);
        }

        /** Every name image {@code id} had, latest first; empty when there is no such image. */
        public List<String> namesHistory(String id) {
            List<String> found = strings("SELECT names_history FROM images WHERE id = ?", id);
            return found.isEmpty() ? new ArrayList<>() : list(found.get(0));
        }

        public void setNamesHistory(String id, List<String> history) {
            update("UPDATE images SET names_history = ? WHERE id = ?", JSON.writeValueAsString(history), id);
        }

        // ---- layers and leases ------------------------------------------------------------

        /** The size of stored layer {@code diffId}'s uncompressed tar; null when it is not stored. */
        public Long layerSize(String diffId) {
            return sql(() -> {
                try (PreparedStatement s = c.prepareStatement("SELECT size FROM layers WHERE diff_id = ?")) {
                    s.setString(1, diffId);
                    try (ResultSet rs = s.executeQuery()) {
                        return rs.next() ? rs.getLong(1) : null;
                    }
                }
            });
        }

        /** Records layer {@code diffId} as stored. */
        public void putLayer(String diffId, long size, Instant added) {
            update("INSERT OR REPLACE INTO layers(diff_id, size, added) VALUES (?, ?, ?)", diffId, size, added.toString());
        }

        public void deleteLayer(String diffId) {
            update("DELETE FROM layers WHERE diff_id = ?", diffId);
        }

        /** Every stored layer's diffID. */
        public List<String> layers() {
            return strings("SELECT diff_id FROM layers", null);
        }

        /** The diffIDs some image uses. */
        public Set<String> layersInUse() {
            Set<String> out = new HashSet<>();
            for (String json : strings("SELECT layers FROM images", null)) {
                out.addAll(list(json));
            }
            return out;
        }

        public void lease(String diffId, String holder, Instant expires) {
            update("INSERT OR REPLACE INTO layer_leases(diff_id, holder, expires) VALUES (?, ?, ?)", diffId, holder, expires.toString());
        }

        /** Drops the leases of {@code holder}. */
        public void release(String holder) {
            update("DELETE FROM layer_leases WHERE holder = ?", holder);
        }

        public List<Lease> leases() {
            return sql(() -> {
                List<Lease> out = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("SELECT diff_id, holder, expires FROM layer_leases");
                        ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Lease(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3))));
                    }
                }
                return out;
            });
        }

        // ---- containers -------------------------------------------------------------------

        /** The containers that use image {@code imageId}, as {@code name (short id)}, by name. */
        public List<String> containersUsing(String imageId) {
            return sql(() -> StateStore.containersUsing(c, imageId));
        }

        /** How many containers use each image, by image id. */
        public Map<String, Integer> containerCounts() {
            return sql(() -> StateStore.imageUseCounts(c));
        }
    }

    private static List<String> list(String json) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : JSON.readTree(json)) {
            out.add(n.stringValue());
        }
        return out;
    }
}
