package io.jpod.client;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command service's protocol (see {@link Client} and ARCHITECTURE.md): the client sends one
 * {@link Request}, then the service sends frames of standard output and error, asks for standard input
 * when the command reads it, and ends with the exit code. A frame is a type byte, a length and that many
 * bytes. A client that gets SIGINT, SIGTERM or SIGHUP (Ctrl-C) sends {@link #SIGNAL}: the command is stopped as that
 * signal would stop its own process; a client that goes away without a word leaves the command to run to its end.
 */
public final class Frames {
    /** Protocol version, checked by the service: a client and a service of other builds do not talk. */
    public static final int VERSION = 2;
    /** Service → client: bytes of standard output. */
    public static final byte STDOUT = 'O';
    /** Service → client: bytes of standard error. */
    public static final byte STDERR = 'E';
    /** Service → client: the command reads standard input; the length is how much it can take. */
    public static final byte WANT_STDIN = 'W';
    /** Service → client: the command ended; four bytes of exit code. */
    public static final byte EXIT = 'X';
    /** Service → client, first: the command is served (before it, nothing was done and the client may run jpod itself). */
    public static final byte ACCEPTED = 'A';
    /** Service → client, instead of {@link #ACCEPTED}: not served here (the reason as text); run jpod without the service. */
    public static final byte NOT_SERVED = 'N';
    /** Service → client, instead of {@link #ACCEPTED}: not this service's (another build or environment), which ends; run jpod and start another. */
    public static final byte REPLACE = 'R';
    /** Client → service: bytes of standard input. */
    public static final byte STDIN = 'I';
    /** Client → service: standard input is at its end. */
    public static final byte STDIN_END = 'Z';
    /** Client → service: the client got a signal (four bytes: its number); the command is stopped as its own process would be. */
    public static final byte SIGNAL = 'S';
    /** The most a frame carries. */
    public static final int MAX = 1 << 20;

    private Frames() {
    }

    /** What the client asks: its arguments, working directory, environment and which of its streams are terminals. */
    public record Request(int version, List<String> args, String cwd, Map<String, String> env, boolean stdinTty,
            boolean stdoutTty, boolean stderrTty) {
    }

    /** One frame read. */
    public record Frame(byte type, byte[] data) {
        /** The exit code of an {@link #EXIT} frame. */
        public int code() {
            return ((data[0] & 0xff) << 24) | ((data[1] & 0xff) << 16) | ((data[2] & 0xff) << 8) | (data[3] & 0xff);
        }

        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    public static void writeRequest(DataOutputStream out, Request r) throws IOException {
        out.writeInt(r.version());
        writeStrings(out, r.args());
        writeString(out, r.cwd());
        List<String> env = new ArrayList<>();
        r.env().forEach((k, v) -> {
            env.add(k);
            env.add(v);
        });
        writeStrings(out, env);
        out.writeBoolean(r.stdinTty());
        out.writeBoolean(r.stdoutTty());
        out.writeBoolean(r.stderrTty());
        out.flush();
    }

    public static Request readRequest(DataInputStream in) throws IOException {
        int version = in.readInt();
        if (version != VERSION) {
            return new Request(version, List.of(), "/", Map.of(), false, false, false);
        }
        List<String> args = readStrings(in);
        String cwd = readString(in);
        List<String> pairs = readStrings(in);
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            env.put(pairs.get(i), pairs.get(i + 1));
        }
        return new Request(version, args, cwd, env, in.readBoolean(), in.readBoolean(), in.readBoolean());
    }

    /** Writes one frame (callers that share a stream hold its lock). */
    public static void write(DataOutputStream out, byte type, byte[] data, int off, int len) throws IOException {
        out.writeByte(type);
        out.writeInt(len);
        out.write(data, off, len);
        out.flush();
    }

    public static void writeCode(DataOutputStream out, byte type, int code) throws IOException {
        write(out, type, new byte[] {(byte) (code >>> 24), (byte) (code >>> 16), (byte) (code >>> 8), (byte) code}, 0, 4);
    }

    /** The next frame, or null at the end of the stream. */
    public static Frame read(DataInputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        int len = in.readInt();
        if (len < 0 || len > MAX) {
            throw new IOException("bad frame length " + len);
        }
        byte[] data = new byte[len];
        in.readFully(data);
        return new Frame((byte) type, data);
    }

    /** A blocking stream over {@code ch}'s reads: one thread may read while another writes (the JDK's channel streams share one lock). */
    public static java.io.InputStream input(java.nio.channels.ByteChannel ch) {
        return new java.io.InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : ch.read(java.nio.ByteBuffer.wrap(b, off, len));
            }
        };
    }

    /** A blocking stream over {@code ch}'s writes. */
    public static java.io.OutputStream output(java.nio.channels.ByteChannel ch) {
        return new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b, off, len);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        };
    }

    private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String v : values) {
            writeString(out, v);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 100_000) {
            throw new IOException("bad count " + n);
        }
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(readString(in));
        }
        return values;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX) {
            throw new EOFException("bad string length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
