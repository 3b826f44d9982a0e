package io.jpod.cli;

import io.jpod.client.Frames;
import io.jpod.host.JpodBuild;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The command service: one JVM of the user's that runs jpod commands for the thin client ({@link io.jpod.client.Client}),
 * so that a command pays a small JVM's start instead of a whole jpod's (bench/README.md). bin/jpod starts it in the
 * background when it is missing and the command could be served, and uses it for the next commands.
 *
 * <p>It changes nothing of what a command does: each command opens the store and reads the host as its own process
 * would, with the user's working directory, environment and streams, and ends with the same exit code; a command
 * the service cannot serve as its own process would (a terminal, signals, a long follow) is declined before
 * anything is done, and the launcher runs it. It holds no state between commands, so killing it loses nothing and
 * touches no container (conmon owns them). It serves one environment (the one it was started with), one build of
 * jpod and one user-namespace holder, and exits when it has been idle for a while (JPOD_SERVICE_IDLE seconds, 60 by
 * default), when its socket is removed or replaced, when the build changes or its holder is gone.
 */
public final class CommandServer {
    /** A command stopped by a signal ends as its process would: 128 + the signal's number (130 for SIGINT, 143 for SIGTERM). */
    private static final int SIGNAL_EXIT = 128;
    /** How long without a command before the heap is collected and given back. */
    private static final Duration TRIM_AFTER = Duration.ofSeconds(2);
    /**
     * Variables that differ between a user's shells without changing what a command does, and the supervisor's
     * malloc setting (bin/jpod's), which the exit commands of the containers it restarts inherit through conmon, and
     * the launcher's choice of client (JPOD_CLIENT), which only bin/jpod reads.
     */
    private static final java.util.Set<String> VOLATILE = java.util.Set.of("PWD", "OLDPWD", "SHLVL", "_", "COLUMNS", "LINES",
            "MALLOC_ARENA_MAX", "JPOD_CLIENT");

    private final Path socket;
    private final Duration idle;
    private final Map<String, String> env;
    private final Path jar;
    private final FileTime jarTime;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong lastUse = new AtomicLong(System.nanoTime());
    private final Map<String, String> served;
    private volatile String ending;
    private volatile ServerSocketChannel listening;

    CommandServer(Path socket, Duration idle, Map<String, String> env, Path jar) {
        this.socket = socket;
        this.idle = idle;
        this.env = env;
        this.served = withoutVolatile(env);
        this.jar = jar;
        this.jarTime = jar == null ? null : modified(jar);
    }

