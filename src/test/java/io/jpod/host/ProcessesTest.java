package io.jpod.host;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcessesTest {
    @Test
    void aZombieHasFinished() {
        assertTrue(Processes.running("1234 (slirp4netns) S 1 1234 1234 0 -1"));
        assertTrue(Processes.running("1234 (a (b) c) R 1 1234"), "the command name may hold parentheses and spaces");
        assertFalse(Processes.running("1234 (slirp4netns) Z 1 1234 1234 0 -1"));
        assertFalse(Processes.running("1234 (x) X 1"));
        assertFalse(Processes.running("garbage"));
    }

    @Test
    void thisProcessRunsAndNoProcessZeroDoes() {
        assertTrue(Processes.running(ProcessHandle.current().pid()));
        assertFalse(Processes.running(0));
        assertFalse(Processes.running(-5));
    }
}
