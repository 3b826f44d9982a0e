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

    /**
     * Sends {@code signal} (e.g. "TERM", "INT") to the jpod JVM itself: the java process among the
     * command's descendants that runs its arguments (runuser, then the launcher, which execs it), not to runuser, which would
     * pass it on in its own way. Fails when there is no such process.
     */
    public void signalJpod(String signal) {
        long jvm = process.descendants().map(ProcessHandle::pid).map(HostProcess::read).flatMap(java.util.Optional::stream)
                .filter(p -> p.comm().equals("java") && p.args().endsWith(command.substring("jpod ".length())))
                .map(HostProcess::pid).findFirst()
                .orElseThrow(() -> new AssertionError("no jpod JVM under " + describe()));
        Result r = Harness.root("kill", "-" + signal, Long.toString(jvm));
        if (r.code() != 0) {
            throw new AssertionError("cannot send SIG" + signal + " to " + jvm + "\n" + r.describe());
        }
    }

    /** Waits for the command to exit; its exit code, or fails after {@code timeout} (the command is then left to {@link #close}). */
    public int waitForExit(java.time.Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new AssertionError("still running after " + timeout.toSeconds() + " s: " + describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + command, e);
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends {@code signal} (TERM, INT…) to the JVM the command runs (jpod's launcher execs it, under
     * runuser), as a user's kill or terminal would; false when there is no such process.
     */
    public boolean signal(String signal) {
        var jvm = process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false)).findFirst();
        if (jvm.isEmpty()) {
            return false;
        }
        Harness.rootOk("kill", "-" + signal, Long.toString(jvm.get().pid()));
        return true;
    }

    /** Waits up to {@code timeout} for the command to end; its exit code, or null while it runs. */
    public Integer waitFor(java.time.Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) ? process.exitValue() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
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