    /** {@code CommandServer SOCKET}: serves until idle, then exits. */
    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        long seconds = 60;
        try {
            seconds = Long.parseLong(env.getOrDefault("JPOD_SERVICE_IDLE", "60"));
        } catch (NumberFormatException e) {
            // the default
        }
        Path jar = JpodBuild.running().code().orElse(null); // null: no build to watch
        try {
            new CommandServer(Path.of(args[0]), Duration.ofSeconds(seconds), env, jar).serve();
        } catch (IOException e) {
            System.err.println("Error: the command service cannot serve on " + args[0] + ": " + e.getMessage());
            System.exit(125);
        }
        System.exit(0);
    }

    /**
     * Serves until there is a reason to end (see the class comment). Another service holding the socket's lock may be
     * stepping aside for this one (it declined a command of another environment or build): this one waits a few seconds
     * for the lock, then gives up.
     */
    void serve() throws IOException {
        Files.createDirectories(socket.getParent());
        try (FileChannel lockChannel = FileChannel.open(socket.resolveSibling(socket.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = lockChannel.tryLock();
            for (int i = 0; lock == null && i < 100; i++) {
                sleep(50);
                lock = lockChannel.tryLock();
            }
            if (lock == null) {
                return;
            }
            Files.deleteIfExists(socket);
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                listening = server;
                server.bind(UnixDomainSocketAddress.of(socket));
                Object key = Files.readAttributes(socket, BasicFileAttributes.class).fileKey();
                Thread watch = new Thread(() -> watch(server, key), "service-watch");
                watch.setDaemon(true);
                watch.start();
                acceptUntilClosed(server);
                while (active.get() > 0) {
                    sleep(50);
                }
                removeSocketIf(key);
            }
        }
    }

    private void acceptUntilClosed(ServerSocketChannel server) throws IOException {
        while (true) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            }
            active.incrementAndGet();
            lastUse.set(System.nanoTime());
            Thread t = new Thread(() -> {
                try {
                    serveOne(client);
                } finally {
                    lastUse.set(System.nanoTime());
                    active.decrementAndGet();
                }
            }, "served-command");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Closes the server socket once the service should end: no new command is taken, those running finish. */
    private void watch(ServerSocketChannel server, Object key) {
        long collectedAfter = -1;
        while (ending == null) {
            sleep(500);
            long used = lastUse.get();
            if (active.get() == 0 && used != collectedAfter && System.nanoTime() - used > TRIM_AFTER.toNanos()) {
                // Between commands the heap holds only garbage: a full collection gives it back (the service runs with a
                // small -XX:MaxHeapFreeRatio), so that the service waits for the next command at its smallest.
                System.gc();
                collectedAfter = used;
            }
            String why = null;
            if (active.get() == 0 && System.nanoTime() - lastUse.get() > idle.toNanos()) {
                why = "idle";
            } else if (jar != null && !Objects.equals(jarTime, modified(jar))) {
                why = "jpod was built again";
            } else if (!Objects.equals(key, fileKey(socket))) {
                why = "its socket was removed";
            } else if (holderGone()) {
                why = "the user namespace holder is gone";
            }
            if (why != null) {
                ending = why;
            }
        }
        try {
            server.close();
        } catch (IOException e) {
            // it is closing
        }
    }

    private boolean holderGone() {
        String pid = env.get("JPOD_USERNS_PID");
        return pid != null && !pid.isEmpty() && !Files.exists(Path.of("/proc", pid));
    }

    private void removeSocketIf(Object key) {
        try {
            if (Objects.equals(key, fileKey(socket))) {
                Files.deleteIfExists(socket);
            }
        } catch (IOException e) {
            // another service's, or gone
        }
    }

    private void serveOne(SocketChannel client) {
        try (client) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(Frames.input(client), 1 << 16));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Frames.output(client), 1 << 16));
            Frames.Request request = Frames.readRequest(in);
            String aside = stepAside(request);
            String refusal = aside != null ? aside : ServedCommands.refusal(request.args());
            if (refusal != null) {
                byte[] why = refusal.getBytes(StandardCharsets.UTF_8);
                Frames.write(out, aside != null ? Frames.REPLACE : Frames.NOT_SERVED, why, 0, why.length);
                return;
            }
            Frames.write(out, Frames.ACCEPTED, new byte[0], 0, 0);
            Thread command = Thread.currentThread();
            ServedStreams streams = new ServedStreams(in, out, command::interrupt);
            streams.startReading();
            PrintWriter stdout = new PrintWriter(new OutputStreamWriter(streams.stdout(), StandardCharsets.UTF_8), true);
            PrintWriter stderr = new PrintWriter(new OutputStreamWriter(streams.stderr(), StandardCharsets.UTF_8), true);
            Invocation invocation = new Invocation(Path.of(request.cwd()), streams.stdin(), streams.stdout(), request.env(),
                    request.stdinTty(), request.stdoutTty(), request.stderrTty());
            int code;
            try {
                code = Main.run(request.args().toArray(String[]::new), stdout, stderr, invocation);
            } catch (RuntimeException | Error e) {
                stderr.println("Error: " + e);
                code = ErrorReporter.ENGINE_ERROR;
                if (e instanceof Error) {
                    ending = "it failed: " + e; // a VirtualMachineError leaves the service unsure of itself
                }
            }
            stdout.flush();
            stderr.flush();
            int signal = streams.finish();
            Thread.interrupted(); // a signal's interruption, spent: the exit frame must not close the connection
            streams.exit(signal > 0 ? SIGNAL_EXIT + signal : code);
        } catch (IOException e) {
            // the client went away: the command, if it ran, finished as it would have
        }
    }

    /**
     * Why this service is not the one for {@code request} (another protocol, build or environment, or it is ending), or
     * null. It then ends at once, so that the service bin/jpod starts for the declined command takes its place: a
     * service kept alive by commands it declines would make each of them pay for two JVMs.
     */
    private String stepAside(Frames.Request request) {
        String why = ending != null ? ending
                : request.version() != Frames.VERSION ? "protocol " + request.version() + ", not " + Frames.VERSION
                : jar != null && !Objects.equals(jarTime, modified(jar)) ? "jpod was built again"
                : !withoutVolatile(request.env()).equals(served) ? "the environment differs from the service's"
                : null;
        if (why != null && ending == null) {
            ending = why;
            ServerSocketChannel server = listening;
            try {
                if (server != null) {
                    server.close(); // no command is taken any more; those running finish
                }
            } catch (IOException e) {
                // it is closing
            }
        }
        return why == null ? null : "not served here: " + why;
    }

    static Map<String, String> withoutVolatile(Map<String, String> env) {
        Map<String, String> kept = new java.util.TreeMap<>(env);
        kept.keySet().removeAll(VOLATILE);
        kept.keySet().removeIf(k -> k.startsWith("_OCI_")); // conmon's, in the exit command it runs
        return kept;
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
