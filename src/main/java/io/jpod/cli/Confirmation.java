package io.jpod.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The "[y/N]" question podman asks before destructive commands: end of input counts as no. */
final class Confirmation {
    private Confirmation() {
    }

    /** Prints {@code warning} and the question to {@code out}; true when the line read from {@code in} starts with y. */
    static boolean ask(PrintWriter out, InputStream in, String warning) throws IOException {
        out.println(warning);
        out.print("Are you sure you want to continue? [y/N] ");
        out.flush();
        String answer = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
    }
}
