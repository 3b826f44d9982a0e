package io.jpod.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A real registry for the tests: Debian's docker-registry (distribution 2.8) on 127.0.0.1 (a free
 * port), plain HTTP, storage in a temporary directory, started as root; optionally with htpasswd
 * basic authentication (a user made by Debian's {@code htpasswd -Bbn}). Its log, at level info,
 * lists every request ({@link #log}).
 */
final class LocalRegistry implements AutoCloseable {
    private static final Path REGISTRY = Path.of("/usr/bin/docker-registry");
    private static final Path HTPASSWD = Path.of("/usr/bin/htpasswd");
    private static final Duration SOON = Duration.ofSeconds(30);
    private final Process process;
    private final Path dir;
    private final String host;
    private final String basic;
    private final HttpClient http = HttpClient.newHttpClient();

    private LocalRegistry(Process process, Path dir, String host, String basic) {
        this.process = process;
        this.dir = dir;
        this.host = host;
        this.basic = basic;
    }

    /** Starts a registry without authentication. */
    static LocalRegistry start() throws IOException {
        return start(null, null);
    }

    /** Starts a registry that wants {@code user}/{@code password} by basic authentication (none when user is null). */
    static LocalRegistry start(String user, String password) throws IOException {
        if (!Files.isExecutable(REGISTRY)) {
            fail(REGISTRY + " is missing: install the docker-registry package (scripts/host-packages.txt)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String host = "127.0.0.1:" + port;
        Path dir = Files.createTempDirectory("jpod-e2e-registry");
        Files.createDirectories(dir.resolve("data"));
        List<String> config = new ArrayList<>(List.of(
                "version: 0.1",
                "log:",
                "  level: info",
                "  accesslog:",
                "    disabled: true",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + dir.resolve("data"),
                "  delete:",
                "    enabled: true",
                "http:",
                "  addr: " + host));
        String basic = null;
        if (user != null) {
            if (!Files.isExecutable(HTPASSWD)) {
                fail(HTPASSWD + " is missing: install the apache2-utils package (scripts/host-packages.txt)");
            }
            Result line = Harness.rootOk(HTPASSWD.toString(), "-Bbn", user, password);
            Files.writeString(dir.resolve("htpasswd"), line.out().strip() + "\n");
            config.addAll(List.of("auth:", "  htpasswd:", "    realm: jpod-test", "    path: " + dir.resolve("htpasswd")));
            basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(dir.resolve("config.yml"), String.join("\n", config) + "\n");
        Process p = new ProcessBuilder(REGISTRY.toString(), "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        LocalRegistry r = new LocalRegistry(p, dir, host, basic);
        Harness.waitFor("docker-registry to answer on " + host, SOON, () -> {
            try {
                int s = r.send(HttpRequest.newBuilder(r.uri("/v2/"))).statusCode();
                return s == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return r;
    }

    String host() {
        return host;
    }

    URI uri(String path) {
        return URI.create("http://" + host + path);
    }

    /** Sends a request as the registry's user (when it has one). */
    HttpResponse<byte[]> send(HttpRequest.Builder b) throws IOException {
        if (basic != null) {
            b.header("Authorization", basic);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** GET of {@code path}, which must answer 200; its body. */
    byte[] get(String path, String accept) throws IOException {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET());
        if (r.statusCode() != 200) {
            fail("GET " + path + ": HTTP " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return r.body();
    }

    /** Uploads {@code data} as a blob of {@code repository}; its digest. */
    String putBlob(String repository, byte[] data) throws IOException {
        String digest = sha256(data);
        HttpResponse<byte[]> started = send(HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        String location = started.headers().firstValue("Location").orElseThrow();
        URI put = URI.create(uri("/").resolve(location) + (location.contains("?") ? "&" : "?") + "digest=" + digest);
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(put).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)));
        if (r.statusCode() != 201) {
            fail("uploading a blob: HTTP " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return digest;
    }

    /** Stores manifest {@code body} of {@code type} as {@code repository:reference}; its digest. */
    String putManifest(String repository, String reference, String type, byte[] body) throws IOException {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + reference))
                .header("Content-Type", type).PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
        if (r.statusCode() != 201) {
            fail("putting manifest " + repository + ":" + reference + ": HTTP " + r.statusCode() + " "
                    + new String(r.body(), StandardCharsets.UTF_8));
        }
        return sha256(body);
    }

    static String sha256(byte[] data) {
        try {
            return "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The registry's log so far. */
    String log() throws IOException {
        return Files.readString(dir.resolve("registry.log"));
    }

    /** How many requests of {@code method} to a path containing {@code part} the log lists so far. */
    long requests(String method, String part) throws IOException {
        return log().lines().filter(l -> l.contains("http.request.method=" + method) && l.contains("response completed")
                && l.contains(part)).count();
    }

    /** A test class's clean-up: the harness's, then the registry's (either may be null when set-up failed). */
    static void closeAfter(Harness h, LocalRegistry registry) {
        try {
            if (h != null) {
                h.cleanUp();
            }
        } finally {
            if (registry != null) {
                registry.close();
            }
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Harness.root("rm", "-rf", dir.toString());
    }
}
