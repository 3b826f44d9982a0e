package io.jpod.state;

import io.jpod.error.StateException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * jpod's embedded state store: one SQLite file (WAL mode) shared by every jpod process of a user.
 * Writers take SQLite's write lock up front ({@code BEGIN IMMEDIATE}) and wait for each other
 * (busy timeout), so concurrent commands see each other's changes whole or not at all.
 */
public final class Database implements AutoCloseable {
    /** Schema steps; index i upgrades user_version i to i+1. Append only. */
    private static final List<String> MIGRATIONS = List.of(
            """
            CREATE TABLE images (
              id TEXT PRIMARY KEY,
              digest TEXT,
              created TEXT,
              size INTEGER NOT NULL,
              config TEXT NOT NULL,
              manifest TEXT,
              layers TEXT NOT NULL,
              added TEXT NOT NULL
            );
            CREATE TABLE image_names (
              name TEXT PRIMARY KEY,
              image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
              added TEXT NOT NULL
            );
            CREATE INDEX image_names_by_image ON image_names(image_id);
            CREATE TABLE pods (
              id TEXT PRIMARY KEY,
              name TEXT NOT NULL UNIQUE,
              created TEXT NOT NULL,
              spec TEXT NOT NULL,
              infra_id TEXT
            );
            CREATE TABLE containers (
              id TEXT PRIMARY KEY,
              name TEXT NOT NULL UNIQUE,
              pod_id TEXT REFERENCES pods(id),
              is_infra INTEGER NOT NULL,
              image_id TEXT,
              image_name TEXT,
              created TEXT NOT NULL,
              spec TEXT NOT NULL,
              state TEXT NOT NULL,
              pid INTEGER NOT NULL DEFAULT 0,
              conmon_pid INTEGER NOT NULL DEFAULT 0,
              exit_code INTEGER,
              started_at TEXT,
              finished_at TEXT,
              restart_count INTEGER NOT NULL DEFAULT 0,
              stop_requested INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX containers_by_pod ON containers(pod_id);
            """,
            // image layers on disk, and the layers an operation in progress is about to use
            // (so that a concurrent image removal does not delete them)
            """
            CREATE TABLE layers (
              diff_id TEXT PRIMARY KEY,
              size INTEGER NOT NULL,
              added TEXT NOT NULL
            );
            CREATE TABLE layer_leases (
              diff_id TEXT NOT NULL,
              holder TEXT NOT NULL,
              expires TEXT NOT NULL,
              PRIMARY KEY (diff_id, holder)
            );
            ALTER TABLE images ADD COLUMN names_history TEXT NOT NULL DEFAULT '[]';
            """,
            // ConfigMaps and Secrets played by kube play (data is JSON; a Secret's is never printed)
            """
            CREATE TABLE kube_objects (
              kind TEXT NOT NULL,
              name TEXT NOT NULL,
              data TEXT NOT NULL,
              source TEXT NOT NULL,
              updated TEXT NOT NULL,
              PRIMARY KEY (kind, name)
            );
            """,
            // named volumes (jpod volume create, PersistentVolumeClaims of kube play); data under volumes/<name>/_data
            """
            CREATE TABLE volumes (
              name TEXT PRIMARY KEY,
              driver TEXT NOT NULL,
              created TEXT NOT NULL,
              labels TEXT NOT NULL,
              options TEXT NOT NULL,
              annotations TEXT NOT NULL,
              source TEXT NOT NULL
            );
            """,
            // the crash-loop back-off of containers: the step reached, and when a container waiting in
            // back-off is to be started again (epoch milliseconds; NULL when it is not waiting)
            """
            CREATE TABLE back_off (
              container_id TEXT PRIMARY KEY REFERENCES containers(id) ON DELETE CASCADE,
              step INTEGER NOT NULL,
              restart_at INTEGER
            );
            CREATE INDEX back_off_by_restart ON back_off(restart_at);
            """,
            // the probes of containers: one row per container and kind, for the run that started at run_started
            // (epoch milliseconds); passed is NULL while unknown
            """
            CREATE TABLE probes (
              container_id TEXT NOT NULL REFERENCES containers(id) ON DELETE CASCADE,
              kind TEXT NOT NULL,
              run_started INTEGER NOT NULL,
              successes INTEGER NOT NULL,
              failures INTEGER NOT NULL,
              passed INTEGER,
              last_at INTEGER,
              message TEXT,
              PRIMARY KEY (container_id, kind)
            );
            """,
            // what happened to pods, containers, images and volumes (jpod events): time in epoch
            // nanoseconds, podman's status words, attributes as a JSON object of strings
            """
            CREATE TABLE events (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              time INTEGER NOT NULL,
              type TEXT NOT NULL,
              status TEXT NOT NULL,
              object_id TEXT NOT NULL,
              name TEXT,
              image TEXT,
              pod_id TEXT,
              attributes TEXT NOT NULL
            );
            CREATE INDEX events_by_time ON events(time);
            """,
            // the Deployments, DaemonSets and Jobs played: the workload as JSON, and what its controller
            // records between its decisions (a Job's start and end, why it failed) as a JSON object of strings
            """
            CREATE TABLE workloads (
              kind TEXT NOT NULL,
              name TEXT NOT NULL,
              spec TEXT NOT NULL,
              created TEXT NOT NULL,
              updated TEXT NOT NULL,
              revision INTEGER NOT NULL,
              status TEXT NOT NULL,
              PRIMARY KEY (kind, name)
            );
            """,
            // auto-update: every run's result per container, the updates under way (each pod's lock, and
            // what the next run needs to finish or roll back one whose jpod was killed), and the schedule
            """
            CREATE TABLE auto_update_history (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              run TEXT NOT NULL,
              time TEXT NOT NULL,
              trigger TEXT NOT NULL,
              pod TEXT NOT NULL,
              container TEXT NOT NULL,
              image TEXT NOT NULL,
              policy TEXT NOT NULL,
              outcome TEXT NOT NULL,
              old_image TEXT,
              new_image TEXT,
              reason TEXT
            );
            CREATE TABLE auto_update_journal (
              pod TEXT PRIMARY KEY,
              owner INTEGER NOT NULL,
              started TEXT NOT NULL,
              entry TEXT NOT NULL
            );
            CREATE TABLE settings (
              key TEXT PRIMARY KEY,
              value TEXT NOT NULL
            );
            """,
            // a PersistentVolumeClaim's spec (pod.ClaimSpec as JSON), kept with its volume for kube generate
            """
            ALTER TABLE volumes ADD COLUMN claim TEXT NOT NULL DEFAULT '{}';
            """);

