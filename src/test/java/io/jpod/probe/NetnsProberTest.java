package io.jpod.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.pod.ContainerPort;
import io.jpod.pod.ProbeAction;
import io.jpod.pod.ProbeAction.PortRef;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The probes against servers on 127.0.0.1, without entering a namespace (netns null), and once
 * through setns into the JVM's own namespace where the runtime can (Java 22+, as root).
 */
class NetnsProberTest {
    private static final Duration SECOND = Duration.ofSeconds(1);
    private final NetnsProber prober = new NetnsProber();

    @AfterEach
    void close() {
        prober.close();
    }

    private static ProbeAction get(String path, int port, ProbeAction.Header... headers) {
        return ProbeAction.httpGet(new ProbeAction.HttpGet(null, null, path, PortRef.of(port), List.of(headers)));
    }

    private static String status(int code, String extra) {
        return "HTTP/1.1 " + code + " X\r\nContent-Length: 2\r\n" + extra + "\r\nok";
    }

    private ProbeResult check(ProbeAction action) {
        return prober.check(null, action, List.of(), null, SECOND);
    }

    @Test
    void http200IsSuccessAndTheKubeletsHeadersAreSent() throws IOException {
        try (TestServer server = TestServer.http(p -> status(200, ""))) {
            ProbeResult r = check(get("/healthz?x=1", server.port(), new ProbeAction.Header("X-Custom", "yes")));
            assertEquals(new ProbeResult(true, "HTTP probe succeeded with statuscode: 200"), r);
            String head = server.requests.get(0);
            assertTrue(head.startsWith("GET /healthz?x=1 HTTP/1.1\r\n"), head);
            assertTrue(head.contains("\r\nHost: 127.0.0.1:" + server.port() + "\r\n"), head);
            assertTrue(head.contains("\r\nUser-Agent: kube-probe/1."), head);
            assertTrue(head.contains("\r\nAccept: */*\r\n"), head);
            assertTrue(head.contains("\r\nX-Custom: yes\r\n"), head);
        }
    }

    @Test
    void theProbesHeadersReplaceTheDefaults() throws IOException {
        try (TestServer server = TestServer.http(p -> status(200, ""))) {
            check(get("/", server.port(), new ProbeAction.Header("User-Agent", "mine"), new ProbeAction.Header("Host", "example.org")));
            String head = server.requests.get(0);
            assertTrue(head.contains("\r\nUser-Agent: mine\r\n") && !head.contains("kube-probe"), head);
            assertTrue(head.contains("\r\nHost: example.org\r\n"), head);
        }
    }

    @Test
    void http500IsFailure() throws IOException {
        try (TestServer server = TestServer.http(p -> status(500, ""))) {
            assertEquals(new ProbeResult(false, "HTTP probe failed with statuscode: 500"), check(get("/", server.port())));
        }
    }

