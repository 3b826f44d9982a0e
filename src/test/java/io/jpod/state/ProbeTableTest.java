package io.jpod.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeTableTest {
    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00.250Z");

    @TempDir
    Path dir;
    private Database db;
    private ProbeTable table;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("jpod.db"));
        table = new ProbeTable(db);
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO containers (id, name, is_infra, created, spec, state) VALUES ('a', 'ctr-a', 0, ?, '{}', 'running')")) {
                s.setString(1, T0.toString());
                return s.executeUpdate();
            }
        });
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void keepsOneRowPerContainerAndKindAndGoesWithItsContainer() {
        ProbeTable.Row fresh = new ProbeTable.Row("a", "readiness", T0, 0, 0, null, null, null);
        table.put(fresh);
        assertEquals(Map.of("a", Map.of("readiness", fresh)), table.all());
        ProbeTable.Row failed = new ProbeTable.Row("a", "readiness", T0, 0, 3, false, T0.plusSeconds(3), "HTTP probe failed with statuscode: 500");
        table.put(failed);
        ProbeTable.Row live = new ProbeTable.Row("a", "liveness", T0, 1, 0, true, T0.plusSeconds(1), null);
        table.put(live);
        assertEquals(Map.of("a", Map.of("readiness", failed, "liveness", live)), table.all());
        db.write(c -> c.createStatement().executeUpdate("DELETE FROM containers"));
        assertEquals(Map.of(), table.all());
    }
}
