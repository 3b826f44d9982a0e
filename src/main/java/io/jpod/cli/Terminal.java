package io.jpod.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Whether jpod's standard streams are terminals (Linux: where {@code /proc/self/fd/N} points). */
final class Terminal {
    private Terminal() {
    }

    /** True when standard error is a terminal and {@code TERM} is not {@code dumb}. */
    static boolean stderrIsTerminal(Map<String, String> env) {
        return isTerminal(2) && !"dumb".equals(env.get("TERM"));
    }

    /** True when file descriptor {@code fd} of this process is a terminal device. */
    static boolean isTerminal(int fd) {
        try {
            return isTerminalDevice(Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.matches("/dev/tty[0-9]*") || target.equals("/dev/console");
    }
}
