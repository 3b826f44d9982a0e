package io.jpod.cli;

import io.jpod.client.Frames;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A served command's standard streams, over its client's connection: output and error go out as frames;
 * standard input is asked for when the command reads it (so a command that does not read it leaves it to the
 * user's shell, as its own process would), and ends when the client sends its end or goes away. A signal the client
 * forwards (Ctrl-C) stops the command as it would stop its own process: {@code onSignal} interrupts it, and it
 * writes nothing more.
 */
final class ServedStreams {
    private static final byte[] END = new byte[0];

    private final DataInputStream in;
    private final DataOutputStream out;
    private final BlockingQueue<byte[]> input = new LinkedBlockingQueue<>();
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final InputStream stdin;
    private final Runnable onSignal;
    private volatile boolean gone;
    private int signal;
    private boolean finished;

    /** {@code onSignal} is run once, on the reading thread, when the client forwards a signal while the command runs. */
    ServedStreams(DataInputStream in, DataOutputStream out, Runnable onSignal) {
        this.in = in;
        this.out = out;
        this.onSignal = onSignal;
        this.stdout = frames(Frames.STDOUT);
        this.stderr = frames(Frames.STDERR);
        this.stdin = new Input();
    }

    /** Reads what the client sends (standard input, its end, or that it went away) from now on. */
    void startReading() {
        Thread t = new Thread(this::readClient, "served-input");
        t.setDaemon(true);
        t.start();
    }

    OutputStream stdout() {
        return stdout;
    }

    OutputStream stderr() {
        return stderr;
    }

    InputStream stdin() {
        return stdin;
    }

    /**
     * The command has ended: no signal interrupts it any more. Returns the signal the client forwarded while it ran
     * (its number), or 0.
     */
    int finish() {
        synchronized (out) {
            finished = true;
            return signal;
        }
    }

    /** The command ended with {@code code}. */
    void exit(int code) throws IOException {
        synchronized (out) {
            Frames.writeCode(out, Frames.EXIT, code);
        }
    }

    private void readClient() {
        try {
            while (true) {
                Frames.Frame f = Frames.read(in);
                if (f == null) {
                    break;
                }
                if (f.type() == Frames.SIGNAL && f.data().length == 4) {
                    signalled(f.code());
                } else if (f.type() == Frames.STDIN && f.data().length > 0) {
                    input.add(f.data());
                } else if (f.type() == Frames.STDIN || f.type() == Frames.STDIN_END) {
                    input.add(END);
                }
            }
        } catch (IOException e) {
            // the client went away
        }
        gone = true;
        input.add(END);
    }

    /**
     * The first signal stops the command (a second one changes nothing). Under the output's lock, so that the
     * interruption never comes in the middle of a frame: an interrupted thread's channel I/O closes the channel.
     */
    private void signalled(int number) {
        synchronized (out) {
            if (signal != 0 || finished || number <= 0) {
                return;
            }
            signal = number;
            onSignal.run();
        }
    }

    private OutputStream frames(byte type) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                synchronized (out) {
                    if (signal != 0) {
                        // a process ended by the signal prints nothing more; nor does the command, stopped
                        throw new java.io.InterruptedIOException("stopped by signal " + signal);
                    }
                    for (int at = off; at < off + len; at += Frames.MAX) {
                        Frames.write(out, type, b, at, Math.min(Frames.MAX, off + len - at));
                    }
                }
            }
        };
    }

    /** Standard input, read from the client on demand. */
    private final class Input extends InputStream {
        private byte[] current = END;
        private int pos;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos == current.length) {
                if (ended) {
                    return -1;
                }
                synchronized (out) {
                    if (signal != 0) {
                        throw new java.io.InterruptedIOException("stopped by signal " + signal);
                    }
                    if (!gone) {
                        Frames.writeCode(out, Frames.WANT_STDIN, Math.max(len, 8192));
                    }
                }
                try {
                    current = input.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while reading standard input");
                }
                pos = 0;
                if (current == END) {
                    ended = true;
                    return -1;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
