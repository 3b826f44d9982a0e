package io.jpod.engine;

import io.jpod.error.StateException;
import io.jpod.host.FileLocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Per-object file locks shared by all jpod processes of a user (lifecycle changes of one container are serialised). */
final class Locks {
    private final Path dir;

    Locks(Path dir) {
        this.dir = dir;
    }

    /** A held lock; closing it releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    Held lock(String id) {
        try {
            Files.createDirectories(dir);
            FileLocks.Held held = FileLocks.lock(dir.resolve(id));
            return held::close;
        } catch (IOException e) {
            throw new StateException("cannot lock " + id + ": " + e.getMessage(), e);
        }
    }

    void forget(String id) {
        try {
            Files.deleteIfExists(dir.resolve(id));
        } catch (IOException e) {
            // a stale lock file is harmless
        }
    }
}
