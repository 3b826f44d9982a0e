package io.jpod.probe;

import io.jpod.host.Libc;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Moves the calling thread into a network namespace: libc's {@code open(2)}, {@code setns(2)} with
 * CLONE_NEWNET and {@code close(2)}, called through the FFM API ({@link Libc}). setns applies to
 * the calling thread only, and a socket belongs to the namespace of the thread that created it: only
 * a thread that the prober owns, and that makes its sockets itself, is ever moved.
 *
 * <p>On a runtime without the FFM API (before Java 22) {@link #available()} is false and entering a
 * namespace fails saying so.
 */
final class Netns {
    private static final int CLONE_NEWNET = 0x40000000;

    private Netns() {
    }

    /** Whether this runtime can enter a namespace (Java 22 or later, native access allowed). */
    static boolean available() {
        return Libc.available();
    }

    /** Moves the calling thread into the network namespace of {@code netns} (as /proc/PID/ns/net). */
    static void enter(Path netns) throws IOException {
        if (!Libc.available()) {
            throw new IOException("tried to enter the network namespace " + netns + " but failed because " + Libc.unavailable());
        }
        int fd;
        try {
            fd = Libc.open(netns, Libc.O_RDONLY | Libc.O_CLOEXEC);
        } catch (Libc.Failure e) {
            throw new IOException("tried to open " + netns + " but failed because " + e.getMessage(), e);
        }
        try {
            Libc.setns(fd, CLONE_NEWNET);
        } catch (Libc.Failure e) {
            throw new IOException("tried to enter the network namespace " + netns + " but failed because " + e.getMessage(), e);
        } finally {
            Libc.close(fd);
        }
    }
}
