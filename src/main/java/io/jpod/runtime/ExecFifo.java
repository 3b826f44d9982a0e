package io.jpod.runtime;

import io.jpod.error.RuntimeFailureException;
import io.jpod.host.Libc;
import io.jpod.host.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Starts a container that runc created, as {@code runc start} does, without running runc: a runc process costs about
 * 25 ms of CPU (a Go runtime's start, its state read and checked) for what is a read of a FIFO.
 *
 * <p>What runc 1.1 does (libcontainer's {@code linuxContainer.exec}, {@code awaitFifoOpen}, {@code handleFifoResult}):
 * {@code runc create} leaves the container's init blocked in {@code open(2)} of {@code <root>/<id>/exec.fifo} for
 * writing. {@code runc start} opens it for reading, reads it to its end (the init writes "0", then execs the
 * container's process, which closes its end) and removes it; runc's state says "created" while the FIFO is there and
 * "running" once it is gone and the init lives. While nothing comes, runc looks at the init every 100 ms: dead (or a
 * zombie), it takes what the FIFO holds, without waiting, and fails with "container process is already dead" if
 * that is nothing. A FIFO read to its end with nothing in it fails with "cannot start an already running container";
 * an init dead before the start fails with "cannot start a container that has stopped".
 *
 * <p>Here the FIFO is opened without blocking and {@code poll(2)}ed in steps of 100 ms, so that no thread is ever left
 * blocked in an open that nothing will complete. This needs the FFM API ({@link Libc}); without it, or without the
 * FIFO, {@link #start} says so and the caller runs the runtime's own start.
 */
final class ExecFifo {
    /** runc's name for it, in the container's state directory. */
    static final String NAME = "exec.fifo";
    private static final int STEP_MILLIS = 100;

    private ExecFifo() {
    }

    /**
     * Starts the container whose FIFO is {@code fifo} and whose init is {@code initPid}; false when it could not try
     * (no FFM API, no FIFO): the container is untouched then. Waits at most {@code timeoutSeconds} for the init.
     *
     * @throws RuntimeFailureException naming {@code name} when the container could not be started
     */
    static boolean start(String name, Path fifo, long initPid, long timeoutSeconds) {
        if (!Libc.available()) {
            return false;
        }
        int fd;
        try {
            fd = Libc.open(fifo, Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        } catch (Libc.Failure e) {
            if (e.errno() == Libc.ENOENT) {
                return false;
            }
            throw failed(name, "cannot open " + fifo + ": " + e.getMessage());
        }
        try {
            // an init gone already may have written its "0" and exec'd a process that has ended since
            boolean alive = Processes.running(initPid);
            boolean data = !alive && read(fd, new byte[16]) > 0;
            if (!alive && !data) {
                throw failed(name, "cannot start a container that has stopped");
            }
            if (!readToEnd(name, fd, initPid, data, timeoutSeconds)) {
                throw failed(name, "cannot start an already running container");
            }
            Files.deleteIfExists(fifo);
            return true;
        } catch (IOException e) {
            throw failed(name, "cannot read " + fifo + ": " + e.getMessage());
        } finally {
            Libc.close(fd);
        }
    }

    /**
     * Reads the FIFO until its writer has gone; whether anything came ({@code data}: already before).
     *
     * @throws RuntimeFailureException when the init died without writing, or did not come in time
     */
    private static boolean readToEnd(String name, int fd, long initPid, boolean data, long timeoutSeconds) throws IOException {
        byte[] buffer = new byte[16];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() - deadline < 0) {
            if (Libc.poll(fd, Libc.POLLIN, STEP_MILLIS) != 0) {
                int n = read(fd, buffer);
                if (n == 0) {
                    return data; // the writer has gone: the init exec'd the container's process (or died)
                }
                data |= n > 0;
            } else if (!Processes.running(initPid)) {
                if (data || read(fd, buffer) > 0) {
                    return true;
                }
                throw failed(name, "container process is already dead");
            }
        }
        throw failed(name, "its init did not open " + NAME + " within " + timeoutSeconds + "s");
    }

    /** What a read without waiting gives: the bytes read, 0 at the end, -1 when nothing is there yet. */
    private static int read(int fd, byte[] buffer) throws IOException {
        try {
            return Libc.read(fd, buffer);
        } catch (Libc.Failure e) {
            if (e.errno() == Libc.EAGAIN) {
                return -1;
            }
            throw e;
        }
    }

    private static RuntimeFailureException failed(String name, String why) {
        return new RuntimeFailureException(name, "cannot start container " + name + ": " + why);
    }
}
