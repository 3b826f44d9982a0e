package io.jpod.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jpod.cli.format.Output;
import io.jpod.engine.ContainerProcess;
import io.jpod.error.InvalidInputException;
import io.jpod.host.ProcStat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopColumnsTest {
    private static final Instant NOW = Instant.parse("2026-12-07T18:00:00Z");
    /** Started 20 s ago, 0.5 s of CPU (50 ticks), on pts/0. */
    private static final ContainerProcess SH = new ContainerProcess(
            new ProcStat(4242, "sh", 'S', 4200, 34816, 30, 20, 0, 0, 0, 1, 0, 4096 * 1024, 100),
            1, 0, "root", "root", 0, "sh -c sleep 100", NOW.minus(Duration.ofMillis(20_250)));

    @Test
    void podmansDefaultColumns() {
        assertEquals(TopColumns.DEFAULT, TopColumns.descriptors(List.of()));
        StringWriter out = new StringWriter();
        Output.print(new PrintWriter(out), null, TopColumns.rows(TopColumns.DEFAULT, List.of(SH), NOW), TopColumns.columns(TopColumns.DEFAULT));
        List<String> lines = out.toString().lines().toList();
        assertEquals(List.of("USER", "PID", "PPID", "%CPU", "ELAPSED", "TTY", "TIME", "COMMAND"), List.of(lines.get(0).split("\\s{2,}")));
        assertEquals(List.of("root", "1", "0", "2.469", "20.25s", "pts/0", "500ms", "sh -c sleep 100"), List.of(lines.get(1).split("\\s{2,}")));
    }

    @Test
    void descriptorsAsWordsListsOrAixCodes() {
        assertEquals(List.of("pid", "args", "pcpu", "user"), TopColumns.descriptors(List.of("pid,args", "%C", "USER")));
        assertEquals(List.of("hpid", "rss", "vsz"), TopColumns.descriptors(List.of("hpid rss", "vsz")));
        var row = TopColumns.rows(List.of("hpid", "rss", "vsz", "comm", "state"), List.of(SH), NOW).get(0);
        assertEquals("4242", row.get("hpid"));
        assertEquals("400", row.get("rss"), "KiB of 4 KiB pages");
        assertEquals("4096", row.get("vsz"));
        assertEquals("S", row.get("state"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TopColumns.descriptors(List.of("pid", "-eo")));
        assertEquals("'-eo': unknown descriptor", e.getMessage());
    }
}
