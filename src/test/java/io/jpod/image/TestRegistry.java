package io.jpod.image;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small in-memory registry of the distribution API on 127.0.0.1 (plain HTTP), for tests: blobs
 * (GET answered by a redirect to {@code /storage/}), monolithic and chunked uploads, manifests by tag and
 * digest; optionally bearer-token authentication whose token service wants {@code user:pw}.
 */
final class TestRegistry implements AutoCloseable {
    private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/(sha256:[0-9a-f]{64})");
    private static final Pattern UPLOAD = Pattern.compile("/v2/(.+)/blobs/uploads/([^/]*)");
    private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");

    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    final Map<String, String[]> manifests = new ConcurrentHashMap<>();
    /** Every request: "METHOD path". */
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final boolean auth;
    /** Basic authentication (user:pw) instead of bearer tokens. */
    private boolean basic;
    private final java.net.ServerSocket front;
    /** Chunks received so far, by upload session. */
    private final Map<String, java.io.ByteArrayOutputStream> uploads = new ConcurrentHashMap<>();
    /** PATCH answers 405, as a registry that takes no chunked uploads. */
    volatile boolean refuseChunks;
    /** How many more requests for /storage/ answer 503. */
    final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();

    TestRegistry(boolean auth) throws IOException {
        this.auth = auth;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        front = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
        Thread t = new Thread(this::acceptLoop, "test-registry-front");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Connections go through this front: one that starts with a TLS handshake record (the HTTPS
     * attempt before plain HTTP) is closed at once, as a plain-HTTP registry answers it; the others
     * are piped to the HTTP server.
     */
    private void acceptLoop() {
        while (!front.isClosed()) {
            try {
                java.net.Socket client = front.accept();
                Thread t = new Thread(() -> pipe(client), "test-registry-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pipe(java.net.Socket client) {
        try (client; java.net.Socket backend = new java.net.Socket("127.0.0.1", server.getAddress().getPort())) {
            java.io.InputStream in = client.getInputStream();
            int first = in.read();
            if (first < 0 || first == 0x16) {
                return;
            }
            backend.getOutputStream().write(first);
            Thread up = new Thread(() -> {
                try {
                    in.transferTo(backend.getOutputStream());
                    backend.shutdownOutput();
                } catch (IOException e) {
                    // connection ended
                }
            });
            up.setDaemon(true);
            up.start();
            backend.getInputStream().transferTo(client.getOutputStream());
        } catch (IOException e) {
            // connection ended
        }
    }

    TestRegistry basic() {
        this.basic = true;
        return this;
    }

    String host() {
        return "127.0.0.1:" + front.getLocalPort();
    }

    long count(String prefix) {
        return requests.stream().filter(r -> r.startsWith(prefix)).count();
    }

    void putManifest(String repo, String ref, String type, byte[] body) {
        manifests.put(repo + ":" + ref, new String[] {type, new String(body, StandardCharsets.UTF_8)});
        manifests.put(repo + ":" + Digests.digestOf(body), new String[] {type, new String(body, StandardCharsets.UTF_8)});
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            String method = x.getRequestMethod();
            requests.add(method + " " + path);
            byte[] body = x.getRequestBody().readAllBytes();
            if (path.equals("/token")) {
                String basic = "Basic " + Base64.getEncoder().encodeToString("user:pw".getBytes(StandardCharsets.UTF_8));
                if (!basic.equals(x.getRequestHeaders().getFirst("Authorization"))) {
                    send(x, 401, "{}");
                    return;
                }
                send(x, 200, "{\"token\":\"good\"}");
                return;
            }
            if (path.startsWith("/storage/") && failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                send(x, 503, "{}");
                return;
            }
            if (path.startsWith("/storage/")) {
                byte[] b = blobs.get(path.substring("/storage/".length()));
                send(x, b == null ? 404 : 200, b == null ? new byte[0] : b, "application/octet-stream");
                return;
            }
            String basicAuth = "Basic " + Base64.getEncoder().encodeToString("user:pw".getBytes(StandardCharsets.UTF_8));
            if (auth && basic && !basicAuth.equals(x.getRequestHeaders().getFirst("Authorization"))) {
                x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"Registry Realm\"");
                send(x, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
                return;
            }
            if (auth && !basic && !"Bearer good".equals(x.getRequestHeaders().getFirst("Authorization"))) {
                x.getResponseHeaders().add("WWW-Authenticate",
                        "Bearer realm=\"http://" + host() + "/token\",service=\"test\",scope=\"repository:any:pull\"");
                send(x, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
                return;
            }
            if (path.equals("/v2/")) {
                send(x, 200, "{}");
                return;
            }
            Matcher m;
            if ((m = UPLOAD.matcher(path)).matches()) {
                if (method.equals("POST")) {
                    x.getResponseHeaders().add("Location", "/v2/" + m.group(1) + "/blobs/uploads/" + UUID.randomUUID() + "?_state=x");
                    send(x, 202, "");
                    return;
                }
                String session = m.group(2);
                if (method.equals("PATCH")) {
                    if (refuseChunks) {
                        send(x, 405, "{\"errors\":[{\"code\":\"UNSUPPORTED\",\"message\":\"no chunks\"}]}");
                        return;
                    }
                    java.io.ByteArrayOutputStream sofar = uploads.computeIfAbsent(session, k -> new java.io.ByteArrayOutputStream());
                    String range = x.getRequestHeaders().getFirst("Content-Range");
                    if (range == null || !range.equals(sofar.size() + "-" + (sofar.size() + body.length - 1))) {
                        send(x, 416, "{\"errors\":[{\"code\":\"BLOB_UPLOAD_INVALID\",\"message\":\"range " + range + "\"}]}");
                        return;
                    }
                    sofar.write(body);
                    x.getResponseHeaders().add("Location", "/v2/" + m.group(1) + "/blobs/uploads/" + session + "?_state=y" + sofar.size());
                    x.getResponseHeaders().add("Range", "0-" + (sofar.size() - 1));
                    send(x, 202, "");
                    return;
                }
                if (method.equals("DELETE")) {
                    uploads.remove(session);
                    send(x, 204, "");
                    return;
                }
                java.io.ByteArrayOutputStream sofar = uploads.remove(session);
                if (sofar != null) {
                    sofar.write(body);
                    body = sofar.toByteArray();
                }
                String digest = URLDecoder.decode(x.getRequestURI().getRawQuery().replaceFirst(".*digest=", ""), StandardCharsets.UTF_8);
                if (!Digests.digestOf(body).equals(digest)) {
                    send(x, 400, "{\"errors\":[{\"code\":\"DIGEST_INVALID\",\"message\":\"digest mismatch\"}]}");
                    return;
                }
                blobs.put(digest, body);
                send(x, 201, "");
                return;
            }
            if ((m = BLOB.matcher(path)).matches()) {
                byte[] b = blobs.get(m.group(2));
                if (b == null) {
                    send(x, 404, "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"blob unknown\"}]}");
                } else if (method.equals("HEAD")) {
                    x.sendResponseHeaders(200, -1);
                } else {
                    x.getResponseHeaders().add("Location", "/storage/" + m.group(2));
                    send(x, 307, "");
                }
                return;
            }
            if ((m = MANIFEST.matcher(path)).matches()) {
                if (method.equals("PUT")) {
                    putManifest(m.group(1), m.group(2), x.getRequestHeaders().getFirst("Content-Type"), body);
                    x.getResponseHeaders().add("Docker-Content-Digest", Digests.digestOf(body));
                    send(x, 201, "");
                    return;
                }
                String[] found = manifests.get(m.group(1) + ":" + m.group(2));
                if (found == null) {
                    send(x, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}");
                    return;
                }
                send(x, 200, found[1].getBytes(StandardCharsets.UTF_8), found[0]);
                return;
            }
            send(x, 404, "{}");
        }
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        send(x, status, body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    private static void send(HttpExchange x, int status, byte[] body, String type) throws IOException {
        x.getResponseHeaders().add("Content-Type", type);
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        try {
            front.close();
        } catch (IOException e) {
            // closing anyway
        }
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
