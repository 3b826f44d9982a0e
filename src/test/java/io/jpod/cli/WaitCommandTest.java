package io.jpod.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.InvalidInputException;
import io.jpod.state.ContainerState;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class WaitCommandTest {
    @Test
    void stoppedUnlessAConditionIsGiven() {
        assertEquals(EnumSet.of(ContainerState.STOPPED), WaitCommand.states(List.of()));
        WaitCommand c = CommandLine.populateCommand(new WaitCommand(), "--condition", "running,exited", "--condition=created", "web");
        assertEquals(EnumSet.of(ContainerState.RUNNING, ContainerState.EXITED, ContainerState.CREATED), WaitCommand.states(c.conditions));
        String m = assertThrows(InvalidInputException.class, () -> WaitCommand.states(List.of("removing"))).getMessage();
        assertTrue(m.startsWith("--condition: ") && m.contains("created, running, paused, stopped, exited"), m);
        assertEquals(EnumSet.of(ContainerState.PAUSED), WaitCommand.states(List.of("paused")));
    }

    @Test
    void theIntervalIsAGoDurationOrMilliseconds() {
        assertEquals("250ms", CommandLine.populateCommand(new WaitCommand(), "web").interval);
        assertEquals(Duration.ofMillis(250), WaitCommand.interval("250ms"));
        assertEquals(Duration.ofMillis(100), WaitCommand.interval("100"));
        assertEquals(Duration.ofSeconds(2), WaitCommand.interval("2s"));
        assertThrows(InvalidInputException.class, () -> WaitCommand.interval("soon"));
    }
}
