package io.jpod.probe;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The kubelet's grpc probe: one {@code grpc.health.v1.Health/Check} call over HTTP/2 cleartext with
 * prior knowledge, on a socket made by the calling thread; SERVING is success. Messages are the
 * kubelet's ("service unhealthy (responded with \"NOT_SERVING\")").
 */
final class GrpcHealthProbe {
    static final String PATH = "/grpc.health.v1.Health/Check";
    /** grpc-go's names of the status codes, by number. */
    private static final List<String> CODES = List.of("OK", "Canceled", "Unknown", "InvalidArgument", "DeadlineExceeded", "NotFound",
            "AlreadyExists", "PermissionDenied", "ResourceExhausted", "FailedPrecondition", "Aborted", "OutOfRange", "Unimplemented",
            "Internal", "Unavailable", "DataLoss", "Unauthenticated");
    private static final int STREAM = 1;

    private GrpcHealthProbe() {
    }

    static ProbeResult run(String host, int port, String service, Deadline deadline) {
        String authority = Dial.hostPort(host, port);
        Socket socket;
        try {
            socket = Dial.open(host, port, deadline);
        } catch (Dial.Failure e) {
            return ProbeResult.failure(e.getMessage().endsWith("i/o timeout")
                    ? "timeout: failed to connect service \"" + authority + "\" within " + deadline.describe() + ": " + e.getMessage()
                    : "error: failed to connect service at \"" + authority + "\": " + e.getMessage());
        }
        try {
            socket.setSoTimeout(deadline.remainingMillis());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            out.write(Http2.PREFACE);
            Http2.write(out, Http2.SETTINGS, 0, 0, new byte[0]);
            Http2.write(out, Http2.HEADERS, Http2.END_HEADERS, STREAM, Hpack.encode(requestHeaders(authority, deadline)));
            Http2.write(out, Http2.DATA, Http2.END_STREAM, STREAM, HealthProto.request(service));
            out.flush();
            Answer answer = read(new BufferedInputStream(socket.getInputStream()), out, socket, deadline);
            return judge(answer);
        } catch (SocketTimeoutException e) {
            return ProbeResult.failure("timeout: health rpc did not complete within " + deadline.describe());
        } catch (IOException e) {
            return ProbeResult.failure("error: health rpc probe failed: rpc error: code = Unavailable desc = "
                    + (e instanceof EOFException ? "connection closed" : e.getMessage()));
        } finally {
            Dial.close(socket);
        }
    }

    static List<Hpack.Field> requestHeaders(String authority, Deadline deadline) throws SocketTimeoutException {
        return List.of(new Hpack.Field(":method", "POST"), new Hpack.Field(":scheme", "http"), new Hpack.Field(":path", PATH),
                new Hpack.Field(":authority", authority), new Hpack.Field("content-type", "application/grpc"),
                new Hpack.Field("user-agent", HttpProbe.USER_AGENT), new Hpack.Field("te", "trailers"),
                new Hpack.Field("grpc-timeout", deadline.remainingMillis() + "m"));
    }

    /** What the server answered on the call's stream: its headers and trailers in one map, and the DATA. */
    record Answer(Map<String, String> headers, byte[] body) {
    }

    static Answer read(InputStream in, OutputStream out, Socket socket, Deadline deadline) throws IOException {
        Hpack.Decoder decoder = new Hpack.Decoder();
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteArrayOutputStream block = null;
        boolean endStream = false;
        while (true) {
            socket.setSoTimeout(deadline.remainingMillis());
            Http2.Frame f = Http2.read(in);
            if (block != null && f.type() != Http2.CONTINUATION) {
                throw new IOException("http2: header block not continued");
            }
            switch (f.type()) {
                case Http2.SETTINGS -> {
                    if (!f.has(Http2.ACK)) {
                        Http2.write(out, Http2.SETTINGS, Http2.ACK, 0, new byte[0]);
                        out.flush();
                    }
                }
                case Http2.PING -> {
                    if (!f.has(Http2.ACK)) {
                        Http2.write(out, Http2.PING, Http2.ACK, 0, f.payload());
                        out.flush();
                    }
                }
                case Http2.GOAWAY -> throw new IOException("http2: server sent GOAWAY");
                case Http2.RST_STREAM -> {
                    if (f.stream() == STREAM) {
                        throw new IOException("http2: stream reset by the server");
                    }
                }
                case Http2.HEADERS, Http2.CONTINUATION -> {
                    if (f.stream() != STREAM) {
                        throw new IOException("http2: headers on stream " + f.stream());
                    }
                    if (block == null) {
                        block = new ByteArrayOutputStream();
                        endStream = f.has(Http2.END_STREAM);
                    }
                    block.writeBytes(f.payload());
                    if (f.has(Http2.END_HEADERS)) {
                        Hpack.toMap(decoder.decode(block.toByteArray())).forEach(headers::putIfAbsent);
                        block = null;
                        if (endStream) {
                            return new Answer(headers, body.toByteArray());
                        }
                    }
                }
                case Http2.DATA -> {
                    if (f.stream() == STREAM) {
                        if (body.size() + f.payload().length > 64 * 1024) {
                            throw new IOException("grpc: response over 64 KiB");
                        }
                        body.writeBytes(f.payload());
                        if (f.has(Http2.END_STREAM)) {
                            return new Answer(headers, body.toByteArray());
                        }
                    }
                }
                default -> {
                    // WINDOW_UPDATE, PRIORITY and unknown frames change nothing for one small call
                }
            }
        }
    }

    static ProbeResult judge(Answer answer) throws IOException {
        String httpStatus = answer.headers().get(":status");
        if (!"200".equals(httpStatus)) {
            return ProbeResult.failure("error: health rpc probe failed: rpc error: code = Unknown desc = unexpected HTTP status code received from server: "
                    + httpStatus);
        }
        String grpcStatus = answer.headers().get("grpc-status");
        int code;
        try {
            code = grpcStatus == null ? 2 : Integer.parseInt(grpcStatus);
        } catch (NumberFormatException e) {
            code = 2;
        }
        if (code != 0) {
            String name = code < CODES.size() ? CODES.get(code) : "Code(" + code + ")";
            String message = URLDecoder.decode(answer.headers().getOrDefault("grpc-message", "")
                    .replace("+", "%2B"), StandardCharsets.UTF_8);
            if (code == 12) {
                return ProbeResult.failure("error: this server does not implement the grpc health protocol (grpc.health.v1.Health): "
                        + "rpc error: code = Unimplemented desc = " + message);
            }
            if (code == 4) {
                return ProbeResult.failure("timeout: health rpc did not complete within ...".replace("...", "the deadline"));
            }
            return ProbeResult.failure("error: health rpc probe failed: rpc error: code = " + name + " desc = " + message);
        }
        int status = HealthProto.status(answer.body());
        return status == HealthProto.SERVING ? ProbeResult.success("service healthy")
                : ProbeResult.failure("service unhealthy (responded with \"" + HealthProto.statusName(status) + "\")");
    }
}
