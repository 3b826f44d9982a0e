package io.jpod.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpod.engine.LogFollower;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodLogsCommandTest {
    private static LogFollower.Line line(String container, int second, String text) {
        return new LogFollower.Line("web", container, Instant.EPOCH.plusSeconds(second), false, text);
    }

    @Test
    void tailKeepsTheLastLinesOfEachContainerInTheMergedOrder() {
        List<LogFollower.Line> lines = List.of(line("a", 1, "a1"), line("b", 2, "b1"), line("a", 3, "a2"), line("a", 4, "a3"),
                line("b", 5, "b2"));
        assertEquals(List.of("a3", "b2"), PodLogsCommand.tail(lines, 1).stream().map(LogFollower.Line::text).toList());
        assertEquals(List.of("b1", "a2", "a3", "b2"), PodLogsCommand.tail(lines, 2).stream().map(LogFollower.Line::text).toList());
        assertEquals(lines, PodLogsCommand.tail(lines, -1));
        assertEquals(List.of(), PodLogsCommand.tail(lines, 0));
    }
}
