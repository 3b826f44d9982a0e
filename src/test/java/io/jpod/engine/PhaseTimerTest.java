package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PhaseTimerTest {
    @Test
    void namesEachPhaseInOrderWithWhenTheWorkRan() {
        long origin = System.nanoTime() - 5_000_000_000L; // the engine opened 5 s ago
        PhaseTimer t = PhaseTimer.start(origin);
        t.mark("prepared");
        t.mark("created");
        String s = t.toString();
        assertTrue(s.matches("prepared \\d+ ms, created \\d+ ms \\(from \\+(\\d+) to \\+(\\d+) ms\\)"), s);
        long from = Long.parseLong(s.replaceAll(".*from \\+(\\d+) to.*", "$1"));
        assertTrue(from >= 5000 && from < 60_000, s);
    }
}
