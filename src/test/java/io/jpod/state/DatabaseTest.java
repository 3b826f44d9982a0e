package io.jpod.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.StateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    private static int userVersion(Database db) {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        });
    }

    private static List<String> tables(Database db) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    private static void exec(Database db, String sql) {
        db.write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
            return null;
        });
    }

    private static long count(Database db, String table) {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void createsTheFileAndItsDirectoryAndTheSchema() {
        Path file = dir.resolve("a/b/jpod.db");
        try (Database db = Database.open(file)) {
            assertTrue(Files.isRegularFile(file));
            assertEquals(Database.schemaVersion(), userVersion(db));
            assertEquals(List.of("auto_update_history", "auto_update_journal", "back_off", "containers", "events", "image_names", "images", "kube_objects", "layer_leases", "layers", "pods",
                    "probes", "settings", "sqlite_sequence", "volumes", "workloads"), tables(db));
        }
    }

    @Test
    void theFileAndItsWriteAheadLogAreTheOwnersOnly() throws Exception {
        Path file = dir.resolve("jpod.db");
        try (Database db = Database.open(file)) {
            exec(db, "INSERT INTO pods (id, name, created, spec) VALUES ('p1', 'web', '2024-01-01T00:00:00Z', '{}')");
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            Path wal = dir.resolve("jpod.db-wal");
            assertTrue(Files.exists(wal), "WAL mode keeps a -wal file while open");
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(wal)));
        }
    }

    @Test
    void anExistingReadableFileIsMadeTheOwnersOnly() throws Exception {
        Path file = dir.resolve("old.db");
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--")));
        try (Database db = Database.open(file)) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals(Database.schemaVersion(), userVersion(db), "and it is a database");
        }
    }

    @Test
    void reopeningKeepsDataAndDoesNotMigrateAgain() {
        Path file = dir.resolve("jpod.db");
        try (Database db = Database.open(file)) {
            exec(db, "INSERT INTO pods (id, name, created, spec) VALUES ('p1', 'web', '2024-01-01T00:00:00Z', '{}')");
        }
        try (Database db = Database.open(file)) {
            assertEquals(Database.schemaVersion(), userVersion(db));
            assertEquals(1, count(db, "pods"));
        }
        try (Database again = Database.open(file)) {
            assertEquals(List.of("auto_update_history", "auto_update_journal", "back_off", "containers", "events", "image_names", "images", "kube_objects", "layer_leases", "layers", "pods",
                    "probes", "settings", "sqlite_sequence", "volumes", "workloads"), tables(again));
        }
    }

    @Test
    void usesWriteAheadLogging() {
        try (Database db = Database.open(dir.resolve("jpod.db"))) {
            String mode = db.read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertEquals("wal", mode);
        }
    }

    @Test
    void failedWorkIsRolledBackAndItsExceptionPassesThrough() {
        try (Database db = Database.open(dir.resolve("jpod.db"))) {
            IllegalStateException boom = new IllegalStateException("boom");
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> db.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO pods (id, name, created, spec) VALUES ('p1', 'web', 'x', '{}')");
                }
                throw boom;
            }));
            assertSame(boom, thrown);
            assertEquals(0, count(db, "pods"));
            exec(db, "INSERT INTO pods (id, name, created, spec) VALUES ('p2', 'other', 'x', '{}')");
            assertEquals(1, count(db, "pods"), "the connection is usable after a rollback");
        }
    }

    @Test
    void sqlErrorsBecomeStateExceptions() {
        try (Database db = Database.open(dir.resolve("jpod.db"))) {
            StateException e = assertThrows(StateException.class, () -> exec(db, "INSERT INTO nosuchtable VALUES (1)"));
            assertTrue(e.getMessage().startsWith("state store error: "), e.getMessage());
            assertTrue(e.getMessage().contains("nosuchtable"), e.getMessage());
        }
    }

    @Test
    void foreignKeysAreEnforced() {
        try (Database db = Database.open(dir.resolve("jpod.db"))) {
            assertThrows(StateException.class, () -> exec(db, "INSERT INTO containers (id, name, pod_id, is_infra, created, spec, state)"
                    + " VALUES ('c', 'c', 'nosuchpod', 0, 'x', '{}', 'created')"));
        }
    }

    @Test
    void cannotOpenWhereTheDirectoryIsAFile() throws Exception {
        Path notADir = Files.writeString(dir.resolve("file"), "x");
        StateException e = assertThrows(StateException.class, () -> Database.open(notADir.resolve("jpod.db")));
        assertTrue(e.getMessage().startsWith("cannot open the state store " + notADir.resolve("jpod.db")), e.getMessage());
    }

    @Test
    void concurrentWritersFromTwoConnectionsLoseNoUpdates() throws Exception {
        Path file = dir.resolve("jpod.db");
        int perThread = 150;
        try (Database a = Database.open(file); Database b = Database.open(file)) {
            exec(a, "CREATE TABLE counter (n INTEGER NOT NULL)");
            exec(a, "INSERT INTO counter VALUES (0)");
            CountDownLatch go = new CountDownLatch(1);
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (Database db : List.of(a, b)) {
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                        for (int i = 0; i < perThread; i++) {
                            // read, then write what was read plus one: a lost update shows as a smaller total
                            db.write(c -> {
                                long n;
                                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT n FROM counter")) {
                                    rs.next();
                                    n = rs.getLong(1);
                                }
                                try (PreparedStatement s = c.prepareStatement("UPDATE counter SET n = ?")) {
                                    s.setLong(1, n + 1);
                                    s.executeUpdate();
                                }
                                return null;
                            });
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                t.start();
                threads.add(t);
            }
            go.countDown();
            for (Thread t : threads) {
                t.join(30_000);
            }
            assertEquals(List.of(), failures);
            long n = a.read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT n FROM counter")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertEquals(2L * perThread, n);
        }
    }

    @Test
    void theChangeMarkMovesWithEveryCommitOfThisProcessOrAnotherAndOnlyThen() {
        Path file = dir.resolve("jpod.db");
        try (Database mine = Database.open(file); Database theirs = Database.open(file)) {
            Database.ChangeMark first = mine.changeMark();
            assertEquals(first, mine.changeMark(), "nothing committed: the same mark");
            mine.read(c -> null);
            assertEquals(first, mine.changeMark(), "reading changes nothing");
            exec(theirs, "INSERT INTO pods (id, name, created, spec) VALUES ('p1', 'web', '2024-01-01T00:00:00Z', '{}')");
            Database.ChangeMark second = mine.changeMark();
            assertNotEquals(first, second, "another connection committed");
            exec(mine, "INSERT INTO pods (id, name, created, spec) VALUES ('p2', 'db', '2024-01-01T00:00:00Z', '{}')");
            assertNotEquals(second, mine.changeMark(), "this connection committed");
        }
    }
}
