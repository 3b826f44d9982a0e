package io.jpod.runtime;

import io.jpod.error.RuntimeFailureException;
import io.jpod.host.Processes;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts a container that runc created, as {@code runc start} does, without running runc: a runc process costs about
 * 25 ms of CPU (a Go runtime's start, the container's state read and checked), and the JVM's spawn of it as much again,
 * for what is the read of a FIFO.
 *
 * <p>What runc 1.1 does (libcontainer's {@code linuxContainer.exec}, {@code awaitFifoOpen}, {@code handleFifoResult}):
 * {@code runc create} leaves the container's init about to {@code open(2)} {@code <root>/<id>/exec.fifo} for writing,
 * which blocks until a reader comes. {@code runc start} opens it for reading (in a goroutine, since that open blocks
 * until the init's), reads it to its end — the init writes "0", then execs the container's process, which closes its
 * end — and removes it: runc's state says "created" while the FIFO is there, and "running" once it is gone and the init
 * lives. While nothing comes, runc looks at the init every 100 ms; once it is dead (or a zombie), whatever the FIFO
 * holds is taken without waiting, and nothing there fails with "container process is already dead". A FIFO read to
 * its end with nothing in it fails with "cannot start an already running container", and an init dead before the
 * start with "cannot start a container that has stopped" (runc's state check, before any read).
 *
 * <p>Here the blocking open and the read run on a thread of their own, looked after every 100 ms as runc does. A
 * thread is never left blocked: where the init died (or did not come in time), the FIFO is opened for reading and
 * writing, which never blocks on Linux, so that the thread's open returns, and closed once it has, so that its read
 * ends. A runtime other than runc, or no FIFO, is the caller's to start with the runtime's own verb.
 */
final class ExecFifo {
    /** runc's name for it, in the container's state directory. */
    static final String NAME = "exec.fifo";
    private static final long STEP_MILLIS = 100;

    private ExecFifo() {
    }

    /**
     * Starts the container whose FIFO is {@code fifo} and whose init is {@code initPid}; false when there is no FIFO
     * (the container is untouched then). Waits at most {@code timeoutSeconds} for the init to come to its end.
     *
     * @throws RuntimeFailureException naming {@code name} when the container could not be started
     */
    static boolean start(String name, Path fifo, long initPid, long timeoutSeconds) {
        if (!Files.exists(fifo, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (!Processes.running(initPid)) {
            throw failed(name, "cannot start a container that has stopped");
        }
        CountDownLatch opened = new CountDownLatch(1);
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try (FileInputStream in = new FileInputStream(fifo.toFile())) { // returns once the init has opened its end
                opened.countDown();
                return in.readAllBytes(); // to the end: the init exec'd the container's process (or died)
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                opened.countDown();
            }
        }, Exec.OWN_THREAD);
        byte[] data = await(name, fifo, read, opened, initPid, timeoutSeconds);
        if (data.length == 0) {
            throw failed(name, "cannot start an already running container");
        }
        try {
            Files.deleteIfExists(fifo);
        } catch (IOException e) {
            throw failed(name, "cannot remove " + fifo + ": " + e.getMessage());
        }
        return true;
    }

    /** What the FIFO gave, once its writer has gone or the init has died. */
    private static byte[] await(String name, Path fifo, CompletableFuture<byte[]> read, CountDownLatch opened, long initPid,
            long timeoutSeconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    byte[] data = read.get(STEP_MILLIS, TimeUnit.MILLISECONDS);
                    if (interrupted) {
                        throw failed(name, "interrupted");
                    }
                    return data;
                } catch (TimeoutException e) {
                    boolean dead = !Processes.running(initPid);
                    if (dead || System.nanoTime() - deadline > 0) {
                        byte[] left = release(fifo, read, opened);
                        if (dead && left.length > 0 && !interrupted) {
                            return left; // it wrote, and its process has ended since
                        }
                        throw failed(name, dead ? "container process is already dead"
                                : "its init did not open " + NAME + " within " + timeoutSeconds + "s");
                    }
                } catch (InterruptedException e) {
                    // a stopped command (Ctrl-C of a served one): the start is let finish, as a runtime's would be
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            throw failed(name, "cannot read " + fifo + ": " + e.getCause().getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Ends the reading thread's wait (see the class's comment); what it read. */
    private static byte[] release(Path fifo, CompletableFuture<byte[]> read, CountDownLatch opened) throws ExecutionException {
        try (RandomAccessFile both = new RandomAccessFile(fifo.toFile(), "rw")) {
            opened.await(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // gone meanwhile: nothing to release
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            return read.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException | InterruptedException e) {
            return new byte[0];
        }
    }

    private static RuntimeFailureException failed(String name, String why) {
        return new RuntimeFailureException(name, "cannot start container " + name + ": " + why);
    }
}