    @Test
    void redirectsAreFollowedOnTheSameHostOnly() throws IOException {
        try (TestServer server = TestServer.http(p -> switch (p) {
            case "/ok" -> status(200, "");
            case "/to-ok" -> status(302, "Location: /ok\r\n");
            case "/to-bad" -> status(301, "Location: /bad\r\n");
            case "/elsewhere" -> status(302, "Location: http://192.0.2.1:1/\r\n");
            case "/loop" -> status(302, "Location: /loop\r\n");
            default -> status(500, "");
        })) {
            assertEquals(new ProbeResult(true, "HTTP probe succeeded with statuscode: 200"), check(get("/to-ok", server.port())));
            assertEquals(new ProbeResult(false, "HTTP probe failed with statuscode: 500"), check(get("/to-bad", server.port())));
            ProbeResult elsewhere = check(get("/elsewhere", server.port()));
            assertTrue(elsewhere.success(), elsewhere.toString());
            assertEquals("Probe terminated redirects, statuscode: 302", elsewhere.message());
            server.requests.clear();
            ProbeResult loop = check(get("/loop", server.port()));
            assertFalse(loop.success());
            assertTrue(loop.message().endsWith("stopped after 10 redirects"), loop.message());
            assertEquals(10, server.requests.size());
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws IOException {
        try (TestServer server = new TestServer(s -> s.getInputStream().readAllBytes())) {
            long start = System.nanoTime();
            ProbeResult r = prober.check(null, get("/", server.port()), List.of(), null, Duration.ofMillis(300));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(new ProbeResult(false, "Get \"http://127.0.0.1:" + server.port()
                    + "/\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"), r);
            assertTrue(ms >= 290 && ms < 1500, ms + " ms");
        }
    }

    @Test
    void aClosedPortIsRefused() throws IOException {
        int port = closedPort();
        assertEquals(new ProbeResult(false, "Get \"http://127.0.0.1:" + port + "/\": dial tcp 127.0.0.1:" + port
                + ": connect: connection refused"), check(get("/", port)));
        assertEquals(new ProbeResult(false, "dial tcp 127.0.0.1:" + port + ": connect: connection refused"),
                check(ProbeAction.tcpSocket(new ProbeAction.TcpSocket(null, PortRef.of(port)))));
    }

    @Test
    void anOpenPortIsTcpSuccessAndTheHostIsThePodIp() throws IOException {
        try (TestServer server = new TestServer(s -> { })) {
            ProbeResult r = prober.check(null, ProbeAction.tcpSocket(new ProbeAction.TcpSocket(null, PortRef.of(server.port()))), List.of(),
                    "127.0.0.1", SECOND);
            assertEquals(new ProbeResult(true, "tcp connection to 127.0.0.1:" + server.port() + " opened"), r);
        }
    }

    @Test
    void namedPortsAreResolvedThroughTheContainersPorts() throws IOException {
        try (TestServer server = TestServer.http(p -> status(204, ""))) {
            List<ContainerPort> ports = List.of(new ContainerPort("metrics", 1, 0, null, null),
                    new ContainerPort("http", server.port(), 0, null, null));
            ProbeAction named = ProbeAction.httpGet(new ProbeAction.HttpGet("HTTP", "127.0.0.1", "/", PortRef.named("http"), null));
            assertTrue(prober.check(null, named, ports, null, SECOND).success());
            ProbeAction missing = ProbeAction.tcpSocket(new ProbeAction.TcpSocket(null, PortRef.named("nope")));
            assertEquals(new ProbeResult(false, "unknown port: \"nope\""), prober.check(null, missing, ports, null, SECOND));
        }
    }

    @Test
    void httpsSkipsCertificateVerification() throws Exception {
        // self-signed.p12: keytool -genkeypair -storetype PKCS12 -storepass secret -keyalg EC -dname CN=localhost -validity 36500
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = getClass().getResourceAsStream("self-signed.p12")) {
            keys.load(in, "secret".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "secret".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        ServerSocket socket = tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        TestServer[] self = new TestServer[1];
        self[0] = new TestServer(socket, s -> {
            self[0].requests.add(TestServer.readHead(s.getInputStream()));
            s.getOutputStream().write(status(200, "").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        });
        try (TestServer server = self[0]) {
            ProbeAction https = ProbeAction.httpGet(new ProbeAction.HttpGet("HTTPS", null, "/secure", PortRef.of(server.port()), null));
            // a generous timeout: the first TLS handshake of a JVM loads and links the TLS classes, which took over a
            // second on a loaded 2-core machine; what is tested is that the self-signed certificate is accepted
            assertEquals(new ProbeResult(true, "HTTP probe succeeded with statuscode: 200"),
                    prober.check(null, https, List.of(), null, Duration.ofSeconds(30)));
            assertTrue(server.requests.get(0).startsWith("GET /secure HTTP/1.1"));
        }
    }

    @Test
    void theJvmsOwnNamespaceIsNotEntered() throws IOException {
        try (TestServer server = TestServer.http(p -> status(200, ""))) {
            Path self = Path.of("/proc/self/ns/net");
            ProbeResult r = prober.check(self, get("/", server.port()), List.of(), null, SECOND);
            assertEquals(new ProbeResult(true, "HTTP probe succeeded with statuscode: 200"), r, "as any user, on any Java");
        }
    }

    @Test
    void enteringANamespaceNeedsRootAndJava22() {
        try {
            Netns.enter(Path.of("/proc/self/ns/net"));
            assertTrue(Netns.available(), "without the FFM API nothing is entered");
            assertEquals("root", System.getProperty("user.name"), "setns needs CAP_SYS_ADMIN, even into one's own namespace");
        } catch (IOException e) {
            assertTrue(Netns.available() ? e.getMessage().contains("Operation not permitted") : e.getMessage().contains("Java 22 or later"),
                    e.getMessage());
        }
    }

    @Test
    void aMissingNamespaceFailsTheProbe() {
        ProbeResult r = prober.check(Path.of("/proc/999999999/ns/net"), get("/", 80), List.of(), null, SECOND);
        assertFalse(r.success());
        assertTrue(r.message().startsWith("tried to enter the network namespace /proc/999999999/ns/net but failed"), r.message());
    }

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
