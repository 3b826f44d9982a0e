package io.jpod.runtime;

import io.jpod.error.RuntimeFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a host program to completion and captures what it printed. */
public final class Exec {
    private Exec() {
    }

    /** What a finished program left. */
    public record Result(int code, String out, String err) {
        public boolean ok() {
            return code == 0;
        }
    }

    public static Result run(List<String> argv, Map<String, String> env, long timeoutSeconds) {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = null;
        try {
            p = pb.start();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new RuntimeFailureException(null, argv.get(0) + " did not finish within " + timeoutSeconds + "s");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new RuntimeFailureException(null, "cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            // A command stopped (Ctrl-C of a served command): the program is let finish, so that nothing is left half
            // done under it, and the interruption is spent here: the command unwinds through its failure path, whose
            // own programs (a rollback's runc delete, umount) must run.
            waitQuietly(p, timeoutSeconds);
            throw new RuntimeFailureException(null, "interrupted while running " + argv.get(0), e);
        }
    }

    private static void waitQuietly(Process p, long timeoutSeconds) {
        if (p == null) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (p.isAlive() && System.nanoTime() < deadline) {
            try {
                p.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException again) {
                // a second stop changes nothing: the program is let finish
            }
        }
    }

    public static Result run(List<String> argv) {
        return run(argv, Map.of(), 120);
    }

    /** Runs and fails with the program's own message when it exits non-zero. */
    public static Result check(String container, List<String> argv) {
        Result r = run(argv);
        if (!r.ok()) {
            throw new RuntimeFailureException(container, String.join(" ", argv.subList(0, Math.min(2, argv.size())))
                    + " failed: " + firstLine(r.err().isBlank() ? r.out() : r.err()));
        }
        return r;
    }

    static String firstLine(String s) {
        String t = s.strip();
        int nl = t.lastIndexOf('\n');
        return nl < 0 ? t : t.substring(nl + 1);
    }

    /**
     * A thread per blocking task (a pipe drained, a sync pipe read): the common pool, which {@code supplyAsync} uses
     * by default, has one thread on a 2-core machine on recent JDKs, and the command service runs commands side by
     * side, so one blocked read there would hold every other command's.
     */
    public static final java.util.concurrent.Executor OWN_THREAD = task -> {
        Thread t = new Thread(task, "jpod-io");
        t.setDaemon(true);
        t.start();
    };

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, OWN_THREAD);
    }
}
