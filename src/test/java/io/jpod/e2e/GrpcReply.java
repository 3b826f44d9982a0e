package io.jpod.e2e;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A server's whole answer to one grpc.health.v1.Health/Check call over HTTP/2 cleartext, as bytes a
 * shell can replay: SETTINGS, the response HEADERS (:status 200, content-type application/grpc), one
 * DATA frame holding HealthCheckResponse{status}, and the trailers (grpc-status 0) ending the stream.
 * Written by hand from RFC 9113 and RFC 7541 so that the end-to-end test does not reuse jpod's own encoder.
 */
final class GrpcReply {
    static final int SERVING = 1;
    static final int NOT_SERVING = 2;
    private static final int DATA = 0;
    private static final int HEADERS = 1;
    private static final int SETTINGS = 4;
    private static final int END_STREAM = 0x1;
    private static final int END_HEADERS = 0x4;

    private GrpcReply() {
    }

    static byte[] bytes(int status) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frame(out, SETTINGS, 0, 0, new byte[0]);
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        headers.write(0x88); // indexed field 8 of the static table: ":status: 200"
        literal(headers, "content-type", "application/grpc");
        frame(out, HEADERS, END_HEADERS, 1, headers.toByteArray());
        // gRPC message: not compressed, 4-byte length, then field 1 (varint) = status
        frame(out, DATA, 0, 1, new byte[] {0, 0, 0, 0, 2, 0x08, (byte) status});
        ByteArrayOutputStream trailers = new ByteArrayOutputStream();
        literal(trailers, "grpc-status", "0");
        frame(out, HEADERS, END_HEADERS | END_STREAM, 1, trailers.toByteArray());
        return out.toByteArray();
    }

    /** The reply as printf's octal escapes, every byte escaped so that no shell quoting is needed. */
    static String octal(int status) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes(status)) {
            s.append(String.format("\\%03o", b & 0xff));
        }
        return s.toString();
    }

    /** A literal header field without indexing, with a literal name (no Huffman coding). */
    private static void literal(ByteArrayOutputStream out, String name, String value) {
        out.write(0x00);
        string(out, name);
        string(out, value);
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        out.write(b.length); // under 127: the length fits the 7-bit prefix
        out.writeBytes(b);
    }

    private static void frame(ByteArrayOutputStream out, int type, int flags, int stream, byte[] payload) {
        out.write(payload.length >>> 16);
        out.write(payload.length >>> 8);
        out.write(payload.length);
        out.write(type);
        out.write(flags);
        out.write(stream >>> 24);
        out.write(stream >>> 16);
        out.write(stream >>> 8);
        out.write(stream);
        out.writeBytes(payload);
    }
}
