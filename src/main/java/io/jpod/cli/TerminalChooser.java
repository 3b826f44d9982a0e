package io.jpod.cli;

import io.jpod.image.registry.ShortNameChooser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Asks, as podman does on a terminal, which name an ambiguous short name means: the candidates
 * numbered on standard error, a number read from standard input (3 tries; end of input chooses
 * nothing, which leaves the error naming the candidates).
 */
final class TerminalChooser implements ShortNameChooser {
    private static final int TRIES = 3;
    private final BufferedReader in;
    private final PrintWriter out;

    TerminalChooser(BufferedReader in, PrintWriter out) {
        this.in = in;
        this.out = out;
    }

    /** A chooser reading the terminal when standard input and output both are one; else {@link ShortNameChooser#NONE}. */
    static ShortNameChooser ifTerminal(PrintWriter err, Invocation invocation) {
        if (!invocation.stdinTty() || !invocation.stdoutTty()) {
            return ShortNameChooser.NONE;
        }
        return new TerminalChooser(new BufferedReader(new InputStreamReader(invocation.in(), StandardCharsets.UTF_8)), err);
    }

    @Override
    public Optional<String> choose(String input, List<String> candidates) {
        out.println("? Please select an image for \"" + input + "\":");
        for (int i = 0; i < candidates.size(); i++) {
            out.println("    " + (i + 1) + ") " + candidates.get(i));
        }
        for (int attempt = 0; attempt < TRIES; attempt++) {
            out.print("Enter a number [1-" + candidates.size() + "]: ");
            out.flush();
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                return Optional.empty();
            }
            if (line == null) {
                out.println();
                out.flush();
                return Optional.empty();
            }
            try {
                int n = Integer.parseInt(line.strip());
                if (n >= 1 && n <= candidates.size()) {
                    return Optional.of(candidates.get(n - 1));
                }
            } catch (NumberFormatException e) {
                // asked again
            }
        }
        return Optional.empty();
    }
}
