package io.jpod.state;

import io.jpod.error.ConflictException;
import io.jpod.error.NotFoundException;
import io.jpod.json.Json;
import io.jpod.pod.PodSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/** Pods and containers in the state database. Every method is one transaction. */
public final class StateStore {
    private static final JsonMapper JSON = Json.mapper();
    private static final String CONTAINER_COLUMNS = "id, name, pod_id, is_infra, image_id, image_name, created, spec, state, "
            + "pid, conmon_pid, exit_code, started_at, finished_at, restart_count, stop_requested";
    private static final String CONTAINER_SELECT = "SELECT " + CONTAINER_COLUMNS + " FROM containers";
    private static final String POD_SELECT = "SELECT id, name, created, spec, infra_id FROM pods";
    /**
     * Rows are ordered here, not by SQL: timestamps are stored as Instant.toString(), whose text
     * order is not time order ("…:00Z" sorts after "…:00.5Z").
     */
    private static final Comparator<ContainerRow> INFRA_FIRST = Comparator.comparing((ContainerRow r) -> !r.infra());

    private final Database db;

    public StateStore(Database db) {
        this.db = db;
    }

    /** A value that changes whenever the store may have (see {@link Database#changeMark()}). */
    public Database.ChangeMark changeMark() {
        return db.changeMark();
    }

    /** Adds a pod and its containers at once; fails if a name is taken. */
    public void addPod(PodRow pod, List<ContainerRow> containers) {
        db.write(c -> {
            if (exists(c, "SELECT 1 FROM pods WHERE name = ?", pod.name())) {
                throw new ConflictException("pod", pod.name(), ConflictException.Reason.EXISTS, "pod " + pod.name() + " already exists");
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO pods (id, name, created, spec, infra_id) VALUES (?,?,?,?,?)")) {
                s.setString(1, pod.id());
                s.setString(2, pod.name());
                s.setString(3, pod.created().toString());
                s.setString(4, JSON.writeValueAsString(pod.spec()));
                s.setString(5, pod.infraId());
                s.executeUpdate();
            }
            for (ContainerRow row : containers) {
                if (exists(c, "SELECT 1 FROM containers WHERE name = ?", row.name())) {
                    throw new ConflictException(row.name(), "the container name \"" + row.name() + "\" is already in use");
                }
                insert(c, row);
            }
            return null;
        });
    }

