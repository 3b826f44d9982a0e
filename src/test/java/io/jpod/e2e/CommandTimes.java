package io.jpod.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the suite's time goes: every command the harness runs is appended, with the test class and
 * method that ran it, its wall time in milliseconds, and "poll" when a wait for a condition ran it,
 * to target/e2e-times/fork-N.tsv (one file per fork). {@code scripts/e2e-times.sh} sums it per class,
 * per test and per command verb.
 */
final class CommandTimes {
    private static final Path FILE = Path.of("target", "e2e-times", "fork-" + (Harness.FORK.isEmpty() ? "0" : Harness.FORK) + ".tsv");

    private CommandTimes() {
    }

    /** Appends one line: class, method, milliseconds, the command as displayed (tabs and newlines made spaces). */
    static synchronized void record(String display, long nanos) {
        List<StackWalker.StackFrame> stack = StackWalker.getInstance().walk(Stream::toList);
        Optional<StackWalker.StackFrame> caller = stack.stream()
                .filter(f -> f.getClassName().endsWith("IT") || f.getClassName().contains("IT$")).findFirst();
        String cls = caller.map(f -> f.getClassName().replaceFirst("^io\\.jpod\\.e2e\\.", "").replaceFirst("\\$.*", "")).orElse("-");
        String method = caller.map(StackWalker.StackFrame::getMethodName).orElse("-");
        String command = display.replaceAll("[\\t\\r\\n]+", " ");
        if (command.length() > 200) {
            command = command.substring(0, 200);
        }
        boolean polling = stack.stream().anyMatch(f -> f.getMethodName().startsWith("waitFor"));
        String line = cls + "\t" + method + "\t" + nanos / 1_000_000 + "\t" + command + "\t" + (polling ? "poll" : "") + "\n";
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // timing is a report, never a reason to fail a test
        }
    }
}
