package io.jpod.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class KillCommandTest {
    @Test
    void sigkillUnlessASignalIsNamed() {
        assertEquals("KILL", CommandLine.populateCommand(new KillCommand(), "web").signal);
        assertEquals("TERM", CommandLine.populateCommand(new KillCommand(), "-s", "TERM", "web").signal);
        assertEquals("15", CommandLine.populateCommand(new KillCommand(), "--signal=15", "a", "b").signal);
        assertEquals(List.of("a", "b"), CommandLine.populateCommand(new KillCommand(), "--signal=15", "a", "b").containers);
        assertEquals("KILL", CommandLine.populateCommand(new PodKillCommand(), "web").signal);
        assertEquals("SIGHUP", CommandLine.populateCommand(new PodKillCommand(), "--signal", "SIGHUP", "web").signal);
    }

    @Test
    void aBadSignalIsRefusedBeforeAnyContainerIsLookedFor() {
        for (String[] args : List.of(new String[] {"kill", "-s", "FOO", "web"}, new String[] {"pod", "kill", "--signal", "FOO", "web"},
                new String[] {"container", "kill", "-s", "FOO", "web"})) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            assertEquals(125, Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true)), () -> String.join(" ", args));
            assertEquals("Error: invalid signal: FOO\n", err.toString());
            assertEquals("", out.toString());
        }
        StringWriter err = new StringWriter();
        assertEquals(125, Main.run(new String[] {"kill", "-s", "99", "web"}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)));
        assertEquals("Error: valid signals are 1 through 64\n", err.toString());
    }

    @Test
    void timesOfRestartAndRm() {
        assertEquals(0, CommandLine.populateCommand(new RestartCommand(), "-t", "0", "web").time);
        assertEquals(5, CommandLine.populateCommand(new RestartCommand(), "--time", "5", "a", "b").time);
        assertEquals(null, CommandLine.populateCommand(new RestartCommand(), "web").time);
        RmCommand rm = CommandLine.populateCommand(new RmCommand(), "-f", "-t", "0", "web");
        assertEquals(0, rm.time);
        assertEquals(true, rm.force);
        PodRmCommand podRm = CommandLine.populateCommand(new PodRmCommand(), "-f", "--time=3", "web");
        assertEquals(3, podRm.time);
        assertEquals(true, podRm.force);
    }
}
