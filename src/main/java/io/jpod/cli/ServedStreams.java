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
 * user's shell, as its own process would), and ends when the client sends its end or goes away.
 */
final class ServedStreams {
    private static final byte[] END = new byte[0];

    private final DataInputStream in;
    private final DataOutputStream out;
    private final BlockingQueue<byte[]> input = new LinkedBlockingQueue<>();
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final InputStream stdin;
    private volatile boolean gone;

    ServedStreams(DataInputStream in, DataOutputStream out) {
        this.in = in;
        this.out = out;
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
                if (f.type() == Frames.STDIN && f.data().length > 0) {
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

    private OutputStream frames(byte type) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                synchronized (out) {
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
                if (!gone) {
                    synchronized (out) {
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
