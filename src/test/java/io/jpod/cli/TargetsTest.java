package io.jpod.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {
    private static String refusal(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(125, Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true)), () -> String.join(" ", args));
        assertEquals("", out.toString());
        return err.toString();
    }

    @Test
    void namesAndAllOrLatestAreRefusedAsPodmanDoes() {
        assertEquals("Error: --all and containers cannot be used together\n", refusal("stop", "-a", "web"));
        assertEquals("Error: --latest and containers cannot be used together\n", refusal("kill", "-l", "web"));
        assertEquals("Error: --all and --latest cannot be used together\n", refusal("rm", "-a", "-l"));
        assertEquals("Error: you must provide at least one name or id\n", refusal("pause"));
        assertEquals("Error: --all and pods cannot be used together\n", refusal("pod", "stop", "--all", "web"));
        assertEquals("Error: you must provide at least one name or id\n", refusal("pod", "unpause"));
        assertEquals("Error: --latest and containers cannot be used together\n", refusal("inspect", "-l", "web"));
    }

    @Test
    void theFlagsEachVerbHas() {
        for (List<String> verb : List.of(List.of("stop"), List.of("rm"), List.of("kill"), List.of("restart"), List.of("pause"),
                List.of("unpause"), List.of("pod", "stop"), List.of("pod", "start"), List.of("pod", "rm"), List.of("pod", "kill"),
                List.of("pod", "restart"), List.of("pod", "pause"), List.of("pod", "unpause"))) {
            List<String> args = new java.util.ArrayList<>(verb);
            args.addAll(List.of("-a", "-l"));
            assertEquals("Error: --all and --latest cannot be used together\n", refusal(args.toArray(String[]::new)), () -> verb.toString());
        }
        assertEquals("Error: --all and --latest cannot be used together\n", refusal("start", "--all", "-l"), "start's -a is --attach in podman");
    }
}
