package io.jpod.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.RuntimeFailureException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runc's start as ExecFifo makes it, against a shell that plays the container's init at the FIFO's other end. */
class ExecFifoTest {
    @TempDir
    Path dir;
    Path fifo;

    @BeforeEach
    void fifo() throws Exception {
        fifo = dir.resolve(ExecFifo.NAME);
        assertEquals(0, new ProcessBuilder("mkfifo", "-m", "0622", fifo.toString()).start().waitFor());
    }

    /** An init: blocks opening the FIFO for writing as runc's init does, then runs {@code then}. */
    private Process init(String writes, String then) throws Exception {
        return new ProcessBuilder("sh", "-c", "printf '" + writes + "' > \"$0\"; " + then, fifo.toString()).start();
    }

    @Test
    void readsWhatTheInitWritesAndRemovesTheFifo() throws Exception {
        Process init = init("0", "exec sleep 5");
        try {
            assertTrue(ExecFifo.start("web", fifo, init.pid(), 10));
            assertFalse(Files.exists(fifo), "runc's state says running once the FIFO is gone");
            assertTrue(init.isAlive(), "the init went on to its process");
        } finally {
            init.destroyForcibly();
        }
    }

    @Test
    void anInitThatWritesAndEndsAtOnceIsStarted() throws Exception {
        Process init = init("0", "exit 0");
        assertTrue(ExecFifo.start("web", fifo, init.pid(), 10));
        assertFalse(Files.exists(fifo));
    }

    @Test
    void withoutAFifoTheRuntimeIsLeftToDoIt() {
        assertFalse(ExecFifo.start("web", dir.resolve("missing"), ProcessHandle.current().pid(), 10));
    }

    @Test
    void anInitDeadBeforeTheStartIsAStoppedContainer() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor(10, TimeUnit.SECONDS);
        RuntimeFailureException e = assertThrows(RuntimeFailureException.class, () -> ExecFifo.start("web", fifo, dead.pid(), 10));
        assertEquals("cannot start container web: cannot start a container that has stopped", e.getMessage());
        assertTrue(Files.exists(fifo), "a failed start leaves the FIFO");
    }

    @Test
    void anInitThatDiesWhileWaitedForIsReported() throws Exception {
        Process init = new ProcessBuilder("sleep", "0.3").start();
        RuntimeFailureException e = assertThrows(RuntimeFailureException.class, () -> ExecFifo.start("web", fifo, init.pid(), 10));
        assertEquals("cannot start container web: container process is already dead", e.getMessage());
    }

    @Test
    void aFifoReadToItsEndEmptyIsAnAlreadyRunningContainer() throws Exception {
        Process init = init("", "exec sleep 5");
        try {
            RuntimeFailureException e = assertThrows(RuntimeFailureException.class, () -> ExecFifo.start("web", fifo, init.pid(), 10));
            assertEquals("cannot start container web: cannot start an already running container", e.getMessage());
        } finally {
            init.destroyForcibly();
        }
    }
}
