package io.jpod.runtime;

import io.jpod.error.RuntimeFailureException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts a container's monitor: conmon creates the container with the OCI runtime, owns its stdio
 * (k8s-file log), writes its exit code and runs jpod's exit command when it exits. conmon
 * daemonizes, so no jpod process needs to stay.
 *
 * <p>conmon reports the container's pid (or the runtime's error) on a "sync pipe" whose fd it
 * takes from {@code _OCI_SYNCPIPE}. Java cannot hand a child an extra fd, so the pipe is a FIFO
 * that a tiny {@code /bin/sh} wrapper opens as fd 3 before exec'ing conmon.
 */
public final class Conmon {
    private static final Pattern DATA = Pattern.compile("\"data\"\\s*:\\s*(-?\\d+)");
    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Path conmon;
    private final OciRuntimeCli runtime;

    public Conmon(Path conmon, OciRuntimeCli runtime) {
        this.conmon = conmon;
        this.runtime = runtime;
    }

    /**
     * Where one container's files are.
     *
     * @param bundle      holds config.json
     * @param runDir      volatile files: pid files, the sync FIFO
     * @param log         the k8s-file log
     * @param exitDir     where conmon writes the exit code (file named by the id)
     * @param socketDir   conmon's attach sockets
     * @param exitCommand argv run when the container exits
     */
    public record ContainerFiles(Path bundle, Path runDir, Path log, Path exitDir, Path socketDir, List<String> exitCommand) {
        /** The container's pid, as the runtime writes it. */
        public Path pidFile() {
            return runDir.resolve("pidfile");
        }

        /** conmon's own pid. */
        public Path conmonPidFile() {
            return runDir.resolve("conmon.pid");
        }

        /** Made by conmon (its persist directory's {@code oom}) when the container's cgroup ran out of memory. */
        public Path oomFile() {
            return Conmon.oomFile(runDir);
        }
    }

    /** The file conmon makes in its persist directory (a container's run directory) when the container's cgroup had an OOM kill. */
    public static Path oomFile(Path persistDir) {
        return persistDir.resolve("oom");
    }

    /** Creates container {@code id} (runtime state "created"); returns its pid. */
    public long create(String id, String name, ContainerFiles f, Map<String, String> env) {
        try {
            Files.createDirectories(f.runDir());
            Files.createDirectories(f.exitDir());
            Files.createDirectories(f.socketDir());
            Files.deleteIfExists(f.exitDir().resolve(id));
            Files.deleteIfExists(f.oomFile());
            Path fifo = f.runDir().resolve("sync");
            Files.deleteIfExists(fifo);
            Exec.check(name, List.of("mkfifo", "-m", "0600", fifo.toString()));
            List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", "exec 3<>\"$0\"; exec \"$@\"", fifo.toString(),
                    conmon.toString(), "--api-version", "1", "-c", id, "-u", id, "-n", name,
                    "-r", runtime.binary().toString(), "-b", f.bundle().toString(),
                    "-p", f.pidFile().toString(), "-P", f.conmonPidFile().toString(),
                    "-l", "k8s-file:" + f.log(), "--exit-dir", f.exitDir().toString(),
                    "--persist-dir", f.runDir().toString(),
                    "--socket-dir-path", f.socketDir().toString(), "--log-level", "error", "--syslog=false",
                    "--runtime-arg", "--root", "--runtime-arg", runtime.root().toString()));
            for (int i = 0; i < f.exitCommand().size(); i++) {
                argv.add(i == 0 ? "--exit-command" : "--exit-command-arg");
                argv.add(f.exitCommand().get(i));
            }
            // conmon writes its oom file into its working directory too: the bundle, not the user's directory
            ProcessBuilder pb = new ProcessBuilder(argv).directory(f.bundle().toFile());
            pb.environment().putAll(env);
            pb.environment().put("_OCI_SYNCPIPE", "3");
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.redirectErrorStream(true);
            try (RandomAccessFile sync = new RandomAccessFile(fifo.toFile(), "rw")) {
                Process p = pb.start();
                CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> readMessage(sync), Exec.OWN_THREAD);
                String msg;
                try {
                    msg = line.get(120, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    throw new RuntimeFailureException(name, "conmon did not report on container " + name + " within 120s");
                } catch (ExecutionException e) {
                    throw new RuntimeFailureException(name, "cannot read conmon's report: " + e.getCause().getMessage(), e);
                }
                p.waitFor(10, TimeUnit.SECONDS);
                Matcher m = DATA.matcher(msg);
                long pid = m.find() ? Long.parseLong(m.group(1)) : -1;
                if (pid <= 0) {
                    Matcher mm = MESSAGE.matcher(msg);
                    String why = mm.find() ? unescape(mm.group(1)) : msg.strip();
                    throw new RuntimeFailureException(name, "container " + name + " could not be created: " + clean(why));
                }
                return pid;
            } finally {
                Files.deleteIfExists(fifo);
            }
        } catch (IOException e) {
            throw new RuntimeFailureException(name, "cannot start conmon for " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailureException(name, "interrupted while creating " + name, e);
        }
    }

    private static String readMessage(RandomAccessFile sync) {
        try {
            StringBuilder sb = new StringBuilder();
            int depth = 0;
            boolean started = false;
            int c;
            while ((c = sync.read()) >= 0) {
                sb.append((char) c);
                if (c == '{') {
                    depth++;
                    started = true;
                } else if (c == '}') {
                    depth--;
                    if (started && depth == 0) {
                        break;
                    }
                }
            }
            return new String(sb.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\\"", "\"").replace("\\t", "\t").replace("\\\\", "\\");
    }

    /** The runtime's error, without its log framing (time=… level=error msg="…"). */
    public static String clean(String why) {
        String line = why.strip();
        int nl = line.lastIndexOf('\n');
        if (nl >= 0) {
            line = line.substring(nl + 1);
        }
        Matcher m = Pattern.compile("msg=\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(line);
        return m.find() ? unescape(m.group(1)) : line;
    }
}
