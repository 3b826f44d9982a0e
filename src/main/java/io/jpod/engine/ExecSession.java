package io.jpod.engine;

import io.jpod.error.RuntimeFailureException;
import io.jpod.runtime.OciRuntimeCli;
import io.jpod.state.ContainerRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code runc exec}: the caller's terminal for stdin/stdout, stderr relayed and watched for the runtime's own errors;
 * or, quietly, a probe's or hook's command (through the runtime, or jpod-exec: {@link ProbeExec}), its output kept.
 */
final class ExecSession {
    private final OciRuntimeCli runtime;

    ExecSession(OciRuntimeCli runtime) {
        this.runtime = runtime;
    }

    ExecResult run(ContainerRow c, ExecRequest req, OutputStream err) {
        List<String> argv = argv(c, req);
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.redirectInput(req.interactive() || req.tty() ? ProcessBuilder.Redirect.INHERIT
                : ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
        try {
            Process p = pb.start();
            ByteArrayOutputStream tailOfErr = new ByteArrayOutputStream();
            Thread relay = new Thread(() -> relay(p.getErrorStream(), err, tailOfErr));
            relay.start();
            int code = p.waitFor();
            relay.join();
            String runtimeError = runtimeError(tailOfErr.toString(StandardCharsets.UTF_8));
            if (runtimeError != null) {
                boolean notFound = runtimeError.contains("not found") || runtimeError.contains("no such file");
                return new ExecResult(notFound ? ExecResult.NOT_FOUND : ExecResult.CANNOT_INVOKE, runtimeError);
            }
            return new ExecResult(code, null);
        } catch (IOException e) {
            throw new RuntimeFailureException(c.name(), "cannot run exec in " + c.name() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailureException(c.name(), "interrupted", e);
        }
    }

    private List<String> argv(ContainerRow c, ExecRequest req) {
        List<String> argv = new ArrayList<>(List.of(runtime.binary().toString(), "--root", runtime.root().toString(), "exec"));
        if (req.tty()) {
            argv.add("--tty");
        }
        if (req.workingDir() != null) {
            argv.addAll(List.of("--cwd", req.workingDir()));
        }
        if (req.user() != null) {
            argv.addAll(List.of("--user", req.user()));
        }
        for (String e : req.env()) {
            argv.addAll(List.of("--env", e));
        }
        argv.add(c.id());
        argv.addAll(req.command());
        return argv;
    }

    /**
     * Runs {@code command} in {@code c} with no input, its output kept (the first 1 KiB, for a probe's
     * message), ended after {@code timeout}: an exec probe or hook. A timeout is exit code -1.
     */
    ExecResult runQuietly(ContainerRow c, List<String> command, java.time.Duration timeout, ByteArrayOutputStream output) {
        return quietly(c.name(), argv(c, new ExecRequest(command, List.of(), null, null, false, false)), null, timeout, output);
    }

    /**
     * Runs {@code argv} (the runtime's exec, or jpod-exec) for container {@code name}: {@code input} on its standard
     * input (else none), its output kept as {@link #runQuietly} keeps it, ended after {@code timeout}.
     */
    static ExecResult quietly(String name, List<String> argv, byte[] input, java.time.Duration timeout, ByteArrayOutputStream output) {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        if (input == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        try {
            Process p = pb.start();
            if (input != null) {
                try (OutputStream in = p.getOutputStream()) {
                    in.write(input);
                } catch (IOException e) {
                    // it ended before reading all: its output says why
                }
            }
            Thread reader = new Thread(() -> {
                try (InputStream in = p.getInputStream()) {
                    byte[] buf = new byte[4096];
                    for (int n; (n = in.read(buf)) > 0;) {
                        synchronized (output) {
                            output.write(buf, 0, Math.max(0, Math.min(n, 1024 - output.size())));
                        }
                    }
                } catch (IOException e) {
                    // gone
                }
            });
            reader.start();
            if (!p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new ExecResult(-1, "command timed out after " + timeout.toMillis() + "ms");
            }
            reader.join(1000);
            String runtimeError = runtimeError(output.toString(StandardCharsets.UTF_8));
            return runtimeError != null ? new ExecResult(ExecResult.CANNOT_INVOKE, runtimeError) : new ExecResult(p.exitValue(), null);
        } catch (IOException e) {
            throw new RuntimeFailureException(name, "cannot run exec in " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailureException(name, "interrupted", e);
        }
    }

    /** Relays the process's stderr, except the runtime's own error lines, which are kept for the result. */
    private static void relay(InputStream in, OutputStream err, ByteArrayOutputStream runtimeLines) {
        try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (runtimeError(line) != null) {
                    runtimeLines.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                } else {
                    err.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    err.flush();
                }
            }
        } catch (IOException e) {
            // the process is gone; nothing more to relay
        }
    }

    /** The runtime's reason when it could not start the process (runc: "exec failed: ..."), else null. */
    static String runtimeError(String text) {
        for (String line : text.split("\n")) {
            int i = line.indexOf("exec failed: ");
            if (i >= 0 && line.contains("level=error")) {
                String msg = line.substring(i + "exec failed: ".length());
                int q = msg.lastIndexOf('"');
                msg = q > 0 ? msg.substring(0, q) : msg;
                return msg.replace("\\\"", "\"").replace("unable to start container process: ", "");
            }
        }
        return null;
    }
}
