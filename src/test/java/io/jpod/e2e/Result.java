package io.jpod.e2e;

import java.util.Arrays;
import java.util.List;

/**
 * What one jpod command did: its exit code and everything it wrote.
 *
 * @param command the command line as run (for messages)
 * @param code    the exit code
 * @param out     standard output
 * @param err     standard error
 */
public record Result(String command, int code, String out, String err) {

    /** Standard output's non-blank lines, trimmed. */
    public List<String> outLines() {
        return lines(out);
    }

    /** Standard error's non-blank lines, trimmed. */
    public List<String> errLines() {
        return lines(err);
    }

    /** Everything about this result, for an assertion message. */
    public String describe() {
        return "`" + command + "` exited " + code + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err + "\n---";
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
