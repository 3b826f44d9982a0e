package io.jpod.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * jpod's thin client: bin/jpod runs it, when a command service of the user runs, instead of a whole jpod
 * (a JVM that loads only this package, about a third of a jpod's start). It hands the command line, the working
 * directory and the environment to the service, copies the output the service sends, gives it standard input
 * when the command reads it, and exits with the command's code. When no service answers ({@link #NO_SERVICE}), or it
 * declines the command before doing anything ({@link #NOT_SERVED}), the launcher runs jpod itself. SIGINT, SIGTERM and
 * SIGHUP are forwarded to the service, which stops the command as the signal would stop its own process (exit code
 * 128 + the signal's number); a second SIGINT ends the client at once.
 */
public final class Client {
    /** The exit code that tells bin/jpod to run the command without the service, which declined it (no served command exits so). */
    public static final int NOT_SERVED = 254;
    /** The exit code that tells bin/jpod that no service of its listens (none, one that was killed, or one of another build or environment, which ends): run the command, start a service. */
    public static final int NO_SERVICE = 253;
    private static final int SIGINT = 2;

    private Client() {
    }

    /** {@code Client SOCKET ARGS...}. */
    public static void main(String[] argv) {
        if (argv.length < 1) {
            System.exit(NOT_SERVED);
        }
        int code = run(Path.of(argv[0]), Arrays.asList(argv).subList(1, argv.length), System.getenv(), System.getProperty("user.dir"),
                System.in, new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err),
                new boolean[] {isTerminal(0), isTerminal(1), isTerminal(2)}, Client::forwardSignals);
        System.exit(code);
    }

    /** From now on SIGINT, SIGTERM and SIGHUP go to {@code forward}; a second SIGINT ends this process at once, as podman's does. */
    private static void forwardSignals(IntConsumer forward) {
        java.util.concurrent.atomic.AtomicInteger interrupts = new java.util.concurrent.atomic.AtomicInteger();
        for (String name : List.of("INT", "TERM", "HUP")) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), s -> {
                if (s.getNumber() == SIGINT && interrupts.getAndIncrement() > 0) {
                    Runtime.getRuntime().halt(128 + SIGINT);
                }
                forward.accept(s.getNumber());
            });
        }
    }

    /** Runs {@code args} through the service at {@code socket}; returns the exit code. {@code ttys}: stdin, stdout, stderr. */
    public static int run(Path socket, List<String> args, Map<String, String> env, String cwd, InputStream stdin,
            OutputStream stdout, OutputStream stderr, boolean[] ttys) {
        return run(socket, args, env, cwd, stdin, stdout, stderr, ttys, forward -> { });
    }

    /**
     * The same; once the service has accepted the command, {@code signals} is given what forwards a signal (its number)
     * to it, for the caller to call on each signal this process gets.
     */
    public static int run(Path socket, List<String> args, Map<String, String> env, String cwd, InputStream stdin,
            OutputStream stdout, OutputStream stderr, boolean[] ttys, Consumer<IntConsumer> signals) {
        SocketChannel ch;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException | UnsupportedOperationException e) {
            return NO_SERVICE;
        }
        boolean accepted = false;
        try (ch) {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Frames.output(ch), 1 << 14));
            DataInputStream in = new DataInputStream(new BufferedInputStream(Frames.input(ch), 1 << 16));
            Frames.writeRequest(out, new Frames.Request(Frames.VERSION, args, cwd, env, ttys[0], ttys[1], ttys[2]));
            while (true) {
                Frames.Frame f = Frames.read(in);
                if (f == null) {
                    break;
                }
                switch (f.type()) {
                    case Frames.ACCEPTED -> {
                        accepted = true;
                        signals.accept(signal -> forward(out, signal));
                    }
                    case Frames.NOT_SERVED, Frames.REPLACE -> {
                        if (!accepted) {
                            return f.type() == Frames.REPLACE ? NO_SERVICE : NOT_SERVED;
                        }
                    }
                    case Frames.STDOUT -> stdout.write(f.data());
                    case Frames.STDERR -> stderr.write(f.data());
                    case Frames.WANT_STDIN -> {
                        byte[] buf = new byte[Math.max(1, Math.min(f.code(), 1 << 16))];
                        int n = stdin.read(buf);
                        synchronized (out) {
                            try {
                                Frames.write(out, n < 0 ? Frames.STDIN_END : Frames.STDIN, buf, 0, Math.max(n, 0));
                            } catch (IOException e) {
                                // a command stopped by a forwarded signal may have ended, and the service closed its
                                // end, while this read waited: its exit frame is still to be read
                            }
                        }
                    }
                    case Frames.EXIT -> {
                        stdout.flush();
                        return f.code();
                    }
                    default -> throw new IOException("unknown frame " + f.type());
                }
            }
        } catch (IOException e) {
            if (!accepted) {
                return NOT_SERVED;
            }
        }
        if (!accepted) {
            return NOT_SERVED;
        }
        try {
            stderr.write("Error: the jpod command service ended before the command did\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // nowhere left to say it
        }
        return 125;
    }

    private static void forward(DataOutputStream out, int signal) {
        synchronized (out) {
            try {
                Frames.writeCode(out, Frames.SIGNAL, signal);
            } catch (IOException e) {
                // the service is gone: the command has ended
            }
        }
    }

    /** True when file descriptor {@code fd} of this process is a terminal device (Linux: where {@code /proc/self/fd/N} points). */
    public static boolean isTerminal(int fd) {
        try {
            return isTerminalDevice(Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    public static boolean isTerminalDevice(String target) {
        // no regular expression: this runs in the client's JVM on every command, which would load the regex classes for it
        return target.startsWith("/dev/pts/") || target.equals("/dev/console")
                || target.startsWith("/dev/tty") && target.chars().skip("/dev/tty".length()).allMatch(Character::isDigit);
    }
}
