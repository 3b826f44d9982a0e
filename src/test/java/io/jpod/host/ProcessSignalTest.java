package io.jpod.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessSignalTest {
    @Test
    void sighupReachesTheProcess() throws Exception {
        assumeTrue(Runtime.version().feature() >= 22, "kill(2) is reached through the FFM API of Java 22");
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            assertTrue(ProcessSignal.send(sleeper.pid(), ProcessSignal.SIGHUP));
            assertTrue(sleeper.waitFor(10, TimeUnit.SECONDS), "SIGHUP ends a process that does not catch it");
            assertEquals(128 + ProcessSignal.SIGHUP, sleeper.exitValue(), "it died of SIGHUP");
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void noProcessNoSignal() {
        assertFalse(ProcessSignal.send(0, ProcessSignal.SIGHUP), "pid 0 (the caller's group) is never signalled");
        assertFalse(ProcessSignal.send(Integer.MAX_VALUE, ProcessSignal.SIGHUP));
    }
}
