package io.jpod.state;

import io.jpod.error.ConflictException;
import io.jpod.error.NotFoundException;
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
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CONTAINER_COLUMNS = "id, name, pod_id, is_infra, image_id, image_name, created, spec, state, "
            + "pid, conmon_pid, exit_code, started_at, finished_at, restart_count, stop_requested";
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
        return db.read(c -> {
            List<PodRow> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, name, created, spec, infra_id FROM pods");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new PodRow(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3)),
                            JSON.readValue(rs.getString(4), PodSpec.class), rs.getString(5)));
                }
            }
            out.sort(Comparator.comparing(PodRow::created));
            return out;
        });
    }

    public List<ContainerRow> containers() {
        return sorted(queryContainers("SELECT " + CONTAINER_COLUMNS + " FROM containers", null),
                Comparator.comparing(ContainerRow::created).thenComparing(INFRA_FIRST));
    }

    public List<ContainerRow> containersOf(String podId) {
        return sorted(queryContainers("SELECT " + CONTAINER_COLUMNS + " FROM containers WHERE pod_id = ?", podId),
                INFRA_FIRST.thenComparing(ContainerRow::created));
    }

    public Optional<ContainerRow> container(String id) {
        List<ContainerRow> l = queryContainers("SELECT " + CONTAINER_COLUMNS + " FROM containers WHERE id = ?", id);
        return l.stream().findFirst();
    }

    public Optional<PodRow> podById(String id) {
        return pods().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** A pod by full name, full id or unique id prefix. */
    public PodRow findPod(String nameOrId) {
        return IdLookup.find(pods(), nameOrId, PodRow::id, PodRow::name)
                .orElseThrow(() -> new NotFoundException("pod", nameOrId, "no pod with name or ID " + nameOrId + " found: no such pod"));
    }

    /** A container by full name, full id or unique id prefix. */
    public ContainerRow findContainer(String nameOrId) {
        return IdLookup.find(containers(), nameOrId, ContainerRow::id, ContainerRow::name)
                .orElseThrow(() -> new NotFoundException("container", nameOrId,
                        "no container with name or ID \"" + nameOrId + "\" found: no such container"));
    }

    private static List<ContainerRow> sorted(List<ContainerRow> rows, Comparator<ContainerRow> order) {
        List<ContainerRow> out = new ArrayList<>(rows);
        out.sort(order);
        return out;
    }

    private List<ContainerRow> queryContainers(String sql, String arg) {
        return db.read(c -> {
            List<ContainerRow> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                if (arg != null) {
                    s.setString(1, arg);
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
            }
            return out;
        });
    }

    private static ContainerRow row(ResultSet rs) throws SQLException {
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
