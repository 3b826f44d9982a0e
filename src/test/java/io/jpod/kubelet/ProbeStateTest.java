package io.jpod.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.pod.Probe;
import io.jpod.pod.ProbeAction;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeStateTest {
    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
    private static final Probe PROBE = new Probe(ProbeAction.exec(List.of("true")), 5, 2, 1, 2, 3, null);

    @Test
    void unknownUntilTheThresholdsAreReached() {
        ProbeState s = ProbeState.FRESH.after(true, T0, null, PROBE);
        assertNull(s.passed(), "one success of two");
        s = s.after(true, T0.plusSeconds(2), null, PROBE);
        assertEquals(Boolean.TRUE, s.passed());
        s = s.after(false, T0.plusSeconds(4), "refused", PROBE).after(false, T0.plusSeconds(6), "refused", PROBE);
        assertEquals(Boolean.TRUE, s.passed(), "two failures of three keep it passing");
        assertEquals("refused", s.message());
        ProbeState before = s;
        s = s.after(false, T0.plusSeconds(8), "refused", PROBE);
        assertEquals(Boolean.FALSE, s.passed());
        assertTrue(s.justFailed(before));
        assertFalse(s.after(false, T0.plusSeconds(10), "refused", PROBE).justFailed(s), "only the turn counts");
    }

    @Test
    void aSuccessResetsTheFailuresAndFailuresTheSuccesses() {
        ProbeState s = ProbeState.FRESH.after(false, T0, "x", PROBE).after(false, T0, "x", PROBE).after(true, T0, null, PROBE);
        assertEquals(0, s.failures());
        assertEquals(1, s.successes());
        s = s.after(false, T0, "x", PROBE);
        assertEquals(0, s.successes());
        assertEquals(1, s.failures());
    }

    @Test
    void theFirstTryWaitsTheInitialDelayThenEveryPeriod() {
        assertEquals(T0.plusSeconds(5), ProbeState.FRESH.nextAt(T0, PROBE));
        assertEquals(T0.plusSeconds(7), ProbeState.FRESH.after(true, T0.plusSeconds(5), null, PROBE).nextAt(T0, PROBE));
    }
}
