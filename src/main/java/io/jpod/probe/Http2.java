package io.jpod.probe;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The few HTTP/2 (RFC 9113) frames a gRPC call over cleartext with prior knowledge needs. */
final class Http2 {
    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int PING = 0x6;
    static final int GOAWAY = 0x7;
    static final int WINDOW_UPDATE = 0x8;
    static final int CONTINUATION = 0x9;
    static final int END_STREAM = 0x1;
    static final int ACK = 0x1;
    static final int END_HEADERS = 0x4;
    static final int PADDED = 0x8;
    static final int PRIORITY = 0x20;
    /** The largest frame a peer may send before SETTINGS say otherwise; jpod never says otherwise. */
    static final int MAX_FRAME = 16384;

    private Http2() {
    }

    /** A frame as read: its payload without padding or priority fields. */
    record Frame(int type, int flags, int stream, byte[] payload) {
        boolean has(int flag) {
            return (flags & flag) != 0;
        }
    }

    static void write(OutputStream out, int type, int flags, int stream, byte[] payload) throws IOException {
        int n = payload.length;
        out.write(new byte[] {(byte) (n >>> 16), (byte) (n >>> 8), (byte) n, (byte) type, (byte) flags, (byte) (stream >>> 24 & 0x7f),
                (byte) (stream >>> 16), (byte) (stream >>> 8), (byte) stream});
        out.write(payload);
    }

    static Frame read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] head = new byte[9];
        data.readFully(head);
        int length = (head[0] & 0xff) << 16 | (head[1] & 0xff) << 8 | head[2] & 0xff;
        if (length > MAX_FRAME) {
            throw new IOException("http2: frame of " + length + " bytes over the maximum of " + MAX_FRAME);
        }
        int type = head[3] & 0xff;
        int flags = head[4] & 0xff;
        int stream = (head[5] & 0x7f) << 24 | (head[6] & 0xff) << 16 | (head[7] & 0xff) << 8 | head[8] & 0xff;
        byte[] payload = new byte[length];
        data.readFully(payload);
        if (type == DATA || type == HEADERS) {
            int start = 0;
            int end = length;
            if ((flags & PADDED) != 0) {
                if (length < 1) {
                    throw new IOException("http2: padded frame without its pad length");
                }
                start = 1;
                end = length - (payload[0] & 0xff);
            }
            if (type == HEADERS && (flags & PRIORITY) != 0) {
                start += 5;
            }
            if (start > end) {
                throw new IOException("http2: padding past the end of a frame");
            }
            payload = java.util.Arrays.copyOfRange(payload, start, end);
        }
        return new Frame(type, flags, stream, payload);
    }
}
