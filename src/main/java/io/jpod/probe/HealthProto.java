package io.jpod.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * grpc.health.v1's two messages in protobuf's wire format, by hand: {@code HealthCheckRequest{string
 * service = 1}} and {@code HealthCheckResponse{ServingStatus status = 1}}, each in gRPC's 5-byte
 * length-prefixed frame.
 */
final class HealthProto {
    /** ServingStatus by number: UNKNOWN, SERVING, NOT_SERVING, SERVICE_UNKNOWN. */
    static final String[] STATUS = {"UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"};
    static final int SERVING = 1;

    private HealthProto() {
    }

    /** The request for {@code service} (null or empty: the server), length-prefixed. */
    static byte[] request(String service) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        if (service != null && !service.isEmpty()) {
            byte[] name = service.getBytes(StandardCharsets.UTF_8);
            message.write(0x0a);
            writeVarint(message, name.length);
            message.writeBytes(name);
        }
        return frame(message.toByteArray());
    }

    static byte[] frame(byte[] message) {
        int n = message.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        out.writeBytes(message);
        return out.toByteArray();
    }

    /** The status of the first message of {@code body} (the DATA of the response); unknown fields are skipped. */
    static int status(byte[] body) throws IOException {
        if (body.length < 5) {
            throw new IOException("grpc: response without a message");
        }
        if (body[0] != 0) {
            throw new IOException("grpc: compressed response");
        }
        int length = (body[1] & 0xff) << 24 | (body[2] & 0xff) << 16 | (body[3] & 0xff) << 8 | body[4] & 0xff;
        if (length < 0 || length > body.length - 5) {
            throw new IOException("grpc: response message cut short");
        }
        int[] pos = {5};
        int end = 5 + length;
        int status = 0;
        while (pos[0] < end) {
            long key = readVarint(body, pos, end);
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            switch (wire) {
                case 0 -> {
                    long v = readVarint(body, pos, end);
                    if (field == 1) {
                        status = (int) v;
                    }
                }
                case 1 -> pos[0] += 8;
                case 2 -> {
                    long n = readVarint(body, pos, end);
                    pos[0] = (int) Math.min(Integer.MAX_VALUE, pos[0] + n);
                }
                case 5 -> pos[0] += 4;
                default -> throw new IOException("protobuf: wire type " + wire);
            }
            if (pos[0] > end) {
                throw new IOException("protobuf: field past the end of the message");
            }
        }
        return status;
    }

    static String statusName(int status) {
        return status >= 0 && status < STATUS.length ? STATUS[status] : String.valueOf(status);
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) (value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static long readVarint(byte[] in, int[] pos, int end) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= end) {
                throw new IOException("protobuf: truncated varint");
            }
            int b = in[pos[0]++] & 0xff;
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("protobuf: varint too long");
    }
}
