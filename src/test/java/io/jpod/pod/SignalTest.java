package io.jpod.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jpod.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class SignalTest {
    @Test
    void namesWithOrWithoutSigInAnyCaseAndNumbers() {
        assertEquals(new Signal("TERM", 15), Signal.parse("SIGTERM"));
        assertEquals(new Signal("TERM", 15), Signal.parse("TERM"));
        assertEquals(new Signal("TERM", 15), Signal.parse("term"));
        assertEquals(new Signal("TERM", 15), Signal.parse("15"));
        assertEquals(Signal.KILL, Signal.parse("9"));
        assertEquals(new Signal("HUP", 1), Signal.parse("sighup"));
        assertEquals(new Signal("USR1", 10), Signal.parse("SIGUSR1"));
        assertEquals(new Signal("WINCH", 28), Signal.parse("WINCH"));
    }

    @Test
    void podmansOtherNamesAndRealTimeSignals() {
        assertEquals(6, Signal.parse("IOT").number());
        assertEquals(17, Signal.parse("SIGCLD").number());
        assertEquals(34, Signal.parse("RTMIN").number());
        assertEquals(37, Signal.parse("SIGRTMIN+3").number());
        assertEquals(62, Signal.parse("rtmax-2").number());
        assertEquals(64, Signal.parse("64").number());
        assertEquals("RTMIN+3", Signal.parse("37").name());
    }

    @Test
    void refusedAsPodmanRefuses() {
        assertEquals("invalid signal: FOO", assertThrows(InvalidInputException.class, () -> Signal.parse("FOO")).getMessage());
        assertEquals("invalid signal: 0", assertThrows(InvalidInputException.class, () -> Signal.parse("0")).getMessage());
        assertEquals("valid signals are 1 through 64", assertThrows(InvalidInputException.class, () -> Signal.parse("65")).getMessage());
        assertEquals("valid signals are 1 through 64", assertThrows(InvalidInputException.class, () -> Signal.parse("-3")).getMessage());
        assertThrows(InvalidInputException.class, () -> Signal.parse("RTMIN+16"));
        assertThrows(InvalidInputException.class, () -> Signal.parse(""));
    }
}
