package io.jpod.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackOffTableTest {
    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00.5Z");

    @TempDir
    Path dir;
    private Database db;
    private BackOffTable table;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("jpod.db"));
        table = new BackOffTable(db);
        for (String id : List.of("a", "b", "c")) {
            db.write(c -> {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO containers (id, name, is_infra, created, spec, state) VALUES (?, ?, 0, ?, '{}', 'exited')")) {
                    s.setString(1, id);
                    s.setString(2, "ctr-" + id);
                    s.setString(3, T0.toString());
                    return s.executeUpdate();
                }
            });
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void remembersTheStepAndTheEarliestRestart() {
        assertEquals(0, table.step("a"));
        assertEquals(Optional.empty(), table.nextRestart());
        table.record("a", 3, T0.plusSeconds(20));
        table.record("b", 1, T0.plusMillis(10_500)); // sub-second times order correctly
        table.record("c", 1, null);
        assertEquals(3, table.step("a"));
        assertEquals(Optional.of(T0.plusMillis(10_500)), table.nextRestart());
        assertEquals(Map.of("b", T0.plusMillis(10_500), "a", T0.plusSeconds(20)), table.waiting());
        assertEquals(List.of("b", "a"), List.copyOf(table.waiting().keySet()));
    }

    @Test
    void aRestartTakenOutOfWaitingKeepsItsStep() {
        table.record("a", 2, T0);
        assertTrue(table.clearRestart("a"));
        assertFalse(table.clearRestart("a"), "once");
        assertEquals(2, table.step("a"));
        assertEquals(Optional.empty(), table.nextRestart());
    }

    @Test
    void forgettingAndRemovingTheContainerDropTheRow() {
        table.record("a", 2, T0);
        table.record("b", 2, T0);
        table.forget(List.of("a"));
        assertEquals(0, table.step("a"));
        db.write(c -> c.createStatement().executeUpdate("DELETE FROM containers WHERE id = 'b'"));
        assertEquals(Map.of(), table.waiting());
    }
}
