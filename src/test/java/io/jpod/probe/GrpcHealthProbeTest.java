package io.jpod.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.pod.ProbeAction;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The grpc probe against a small h2c server written here: it checks the client's preface, SETTINGS,
 * HEADERS and DATA, and answers with frames as a gRPC server writes them (indexed and incrementally
 * indexed HPACK fields, a Huffman string, SETTINGS and PING before the answer).
 */
class GrpcHealthProbeTest {
    private final NetnsProber prober = new NetnsProber();
    private final List<Map<String, String>> calls = new CopyOnWriteArrayList<>();
    private final List<String> services = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        prober.close();
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** A server that answers every call as {@code answer} says: a health status, or a gRPC error code in a trailers-only answer. */
    private TestServer server(int status, int grpcStatus, String grpcMessage) throws IOException {
        return new TestServer(s -> serve(s, status, grpcStatus, grpcMessage));
    }

    private void serve(Socket s, int status, int grpcStatus, String grpcMessage) throws IOException {
        InputStream in = new BufferedInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream();
        byte[] preface = in.readNBytes(Http2.PREFACE.length);
        if (!Arrays.equals(Http2.PREFACE, preface)) {
            return;
        }
        Http2.write(out, Http2.SETTINGS, 0, 0, hex("0003 00000064")); // SETTINGS_MAX_CONCURRENT_STREAMS 100
        Http2.write(out, Http2.PING, 0, 0, hex("0102030405060708"));
        Hpack.Decoder decoder = new Hpack.Decoder();
        boolean settingsAcked = false;
        boolean pingAcked = false;
        byte[] message = null;
        while (message == null || !settingsAcked || !pingAcked) {
            Http2.Frame f = Http2.read(in);
            switch (f.type()) {
                case Http2.SETTINGS -> settingsAcked |= f.has(Http2.ACK);
                case Http2.PING -> pingAcked |= f.has(Http2.ACK) && Arrays.equals(hex("0102030405060708"), f.payload());
                case Http2.HEADERS -> calls.add(Hpack.toMap(decoder.decode(f.payload())));
                case Http2.DATA -> message = f.payload();
                default -> { }
            }
        }
        services.add(new String(Arrays.copyOfRange(message, 5 + (message.length > 5 ? 2 : 0), message.length)));
        Http2.write(out, Http2.WINDOW_UPDATE, 0, 0, hex("00010000"));
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        headers.writeBytes(hex("88")); // :status 200, indexed
        headers.writeBytes(hex("5f 10")); // content-type, incrementally indexed, name by index 31
        headers.writeBytes("application/grpc".getBytes());
        if (grpcStatus != 0) {
            headers.writeBytes(Hpack.encode(List.of(new Hpack.Field("grpc-status", String.valueOf(grpcStatus)),
                    new Hpack.Field("grpc-message", grpcMessage))));
            Http2.write(out, Http2.HEADERS, Http2.END_HEADERS | Http2.END_STREAM, 1, headers.toByteArray());
            return;
        }
        // the headers in a HEADERS frame (padded) and a CONTINUATION
        byte[] block = headers.toByteArray();
        byte[] padded = new byte[1 + 3 + 2];
        padded[0] = 2;
        System.arraycopy(block, 0, padded, 1, 3);
        Http2.write(out, Http2.HEADERS, Http2.PADDED, 1, padded);
        Http2.write(out, Http2.CONTINUATION, Http2.END_HEADERS, 1, Arrays.copyOfRange(block, 3, block.length));
        Http2.write(out, Http2.DATA, 0, 1, HealthProto.frame(new byte[] {0x08, (byte) status}));
        ByteArrayOutputStream trailers = new ByteArrayOutputStream();
        trailers.write(0x40); // grpc-status, incrementally indexed, literal name
        trailers.writeBytes(hex("0b"));
        trailers.writeBytes("grpc-status".getBytes());
        trailers.writeBytes(hex("01 30"));
        trailers.writeBytes(hex("0f 2b 8c f1e3 c2e5 f23a 6ba0 ab90 f4ff")); // user-agent (index 15 + 43) "www.example.com" in Huffman, a literal without indexing
        Http2.write(out, Http2.HEADERS, Http2.END_HEADERS | Http2.END_STREAM, 1, trailers.toByteArray());
    }

    private ProbeResult probe(int port, String service) {
        return prober.check(null, ProbeAction.grpc(new ProbeAction.Grpc(port, service)), List.of(), null, Duration.ofSeconds(2));
    }

    @Test
    void servingIsSuccess() throws IOException {
        try (TestServer server = server(1, 0, null)) {
            assertEquals(new ProbeResult(true, "service healthy"), probe(server.port(), "svc"));
            Map<String, String> call = calls.get(0);
            assertEquals("POST", call.get(":method"));
            assertEquals("/grpc.health.v1.Health/Check", call.get(":path"));
            assertEquals("http", call.get(":scheme"));
            assertEquals("127.0.0.1:" + server.port(), call.get(":authority"));
            assertEquals("application/grpc", call.get("content-type"));
            assertEquals("trailers", call.get("te"));
            assertTrue(call.get("grpc-timeout").matches("\\d+m"), call.toString());
            assertEquals(List.of("svc"), services);
        }
    }

    @Test
    void notServingIsFailure() throws IOException {
        try (TestServer server = server(2, 0, null)) {
            assertEquals(new ProbeResult(false, "service unhealthy (responded with \"NOT_SERVING\")"), probe(server.port(), null));
            assertEquals(List.of(""), services);
        }
    }

    @Test
    void anErrorStatusIsFailureWithItsMessage() throws IOException {
        try (TestServer server = server(0, 5, "unknown%20service")) {
            assertEquals(new ProbeResult(false, "error: health rpc probe failed: rpc error: code = NotFound desc = unknown service"),
                    probe(server.port(), "nope"));
        }
        try (TestServer server = server(0, 12, "")) {
            assertTrue(probe(server.port(), null).message().startsWith("error: this server does not implement the grpc health protocol"));
        }
    }

    @Test
    void aClosedPortIsRefused() throws IOException {
        int port = NetnsProberTest.closedPort();
        assertEquals(new ProbeResult(false, "error: failed to connect service at \"127.0.0.1:" + port + "\": dial tcp 127.0.0.1:" + port
                + ": connect: connection refused"), probe(port, null));
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws IOException {
        try (TestServer server = new TestServer(s -> s.getInputStream().readAllBytes())) {
            ProbeResult r = prober.check(null, ProbeAction.grpc(new ProbeAction.Grpc(server.port(), null)), List.of(), null,
                    Duration.ofMillis(300));
            assertEquals(new ProbeResult(false, "timeout: health rpc did not complete within 300ms"), r);
        }
    }

    @Test
    void anHttp1ServerIsNoGrpcServer() throws IOException {
        try (TestServer server = TestServer.http(p -> "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n")) {
            ProbeResult r = probe(server.port(), null);
            assertEquals(false, r.success());
            assertTrue(r.message().startsWith("error: health rpc probe failed: rpc error: code = Unavailable"), r.message());
        }
    }
}
