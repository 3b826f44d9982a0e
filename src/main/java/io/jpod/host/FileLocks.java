package io.jpod.host;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Locks on files that every jpod process of the user takes around a change. A file lock belongs to a whole
 * process, so two threads of one process (the command service runs commands side by side) would not wait for
 * each other but fail: the threads of this process take turns first, on a lock per file. That table is the
 * one thing shared by every command of the process, as the file lock is.
 */
public final class FileLocks {
    private static final ConcurrentHashMap<Path, ReentrantLock> THREADS = new ConcurrentHashMap<>();

    private FileLocks() {
    }

    /** A held lock; closing it releases it (from the thread that took it). */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Waits for the lock on {@code file} (created if missing), first among this process's threads, then among processes. */
    public static Held lock(Path file) throws IOException {
        ReentrantLock turn = THREADS.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new ReentrantLock());
        turn.lock();
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = ch.lock();
            FileChannel channel = ch;
            return () -> {
                try (channel) {
                    lock.release();
                } catch (IOException e) {
                    // closing the channel releases the lock as well
                } finally {
                    turn.unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            turn.unlock();
            throw e;
        }
    }
}
