package io.jpod.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class KubePlayCommandTest {
    @Test
    void waitIsAFlag() {
        KubePlayCommand c = CommandLine.populateCommand(new KubePlayCommand(), "--wait", "pod.yaml");
        assertTrue(c.waitForPods);
        assertTrue(c.start);
    }

    @Test
    void waitWithStartFalseIsRefusedInOneLine() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"kube", "play", "--wait", "--start=false", "no-such-file.yaml"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(125, code);
        assertEquals("Error: --wait cannot be used with --start=false: there would be nothing to wait for\n", err.toString());
        assertEquals("", out.toString());
    }
}
