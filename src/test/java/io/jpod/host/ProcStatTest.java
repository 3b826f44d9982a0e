package io.jpod.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProcStatTest {
    /** A line of /proc/PID/stat whose command name holds a space and a parenthesis. */
    private static final String LINE = "4242 (my (odd) sh) S 4200 4242 4242 34817 4242 4194560 1150 0 0 0 250 75 12 3 20 0 2 0 "
            + "71553 3133440 413 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

    @Test
    void readsTheFieldsAfterTheLastParenthesis() {
        ProcStat s = ProcStat.parse(LINE);
        assertEquals(4242, s.pid());
        assertEquals("my (odd) sh", s.comm());
        assertEquals('S', s.state());
        assertEquals(4200, s.ppid());
        assertEquals(34817, s.ttyNr());
        assertEquals(250, s.utime());
        assertEquals(75, s.stime());
        assertEquals(12, s.cutime());
        assertEquals(3, s.cstime());
        assertEquals(0, s.nice());
        assertEquals(2, s.threads());
        assertEquals(71553, s.startTime());
        assertEquals(3133440, s.vsize());
        assertEquals(413, s.rssPages());
        assertEquals(325, s.cpuTicks());
    }

    @Test
    void namesTheTerminalAsPsDoes() {
        assertEquals("pts/1", ProcStat.parse(LINE).tty(), "34817 is major 136, minor 1");
        assertEquals("?", ProcStat.parse(LINE.replace(" 34817 ", " 0 ")).tty());
        assertEquals("tty2", ProcStat.parse(LINE.replace(" 34817 ", " 1026 ")).tty(), "major 4, minor 2");
    }

    @Test
    void refusesWhatIsNotAStatLine() {
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("4242 (sh) S 1 2"));
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("no parentheses"));
    }
}
