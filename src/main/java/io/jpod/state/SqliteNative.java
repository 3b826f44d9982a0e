package io.jpod.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * sqlite-jdbc unpacks its native library into /tmp on every start (and runs {@code uname} to pick
 * it). jpod is a short process per command, so the library is unpacked once per user and version
 * into a cache directory and sqlite-jdbc is pointed at it.
 */
final class SqliteNative {
    private static final String RESOURCE = "/org/sqlite/native/Linux/x86_64/libsqlitejdbc.so";

    private SqliteNative() {
    }

    static void prepare(Path cacheDir) {
        if (System.getProperty("org.sqlite.lib.path") != null || !"amd64".equals(System.getProperty("os.arch"))) {
            return;
        }
        String version = org.sqlite.SQLiteJDBCLoader.getVersion();
        Path dir = cacheDir.resolve("sqlite-" + version);
        Path lib = dir.resolve("libsqlitejdbc.so");
        try {
            if (!Files.isRegularFile(lib)) {
                try (InputStream in = SqliteNative.class.getResourceAsStream(RESOURCE)) {
                    if (in == null) {
                        return;
                    }
                    Files.createDirectories(dir);
                    Path tmp = Files.createTempFile(dir, "lib", ".tmp");
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            System.setProperty("org.sqlite.lib.path", dir.toString());
            System.setProperty("org.sqlite.lib.name", "libsqlitejdbc.so");
        } catch (IOException | RuntimeException e) {
            // sqlite-jdbc falls back to unpacking into the temporary directory itself
        }
    }
}
