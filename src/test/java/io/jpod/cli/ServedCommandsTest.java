package io.jpod.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServedCommandsTest {
    @Test
    void everydayCommandsAreServed() {
        for (List<String> args : List.of(List.of("ps", "-a", "--format", "json"), List.of("pod", "ps"), List.of("kube", "play", "pod.yaml"),
                List.of("kube", "down", "-"), List.of("logs", "web-app"), List.of("logs", "--tail", "3", "web-app"), List.of("rm", "-f", "x"),
                List.of("--log-level", "debug", "inspect", "x"), List.of("auto-update", "history"), List.of("images"),
                List.of("kill", "-s", "TERM", "x"), List.of("restart", "-t", "0", "x"), List.of("container", "exists", "x"),
                List.of("logs", "--since", "10m", "x"), List.of("container", "cleanup", "0123abcd"), List.of("stats", "--no-stream"),
                List.of("pod", "stats", "--no-stream", "--format", "json", "p"), List.of("pod", "logs", "-c", "x", "p"), List.of("top", "x"),
                List.of("pause", "x"), List.of("rename", "x", "y"))) {
            assertNull(ServedCommands.refusal(args), () -> String.join(" ", args));
        }
    }

    @Test
    void commandsThatNeedTheirOwnProcessAreNot() {
        for (List<String> args : List.of(List.of("exec", "-it", "web-app", "sh"), List.of("container", "exec", "web-app", "ls"),
                List.of("login", "localhost:5000"), List.of("system", "reset", "-f"), List.of("events"), List.of("auto-update"),
                List.of("auto-update", "--dry-run"), List.of("logs", "-f", "web-app"), List.of("logs", "--follow", "web-app"),
                List.of("logs", "-tf", "web-app"), List.of("container", "logs", "--follow=true", "x"), List.of("kube", "play", "--wait", "pod.yaml"),
                List.of("--runtime", "runc", "exec", "x", "ls"), List.of("wait", "x"),
                List.of("container", "wait", "--condition", "running", "x"), List.of("stats"), List.of("container", "stats", "-a"),
                List.of("pod", "stats", "p"), List.of("pod", "logs", "-f", "p"), List.of("pod", "logs", "--follow", "p"))) {
            assertNotNull(ServedCommands.refusal(args), () -> String.join(" ", args));
        }
    }

    @Test
    void aValueOfAGlobalOptionIsNotTakenForTheVerb() {
        assertNull(ServedCommands.refusal(List.of("--log-level", "debug", "ps")));
        assertNotNull(ServedCommands.refusal(List.of("--storage-driver", "copy", "system", "info")));
    }
}
