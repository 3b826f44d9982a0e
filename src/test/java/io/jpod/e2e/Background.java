package io.jpod.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A jpod command left running (e.g. {@code logs -f}); its output is readable while it runs. */
public final class Background implements AutoCloseable {
    private final String command;
    private final Process process;
    private final Path out;
    private final Path err;

    Background(String command, Process process, Path out, Path err) {
        this.command = command;
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Standard output so far. */
    public String out() {
        return read(out);
    }

    /** Standard error so far. */
    public String err() {
        return read(err);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String describe() {
        return "`" + command + "` (" + (isAlive() ? "running" : "exited " + process.exitValue()) + ")\n--- stdout ---\n"
                + out() + "\n--- stderr ---\n" + err() + "\n---";
    }

    /** Kills the command and everything it started that is still its descendant. */
    @Override
    public void close() {
        Harness.kill(process);
        try {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        } catch (IOException e) {
            // a temp file left behind is harmless
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
