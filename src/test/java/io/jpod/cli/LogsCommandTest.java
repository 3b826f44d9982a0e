package io.jpod.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.engine.LogReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LogsCommandTest {
    private static final LogReader.Line LINE = new LogReader.Line("2026-12-07T10:00:00.500000000+00:00", false, false, "hello");

    @Test
    void sinceAndUntilAreOptions() {
        LogsCommand c = CommandLine.populateCommand(new LogsCommand(), "--since", "10m", "--until=2026-12-07T10:00:00Z", "web");
        assertEquals("10m", c.window.since);
        assertEquals("2026-12-07T10:00:00Z", c.window.until);
    }

    @Test
    void aLineIsShownWhenWrittenAfterSinceAndBeforeUntil() {
        Instant t = Instant.parse("2026-12-07T10:00:00.5Z");
        assertEquals(t, LINE.instant());
        assertTrue(new LogWindow.Bounds(null, null).contains(LINE.instant()));
        assertTrue(new LogWindow.Bounds(t.minusMillis(1), t.plusMillis(1)).contains(LINE.instant()));
        assertFalse(new LogWindow.Bounds(t, null).contains(LINE.instant()), "strictly after --since, as podman");
        assertFalse(new LogWindow.Bounds(null, t).contains(LINE.instant()), "strictly before --until, as podman");
        assertFalse(new LogWindow.Bounds(t.plusSeconds(1), null).contains(LINE.instant()));
        assertTrue(new LogWindow.Bounds(t, t).contains(new LogReader.Line("", false, false, "no time").instant()), "a record without a time is kept");
    }

    @Test
    void aBadTimeIsRefusedInOneLine() {
        StringWriter err = new StringWriter();
        assertEquals(125, Main.run(new String[] {"logs", "--since", "yesterday", "web"}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true)));
        assertTrue(err.toString().startsWith("Error: --since yesterday: not a time"), err::toString);
    }
}
