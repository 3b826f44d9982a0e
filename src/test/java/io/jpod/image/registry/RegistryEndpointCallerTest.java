package io.jpod.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jpod.error.HostException;
import io.jpod.error.AuthenticationException;
import io.jpod.error.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The caller against a scripted registry on the loopback (plain HTTP, known, so nothing is pinged). */
class RegistryEndpointCallerTest {
    private static final String BASIC = new Credentials("user", "pw").basicHeader();

    /** Answers one request: status, headers, body. */
    interface Script {
        void answer(HttpExchange x) throws IOException;
    }

    HttpServer server;
    volatile Script script;
    /** Every request: "METHOD path Authorization". */
    final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            try (x) {
                x.getRequestBody().readAllBytes();
                requests.add(x.getRequestMethod() + " " + x.getRequestURI().getPath() + " "
                        + x.getRequestHeaders().getFirst("Authorization"));
                script.answer(x);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    RegistryEndpointCaller caller(Credentials credentials) {
        return caller(host(), credentials);
    }

    static RegistryEndpointCaller caller(String registry, Credentials credentials) {
        RegistryErrors errors = new RegistryErrors(registry, registry, registry + "/r:1", credentials);
        RegistryTransport transport = new RegistryTransport(false);
        Map<String, String> schemes = new ConcurrentHashMap<>(Map.of(registry, "http"));
        RegistryPing ping = new RegistryPing(registry, false, transport, errors, schemes);
        return new RegistryEndpointCaller(ping, transport, new Authenticator(credentials, new FetchToken(transport, errors)), errors);
    }

    static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(b);
            }
        }
    }

    /** A bearer registry: its token service wants user:pw and gives {@code token}; the registry takes {@code accepted}. */
    Script bearer(String token, String accepted) {
        return x -> {
            String auth = x.getRequestHeaders().getFirst("Authorization");
            if (x.getRequestURI().getPath().equals("/token")) {
                if (BASIC.equals(auth)) {
                    send(x, 200, "{\"token\":\"" + token + "\"}");
                } else {
                    send(x, 401, "{}");
                }
            } else if (("Bearer " + accepted).equals(auth)) {
                send(x, 200, "{\"schemaVersion\":2}");
            } else {
                x.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + host() + "/token\",service=\"test\"");
                send(x, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
            }
        };
    }

    PullManifest manifest() {
        return new PullManifest(host(), "r", "1", RegistryClient.MANIFEST_TYPES);
    }

    @Test
    void a401IsAnsweredWithATokenOnceAndTheTokenIsKeptForTheScope() {
        script = bearer("t1", "t1");
        RegistryEndpointCaller caller = caller(new Credentials("user", "pw"));
        assertEquals("{\"schemaVersion\":2}", new String(caller.call(manifest()).body(), StandardCharsets.UTF_8));
        assertEquals(List.of("GET /v2/r/manifests/1 null", "GET /token " + BASIC, "GET /v2/r/manifests/1 Bearer t1"), requests);
        requests.clear();
        caller.call(manifest());
        assertEquals(List.of("GET /v2/r/manifests/1 Bearer t1"), requests, "the scope's token is sent at once");
    }

    @Test
    void aRefusedTokenIsNotTriedAgain() {
        script = bearer("t1", "other");
        ImageException e = assertThrows(ImageException.class, () -> caller(new Credentials("user", "pw")).call(manifest()));
        assertEquals("reading manifest 1 in " + host() + "/r: authentication required (the credentials were refused)", e.getMessage());
        assertEquals(1, requests.stream().filter(r -> r.startsWith("GET /token")).count());
        assertEquals(2, requests.stream().filter(r -> r.startsWith("GET /v2/")).count());
    }

    @Test
    void anonymousAccessRefusedByTheTokenServiceSaysToLogIn() {
        script = bearer("t1", "t1");
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> caller(null).call(manifest()));
        assertEquals("authenticating to " + host() + ": the token service refused anonymous access", e.getMessage());
        assertTrue(e.anonymous());
        assertEquals(host(), e.registry());
    }

    @Test
    void basicChallengesAreAnsweredWithTheCredentials() {
        script = x -> {
            if (BASIC.equals(x.getRequestHeaders().getFirst("Authorization"))) {
                x.sendResponseHeaders(200, -1);
            } else {
                x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"r\"");
                send(x, 401, "");
            }
        };
        assertTrue(caller(new Credentials("user", "pw")).call(new CheckBlob(host(), "r", "sha256:a")));
        assertEquals(List.of("HEAD /v2/r/blobs/sha256:a null", "HEAD /v2/r/blobs/sha256:a " + BASIC), requests);
        requests.clear();
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> caller(null).call(new CheckBlob(host(), "r", "sha256:a")));
        assertEquals("checking blob sha256:a in " + host() + "/r: authentication required", e.getMessage());
        assertTrue(e.anonymous());
        assertEquals(host(), e.registry());
        assertEquals(1, requests.size(), "without credentials a basic challenge is not answered");
    }

    @Test
    void answersTheEndpointDoesNotTakeAreMappedAlike() {
        script = x -> send(x, 403, "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"not yours\"}]}");
        ImageException denied = assertThrows(ImageException.class, () -> caller(null).call(manifest()));
        assertEquals("reading manifest 1 in " + host() + "/r: access denied (denied: not yours; do your credentials for " + host()
                + " allow it?)", denied.getMessage());
        assertEquals(host() + "/r:1", denied.image());
        ImageException streamed = assertThrows(ImageException.class, () -> caller(null).call(new PullBlob(host(), "r", "sha256:b")));
        assertTrue(streamed.getMessage().contains("(denied: not yours;"), "a streamed error body is read: " + streamed.getMessage());

        script = x -> send(x, 400, "{\"errors\":[{\"code\":\"DIGEST_INVALID\",\"message\":\"digest mismatch\"}]}");
        ImageException invalid = assertThrows(ImageException.class, () -> caller(null).call(new PushManifest(host(), "r", "1", "x", new byte[1])));
        assertEquals("writing manifest to " + host() + "/r:1: HTTP 400 digest invalid: digest mismatch", invalid.getMessage());
    }

    @Test
    void anEndpointTakesItsOwnAnswers() {
        script = x -> send(x, 404, "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"blob unknown\"}]}");
        assertFalse(caller(null).call(new CheckBlob(host(), "r", "sha256:a")), "404: the blob is absent");
        ImageException unknown = assertThrows(ImageException.class, () -> caller(null).call(manifest()));
        assertEquals("reading manifest 1 in " + host() + "/r: manifest unknown (no such tag or digest in the registry)", unknown.getMessage());
    }

    @Test
    void serverErrorsAreTriedThreeTimes() {
        script = x -> send(x, 503, "");
        ImageException e = assertThrows(ImageException.class, () -> caller(null).call(manifest()));
        assertEquals("reading manifest 1 in " + host() + "/r: HTTP 503 ", e.getMessage());
        assertEquals(3, requests.size());
    }

    @Test
    void redirectsKeepTheAuthorizationToTheirHost() throws IOException {
        HttpServer storage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        storage.createContext("/", x -> {
            try (x) {
                requests.add("storage " + x.getRequestURI().getPath() + " " + x.getRequestHeaders().getFirst("Authorization"));
                send(x, 200, "blob");
            }
        });
        storage.start();
        try {
            script = x -> {
                if (!BASIC.equals(x.getRequestHeaders().getFirst("Authorization"))) {
                    x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"r\"");
                    send(x, 401, "");
                } else if (x.getRequestURI().getPath().startsWith("/v2/")) {
                    x.getResponseHeaders().add("Location", "/here/b");
                    send(x, 307, "");
                } else {
                    x.getResponseHeaders().add("Location", "http://127.0.0.1:" + storage.getAddress().getPort() + "/there/b");
                    send(x, 302, "");
                }
            };
            try (InputStream in = caller(new Credentials("user", "pw")).call(new PullBlob(host(), "r", "sha256:b"))) {
                assertEquals("blob", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            assertEquals(List.of("GET /v2/r/blobs/sha256:b null", "GET /v2/r/blobs/sha256:b " + BASIC, "GET /here/b " + BASIC,
                    "storage /there/b null"), requests);
        } finally {
            storage.stop(0);
        }
    }

    @Test
    void aMountRefusedWithAnOpenedUploadCancelsIt() {
        script = x -> {
            if (x.getRequestMethod().equals("POST")) {
                x.getResponseHeaders().add("Location", "/v2/r/blobs/uploads/u1");
                send(x, 202, "");
            } else {
                send(x, 204, "");
            }
        };
        RegistryClient client = new RegistryClient(host(), host() + "/r:1", false, null, new ConcurrentHashMap<>(Map.of(host(), "http")));
        assertFalse(client.mount("r", "sha256:a", "other"));
        assertEquals(List.of("POST /v2/r/blobs/uploads/ null", "DELETE /v2/r/blobs/uploads/u1 null"), requests);
    }

    @Test
    void anUnreachableRegistryIsAHostProblem() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        String gone = "127.0.0.1:" + port;
        HostException e = assertThrows(HostException.class, () -> caller(gone, null).call(new CheckBlob(gone, "r", "sha256:a")));
        assertEquals("pinging container registry " + gone + ": connection refused", e.getMessage());
        assertEquals("is the registry running and reachable at " + gone + "?", e.hint());
    }
}