    private static void insert(Connection c, ContainerRow r) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO containers (" + CONTAINER_COLUMNS
                + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            bind(s, r);
            s.executeUpdate();
        }
    }

    private static void bind(PreparedStatement s, ContainerRow r) throws SQLException {
        s.setString(1, r.id());
        s.setString(2, r.name());
        s.setString(3, r.podId());
        s.setInt(4, r.infra() ? 1 : 0);
        s.setString(5, r.imageId());
        s.setString(6, r.imageName());
        s.setString(7, r.created().toString());
        s.setString(8, JSON.writeValueAsString(r.config()));
        ContainerStatus st = r.status();
        s.setString(9, st.state().label());
        s.setLong(10, st.pid());
        s.setLong(11, st.conmonPid());
        if (st.exitCode() == null) {
            s.setNull(12, Types.INTEGER);
        } else {
            s.setInt(12, st.exitCode());
        }
        s.setString(13, st.startedAt() == null ? null : st.startedAt().toString());
        s.setString(14, st.finishedAt() == null ? null : st.finishedAt().toString());
        s.setInt(15, st.restartCount());
        s.setInt(16, st.stopRequested() ? 1 : 0);
    }

    /** Replaces a container's row (matched by id). */
    public void updateContainer(ContainerRow r) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE containers SET id=?, name=?, pod_id=?, is_infra=?, image_id=?, "
                    + "image_name=?, created=?, spec=?, state=?, pid=?, conmon_pid=?, exit_code=?, started_at=?, finished_at=?, "
                    + "restart_count=?, stop_requested=? WHERE id = ?")) {
                bind(s, r);
                s.setString(17, r.id());
                s.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Renames container {@code id} to {@code name}, refused when a container or a pod has that name (podman's names are
     * one namespace).
     */
    public void renameContainer(String id, String name) {
        db.write(c -> {
            if (exists(c, "SELECT 1 FROM containers WHERE name = ?", name) || exists(c, "SELECT 1 FROM pods WHERE name = ?", name)) {
                throw new ConflictException("container", name, ConflictException.Reason.EXISTS,
                        "name " + name + " is in use: container already exists");
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE containers SET name = ? WHERE id = ?")) {
                s.setString(1, name);
                s.setString(2, id);
                s.executeUpdate();
            }
            return null;
        });
    }

    public void removePod(String podId) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM containers WHERE pod_id = ?")) {
                s.setString(1, podId);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM pods WHERE id = ?")) {
                s.setString(1, podId);
                s.executeUpdate();
            }
            return null;
        });
    }

    public void removeContainer(String id) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM containers WHERE id = ?")) {
                s.setString(1, id);
                s.executeUpdate();
            }
            return null;
        });
    }

    public List<PodRow> pods() {
        List<PodRow> out = rows(POD_SELECT, null, StateStore::podRow);
        out.sort(Comparator.comparing(PodRow::created));
        return out;
    }

    private static PodRow podRow(ResultSet rs) throws SQLException {
        return new PodRow(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3)),
                JSON.readValue(rs.getString(4), PodSpec.class), rs.getString(5));
    }

    /** A row of a result set as a value. */
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** The rows {@code sql} selects, with {@code arg} (or none) as its one parameter. */
    private static <T> List<T> rows(Connection c, String sql, String arg, RowReader<T> reader) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (arg != null) {
                s.setString(1, arg);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
            }
        }
        return out;
    }

    private <T> List<T> rows(String sql, String arg, RowReader<T> reader) {
        return db.read(c -> rows(c, sql, arg, reader));
    }

    public List<ContainerRow> containers() {
        return sorted(rows(CONTAINER_SELECT, null, StateStore::containerRow),
                Comparator.comparing(ContainerRow::created).thenComparing(INFRA_FIRST));
    }

    public List<ContainerRow> containersOf(String podId) {
        return sorted(rows(CONTAINER_SELECT + " WHERE pod_id = ?", podId, StateStore::containerRow),
                INFRA_FIRST.thenComparing(ContainerRow::created));
    }

    public Optional<ContainerRow> container(String id) {
        return first(rows(CONTAINER_SELECT + " WHERE id = ?", id, StateStore::containerRow));
    }

    /** The pod of exactly this name, if any; only its row is read. */
    public Optional<PodRow> podNamed(String name) {
        return first(rows(POD_SELECT + " WHERE name = ?", name, StateStore::podRow));
    }

    /** The ids of the pods stored, no spec read. */
    public java.util.Set<String> podIds() {
        return new java.util.HashSet<>(rows("SELECT id FROM pods", null, rs -> rs.getString(1)));
    }

    public Optional<PodRow> podById(String id) {
        return first(rows(POD_SELECT + " WHERE id = ?", id, StateStore::podRow));
    }

    /**
     * A pod by full name, full id or unique id prefix. Names and ids are matched first, so that only the
     * pod found has its spec read: a lookup costs the same whatever the number of pods.
     */
    public PodRow findPod(String nameOrId) {
        return db.read(c -> find(c, "pods", nameOrId, POD_SELECT, StateStore::podRow))
                .orElseThrow(() -> new NotFoundException("pod", nameOrId, "no pod with name or ID " + nameOrId + " found: no such pod"));
    }

    /** A container by full name, full id or unique id prefix; only the container found is read whole. */
    public ContainerRow findContainer(String nameOrId) {
        return db.read(c -> find(c, "containers", nameOrId, CONTAINER_SELECT, StateStore::containerRow))
                .orElseThrow(() -> new NotFoundException("container", nameOrId,
                        "no container with name or ID \"" + nameOrId + "\" found: no such container"));
    }

    /** An object's id and name: what a lookup by name or id prefix needs of it. */
    private record Named(String id, String name) {
    }

    /** The row of {@code table} that {@code nameOrId} names ({@link IdLookup}), read with {@code select}. */
    private static <T> Optional<T> find(Connection c, String table, String nameOrId, String select, RowReader<T> reader)
            throws SQLException {
        List<Named> names = rows(c, "SELECT id, name FROM " + table, null, rs -> new Named(rs.getString(1), rs.getString(2)));
        Optional<Named> found = IdLookup.find(names, nameOrId, Named::id, Named::name);
        return found.isEmpty() ? Optional.empty() : first(rows(c, select + " WHERE id = ?", found.get().id(), reader));
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.stream().findFirst();
    }

    private static List<ContainerRow> sorted(List<ContainerRow> rows, Comparator<ContainerRow> order) {
        List<ContainerRow> out = new ArrayList<>(rows);
        out.sort(order);
        return out;
    }

    private static ContainerRow containerRow(ResultSet rs) throws SQLException {
        int exit = rs.getInt(12);
        Integer exitCode = rs.wasNull() ? null : exit;
        return new ContainerRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4) == 1, rs.getString(5),
                rs.getString(6), Instant.parse(rs.getString(7)), JSON.readValue(rs.getString(8), ContainerConfig.class),
                new ContainerStatus(ContainerState.of(rs.getString(9)), rs.getLong(10), rs.getLong(11), exitCode,
                        instant(rs.getString(13)), instant(rs.getString(14)), rs.getInt(15), rs.getInt(16) == 1));
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    /** Within a transaction: the containers that use image {@code imageId}, as {@code name (short id)}, by name. */
    static List<String> containersUsing(Connection c, String imageId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT name, id FROM containers WHERE image_id = ? ORDER BY name")) {
            s.setString(1, imageId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(2);
                    out.add(rs.getString(1) + " (" + id.substring(0, Math.min(12, id.length())) + ")");
                }
            }
        }
        return out;
    }

    /** Within a transaction: how many containers use each image, by image id. */
    static Map<String, Integer> imageUseCounts(Connection c) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT image_id, COUNT(*) FROM containers WHERE image_id IS NOT NULL GROUP BY image_id");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
        }
        return counts;
    }

    private static boolean exists(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