    private final Connection connection;
    private long localWrites;

    private Database(Connection connection) {
        this.connection = connection;
    }

    /** Opens (creating if needed) the store at {@code file} and brings its schema up to date. */
    public static Database open(Path file) {
        try {
            Files.createDirectories(file.getParent());
            ownerOnly(file);
            SqliteNative.prepare(file.getParent().resolve("cache"));
            // the driver itself, not DriverManager, whose service lookup opens every jar of the class path
            Connection c = org.sqlite.JDBC.createConnection("jdbc:sqlite:" + file, new Properties());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 60000");
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = NORMAL");
                s.execute("PRAGMA foreign_keys = ON");
            }
            c.setAutoCommit(true);
            Database db = new Database(c);
            db.migrate();
            return db;
        } catch (SQLException | IOException e) {
            throw new StateException("cannot open the state store " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates the database file readable by its owner only (it holds Secrets' values), or makes
     * an existing one so; SQLite gives its -wal and -shm files the database file's mode.
     */
    private static void ownerOnly(Path file) throws IOException {
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rw-------");
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(mode));
            } catch (FileAlreadyExistsException e) {
                // another jpod made it at the same time
            }
        }
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path f = file.resolveSibling(file.getFileName() + suffix);
            try {
                if (Files.exists(f) && !Files.getPosixFilePermissions(f).equals(mode)) {
                    Files.setPosixFilePermissions(f, mode);
                }
            } catch (NoSuchFileException e) {
                // gone meanwhile (a -wal file at the last close)
            } catch (FileSystemException e) {
                // not ours to change: opening it says whether it can be used at all
            }
        }
    }

    private void migrate() throws SQLException {
        if (userVersion(connection) == MIGRATIONS.size()) {
            return;
        }
        write(c -> {
            int version = userVersion(c);
            for (int i = version; i < MIGRATIONS.size(); i++) {
                try (Statement s = c.createStatement()) {
                    for (String stmt : MIGRATIONS.get(i).split(";")) {
                        if (!stmt.isBlank()) {
                            s.execute(stmt);
                        }
                    }
                    s.execute("PRAGMA user_version = " + (i + 1));
                }
            }
            return null;
        });
    }

    /** The schema version a database has once opened: the number of migration steps. */
    static int schemaVersion() {
        return MIGRATIONS.size();
    }

    private static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in a write transaction (BEGIN IMMEDIATE); commits on success, rolls back on any failure. */
    public synchronized <T> T write(Work<T> work) {
        localWrites++;
        return transaction("BEGIN IMMEDIATE", work);
    }

    /**
     * What has changed the store, as a value that differs whenever anything may have: SQLite's
     * {@code data_version} (which moves when another connection, another jpod process, commits) with
     * the count of this connection's own write transactions (which data_version does not see).
     * A reader that caches what it derived from the store keeps its cache while the mark is equal.
     */
    public synchronized ChangeMark changeMark() {
        long version = read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA data_version")) {
                return rs.next() ? rs.getLong(1) : -1L;
            }
        });
        return new ChangeMark(version, localWrites);
    }

    /** See {@link #changeMark()}. */
    public record ChangeMark(long dataVersion, long localWrites) {
    }

    /** Runs {@code work} in a read transaction: a consistent snapshot. */
    public synchronized <T> T read(Work<T> work) {
        return transaction("BEGIN DEFERRED", work);
    }

    private <T> T transaction(String begin, Work<T> work) {
        try {
            try (Statement s = connection.createStatement()) {
                s.execute(begin);
            }
            try {
                T result = work.run(connection);
                try (Statement s = connection.createStatement()) {
                    s.execute("COMMIT");
                }
                return result;
            } catch (RuntimeException | SQLException | Error e) {
                try (Statement s = connection.createStatement()) {
                    s.execute("ROLLBACK");
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StateException("state store error: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StateException("cannot close the state store: " + e.getMessage(), e);
        }
    }
}
