package io.jpod.image.registry;

import io.jpod.error.HostException;
import io.jpod.error.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of one registry speaking the OCI distribution API (Docker Registry HTTP API v2) over
 * the JDK's HttpClient: anonymous, basic and bearer-token authentication (from the registry's
 * {@code WWW-Authenticate} challenge), HTTPS (or, with TLS verification off, HTTPS without
 * verification falling back to plain HTTP), redirects followed by hand (credentials are not sent
 * to another host), 3 attempts on connection errors and 5xx answers, blob uploads (monolithic, or
 * in PATCH chunks above the chunk size) and cross-repository mounts. Thread-safe.
 */
public final class RegistryClient {
    /** Manifest media types a pull accepts. */
    public static final List<String> MANIFEST_TYPES = List.of(
            "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.docker.distribution.manifest.list.v2+json");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ATTEMPTS = 3;
    /** The default upload chunk size: blobs up to it go in one request. */
    public static final long DEFAULT_CHUNK = 16L << 20;
    private static final int MAX_REDIRECTS = 5;
    private static final Duration HTTPS_PROBE = Duration.ofSeconds(5);

    private final String registry;
    private final String image;
    private final boolean tlsVerify;
    private final Credentials credentials;
    private final HttpClient http;
    /** Blobs larger than this are uploaded in chunks of this size. */
    private final long chunkSize;
    /** Authorization header per scope, once a challenge was answered. */
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();
    private volatile String scheme;
    /** Schemes learnt by clients of the same operation, by registry. */
    private final Map<String, String> knownSchemes;

    /** An answer whose body was read. */
    public record Fetched(byte[] body, String mediaType, String digest) {
    }

    /**
     * @param registry    host[:port] as in image names ({@code docker.io} is reached at registry-1.docker.io)
     * @param image       the image the operation is about, for messages
     * @param credentials null for anonymous access
     */
    public RegistryClient(String registry, String image, boolean tlsVerify, Credentials credentials) {
        this(registry, image, tlsVerify, credentials, new ConcurrentHashMap<>());
    }

    RegistryClient(String registry, String image, boolean tlsVerify, Credentials credentials, Map<String, String> knownSchemes) {
        this(registry, image, tlsVerify, credentials, knownSchemes, DEFAULT_CHUNK);
    }

    RegistryClient(String registry, String image, boolean tlsVerify, Credentials credentials, Map<String, String> knownSchemes,
            long chunkSize) {
        this.chunkSize = chunkSize;
        this.knownSchemes = knownSchemes;
        this.scheme = knownSchemes.get(registry);
        this.registry = registry;
        this.image = image;
        this.tlsVerify = tlsVerify;
        this.credentials = credentials;
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(30));
        if (!tlsVerify) {
            b.sslContext(trustAll());
        }
        this.http = b.build();
    }

    public String registry() {
        return registry;
    }

    private String host() {
        return registry.equals("docker.io") ? "registry-1.docker.io" : registry;
    }

    /** Checks that the registry answers the v2 API ({@code GET /v2/}), choosing HTTPS or, without TLS verification, HTTP. */
    public void ping() {
        if (scheme != null) {
            return;
        }
        try {
            ping("https");
            scheme = "https";
            knownSchemes.put(registry, scheme);
        } catch (IOException e) {
            if (!causedBy(e, SSLException.class)) {
                if (tlsVerify || isUnknownHost(e)) {
                    throw unreachable(e);
                }
                fallBackToHttp();
                return;
            }
            if (tlsVerify) {
                throw new HostException("pinging container registry " + registry + ": " + reason(e),
                        "if " + registry + " is a plain-HTTP registry, use --tls-verify=false", e);
            }
            fallBackToHttp();
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private void fallBackToHttp() {
        try {
            ping("http");
            scheme = "http";
            knownSchemes.put(registry, scheme);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private void ping(String s) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s + "://" + host() + "/v2/")).GET();
        if (!tlsVerify && s.equals("https")) {
            b.timeout(HTTPS_PROBE); // a plain-HTTP server may wait for a request line forever
        }
        HttpResponse<byte[]> r = attempt(b, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200 && r.statusCode() != 401) {
            throw new ImageException(image, "pinging container registry " + registry + ": " + describe(r.statusCode(), r.body())
                    + " (is it a registry of the v2 API?)");
        }
    }

    private HostException unreachable(IOException e) {
        if (isUnknownHost(e)) {
            return new HostException("pinging container registry " + registry + ": unknown host " + host().replaceFirst(":\\d+$", ""),
                    "check the registry name in " + image, e);
        }
        return new HostException("pinging container registry " + registry + ": " + reason(e),
                "is the registry running and reachable at " + host() + "?", e);
    }

    private static boolean isUnknownHost(Throwable e) {
        return causedBy(e, UnresolvedAddressException.class) || causedBy(e, java.net.UnknownHostException.class);
    }

    private static String reason(Throwable e) {
        if (causedBy(e, ConnectException.class)) {
            return "connection refused";
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        String m = e.getMessage();
        return m == null || m.isEmpty() ? e.getClass().getSimpleName() : m;
    }

    private URI uri(String path) {
        ping();
        return URI.create(scheme + "://" + host() + path);
    }

    /**
     * Checks the credentials against the registry ({@code GET /v2/} answering its challenge, as
     * {@code podman login}); ImageException when they are refused.
     */
    public void checkLogin() {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri("/v2/")).GET(), HttpResponse.BodyHandlers.ofByteArray(), "");
        if (r.statusCode() == 401) {
            throw new ImageException(image, "logging in to " + registry + ": invalid username/password");
        }
        check(r, "logging in to " + registry, r.body());
    }

    /** Fetches manifest {@code reference} (tag or digest) of {@code repository}, accepting {@code accept}. */
    public Fetched manifest(String repository, String reference, List<String> accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + reference))
                .header("Accept", String.join(", ", accept)).GET();
        HttpResponse<byte[]> r = send(b, HttpResponse.BodyHandlers.ofByteArray(), pullScope(repository));
        if (r.statusCode() == 404) {
            throw new ImageException(image, "reading manifest " + reference + " in " + registry + "/" + repository
                    + ": manifest unknown (no such tag or digest in the registry)");
        }
        check(r, "reading manifest " + reference + " in " + registry + "/" + repository, r.body());
        String type = r.headers().firstValue("Content-Type").orElse("").replaceFirst(";.*", "").trim();
        return new Fetched(r.body(), type, r.headers().firstValue("Docker-Content-Digest").orElse(null));
    }

    /** Opens blob {@code digest} of {@code repository}; the caller verifies and closes the stream. */
    public InputStream blob(String repository, String digest) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/" + digest)).GET();
        HttpResponse<InputStream> r = send(b, HttpResponse.BodyHandlers.ofInputStream(), pullScope(repository));
        if (r.statusCode() != 200) {
            byte[] body;
            try (InputStream in = r.body()) {
                body = in.readNBytes(4096);
            } catch (IOException e) {
                body = new byte[0];
            }
            if (r.statusCode() == 404) {
                throw new ImageException(image, "fetching blob " + digest + " from " + registry + "/" + repository + ": blob unknown");
            }
            check(r, "fetching blob " + digest + " from " + registry + "/" + repository, body);
        }
        return r.body();
    }

    /** Reads blob {@code digest} whole (configurations). */
    public byte[] blobBytes(String repository, String digest) {
        try (InputStream in = blob(repository, digest)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ImageException(image, "fetching blob " + digest + " from " + registry + "/" + repository + ": " + reason(e), e);
        }
    }

    /** True when {@code repository} has blob {@code digest} ({@code HEAD}). */
    public boolean hasBlob(String repository, String digest) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/" + digest))
                .method("HEAD", HttpRequest.BodyPublishers.noBody());
        HttpResponse<byte[]> r = send(b, HttpResponse.BodyHandlers.ofByteArray(), pushScope(repository));
        if (r.statusCode() == 404) {
            return false;
        }
        check(r, "checking blob " + digest + " in " + registry + "/" + repository, r.body());
        return true;
    }

    /**
     * Uploads the blob in {@code file}: POST opens an upload, then one PUT with its digest; a blob
     * larger than the chunk size goes in PATCH chunks of that size first (and, if the registry
     * refuses the first chunk, monolithically in a new upload).
     */
    public void upload(String repository, String digest, Path file) {
        String what = "uploading blob " + digest + " to " + registry + "/" + repository;
        long size;
        try {
            size = java.nio.file.Files.size(file);
        } catch (IOException e) {
            throw new ImageException(image, what + ": cannot read " + file + ": " + reason(e), e);
        }
        URI location = startUpload(repository, what);
        if (size > chunkSize) {
            URI rest = uploadChunks(repository, location, file, size, what);
            if (rest != null) {
                finishUpload(repository, rest, digest, HttpRequest.BodyPublishers.noBody(), what);
                return;
            }
            location = startUpload(repository, what);
        }
        try {
            finishUpload(repository, location, digest, HttpRequest.BodyPublishers.ofFile(file), what);
        } catch (java.io.FileNotFoundException e) {
            throw new ImageException(image, what + ": " + file + " is missing", e);
        }
    }

    /** Uploads {@code data} as blob {@code digest}. */
    public void upload(String repository, String digest, byte[] data) {
        String what = "uploading blob " + digest + " to " + registry + "/" + repository;
        finishUpload(repository, startUpload(repository, what), digest, HttpRequest.BodyPublishers.ofByteArray(data), what);
    }

    /**
     * Mounts blob {@code digest} of repository {@code from} into {@code repository} of the same
     * registry ({@code POST ...?mount=&from=}); false when the registry would not (it then opened
     * an upload instead, which is cancelled), so the caller uploads the blob.
     */
    public boolean mount(String repository, String digest, String from) {
        String what = "mounting blob " + digest + " from " + registry + "/" + from + " into " + repository;
        HttpRequest.Builder post = HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/?mount="
                + URLEncoder.encode(digest, StandardCharsets.UTF_8) + "&from=" + URLEncoder.encode(from, StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody());
        HttpResponse<byte[]> r = send(post, HttpResponse.BodyHandlers.ofByteArray(), pushScope(repository) + " " + pullScope(from));
        if (r.statusCode() == 201) {
            return true;
        }
        if (r.statusCode() == 202) {
            r.headers().firstValue("Location").ifPresent(l -> cancelUpload(repository, r.request().uri().resolve(l)));
            return false;
        }
        check(r, what, r.body());
        return false;
    }

    private void cancelUpload(String repository, URI location) {
        try {
            HttpResponse<byte[]> r = send(HttpRequest.newBuilder(location).DELETE(), HttpResponse.BodyHandlers.ofByteArray(), pushScope(repository));
            discard(r);
        } catch (RuntimeException e) {
            // an upload left open expires on the registry
        }
    }

    /** Opens an upload session; its location. */
    private URI startUpload(String repository, String what) {
        HttpRequest.Builder post = HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody());
        HttpResponse<byte[]> started = send(post, HttpResponse.BodyHandlers.ofByteArray(), pushScope(repository));
        check(started, what, started.body());
        return location(started, what);
    }

    private URI location(HttpResponse<?> r, String what) {
        String location = r.headers().firstValue("Location")
                .orElseThrow(() -> new ImageException(image, what + ": the registry gave no upload location"));
        return r.request().uri().resolve(location);
    }

    /**
     * Sends {@code file} in PATCH chunks to the upload at {@code location}; the location to finish
     * the upload at, or null when the registry refused the first chunk (it does not take chunks).
     */
    private URI uploadChunks(String repository, URI location, Path file, long size, String what) {
        byte[] buf = new byte[(int) Math.min(chunkSize, size)];
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            for (long offset = 0; offset < size; ) {
                int n = in.readNBytes(buf, 0, (int) Math.min(buf.length, size - offset));
                if (n <= 0) {
                    throw new ImageException(image, what + ": " + file + " became shorter while it was read");
                }
                HttpRequest.Builder patch = HttpRequest.newBuilder(location).header("Content-Type", "application/octet-stream")
                        .header("Content-Range", offset + "-" + (offset + n - 1))
                        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(buf, 0, n));
                HttpResponse<byte[]> r = send(patch, HttpResponse.BodyHandlers.ofByteArray(), pushScope(repository));
                if (offset == 0 && r.statusCode() != 202 && r.statusCode() != 401 && r.statusCode() != 403 && r.statusCode() < 500) {
                    cancelUpload(repository, location);
                    return null;
                }
                if (r.statusCode() != 202) {
                    check(r, what + " (chunk at byte " + offset + ")", r.body());
                }
                location = location(r, what);
                offset += n;
            }
        } catch (IOException e) {
            throw new ImageException(image, what + ": cannot read " + file + ": " + reason(e), e);
        }
        return location;
    }

    /** Closes the upload at {@code location} with a PUT naming its digest (and carrying {@code body}, maybe empty). */
    private void finishUpload(String repository, URI location, String digest, HttpRequest.BodyPublisher body, String what) {
        String sep = location.getRawQuery() == null ? "?" : "&";
        URI put = URI.create(location + sep + "digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(put).header("Content-Type", "application/octet-stream").PUT(body);
        HttpResponse<byte[]> r = send(b, HttpResponse.BodyHandlers.ofByteArray(), pushScope(repository));
        check(r, what, r.body());
    }

    /** Stores manifest {@code body} as {@code reference} (tag or digest) of {@code repository}; returns the registry's digest for it. */
    public Optional<String> putManifest(String repository, String reference, String mediaType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + reference))
                .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<byte[]> r = send(b, HttpResponse.BodyHandlers.ofByteArray(), pushScope(repository));
        check(r, "writing manifest to " + registry + "/" + repository + ":" + reference, r.body());
        return r.headers().firstValue("Docker-Content-Digest");
    }

    private static String pullScope(String repository) {
        return "repository:" + repository + ":pull";
    }

    private static String pushScope(String repository) {
        return "repository:" + repository + ":pull,push";
    }

    private void check(HttpResponse<?> r, String what, byte[] body) {
        int s = r.statusCode();
        if (s >= 200 && s < 300) {
            return;
        }
        if (s == 401) {
            throw new ImageException(image, what + ": authentication required ("
                    + (credentials == null ? "log in with: jpod login " + registry : "the credentials were refused") + ")");
        }
        if (s == 403) {
            throw new ImageException(image, what + ": access denied (" + registryError(body, "forbidden")
                    + "; do your credentials for " + registry + " allow it?)");
        }
        throw new ImageException(image, what + ": " + describe(s, body));
    }

    private static String describe(int status, byte[] body) {
        return "HTTP " + status + " " + registryError(body, "");
    }

    /** The first message of a registry's {@code {"errors":[{"code","message"}]}} body. */
    static String registryError(byte[] body, String otherwise) {
        try {
            JsonNode e = JSON.readTree(body).path("errors").path(0);
            String code = e.path("code").asString("");
            String message = e.path("message").asString("");
            if (!code.isEmpty() || !message.isEmpty()) {
                return (code.toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + message).replaceFirst("^: ", "");
            }
        } catch (RuntimeException e) {
            // not JSON
        }
        return otherwise;
    }

    /**
     * Sends with the authorization known for {@code scope}; on 401 answers the challenge (fetching
     * a bearer token, or using basic credentials) and sends once more. Follows redirects.
     */
    private <T> HttpResponse<T> send(HttpRequest.Builder b, HttpResponse.BodyHandler<T> handler, String scope) {
        String auth = authorizations.get(scope);
        HttpResponse<T> r = follow(b, handler, auth);
        if (r.statusCode() != 401) {
            return r;
        }
        List<Challenge> challenges = Challenge.parse(r.headers().firstValue("WWW-Authenticate").orElse(null));
        discard(r);
        String answer = answer(challenges, scope);
        if (answer == null || answer.equals(auth)) {
            return r;
        }
        authorizations.put(scope, answer);
        return follow(b, handler, answer);
    }

    private static void discard(HttpResponse<?> r) {
        if (r.body() instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }

    /** The Authorization header value answering {@code challenges}, or null when none can be answered. */
    private String answer(List<Challenge> challenges, String scope) {
        for (Challenge c : challenges) {
            if (c.scheme().equals("bearer") && c.param("realm") != null) {
                return "Bearer " + token(c, scope);
            }
        }
        for (Challenge c : challenges) {
            if (c.scheme().equals("basic") && credentials != null) {
                return credentials.basicHeader();
            }
        }
        return null;
    }

    /** Fetches a bearer token from the challenge's realm. */
    private String token(Challenge c, String scope) {
        URI realm = tokenUri(c, scope);
        HttpRequest.Builder b = HttpRequest.newBuilder(realm).GET();
        if (credentials != null) {
            b.header("Authorization", credentials.basicHeader());
        }
        HttpResponse<byte[]> r;
        try {
            r = withRetries(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new HostException("fetching an authentication token from " + realm.getHost() + " for " + registry + ": " + reason(e),
                    "is the token service reachable?", e);
        }
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new ImageException(image, "authenticating to " + registry + ": the token service refused "
                    + (credentials == null ? "anonymous access (log in with: jpod login " + registry + ")" : "the credentials"));
        }
        check(r, "fetching an authentication token for " + registry, r.body());
        JsonNode n = JSON.readTree(r.body());
        String token = n.path("token").asString("");
        if (token.isEmpty()) {
            token = n.path("access_token").asString("");
        }
        if (token.isEmpty()) {
            throw new ImageException(image, "authenticating to " + registry + ": the token service answered no token");
        }
        return token;
    }

    /** The token request for a bearer challenge: {@code realm?service=...&scope=...}, one scope parameter per scope. */
    static URI tokenUri(Challenge c, String scope) {
        StringBuilder q = new StringBuilder();
        if (c.param("service") != null) {
            q.append("service=").append(URLEncoder.encode(c.param("service"), StandardCharsets.UTF_8));
        }
        String s = c.param("scope") != null ? c.param("scope") : scope;
        for (String one : s == null ? new String[0] : s.trim().split(" +")) {
            if (!one.isEmpty()) {
                q.append(q.length() > 0 ? "&" : "").append("scope=").append(URLEncoder.encode(one, StandardCharsets.UTF_8));
            }
        }
        String realm = c.param("realm");
        return URI.create(q.length() == 0 ? realm : realm + (realm.contains("?") ? "&" : "?") + q);
    }

    private <T> HttpResponse<T> follow(HttpRequest.Builder b, HttpResponse.BodyHandler<T> handler, String auth) {
        HttpRequest request = (auth == null ? b.copy() : b.copy().setHeader("Authorization", auth)).build();
        String originalHost = request.uri().getAuthority();
        try {
            for (int i = 0; ; i++) {
                HttpResponse<T> r = withRetries(request, handler);
                int s = r.statusCode();
                boolean redirect = s == 301 || s == 302 || s == 303 || s == 307 || s == 308;
                Optional<String> location = r.headers().firstValue("Location");
                if (!redirect || location.isEmpty() || request.method().equals("PUT") || request.method().equals("POST")) {
                    return r;
                }
                if (i >= MAX_REDIRECTS) {
                    throw new ImageException(image, "too many redirects from " + registry);
                }
                discard(r);
                URI next = request.uri().resolve(location.get());
                HttpRequest.Builder nb = HttpRequest.newBuilder(next).method(request.method(), HttpRequest.BodyPublishers.noBody());
                request.headers().map().forEach((k, vs) -> {
                    if (!k.equalsIgnoreCase("Authorization") || originalHost.equals(next.getAuthority())) {
                        vs.forEach(v -> nb.header(k, v));
                    }
                });
                request = nb.build();
            }
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /** Sends, retrying connection errors and 5xx answers ({@value #ATTEMPTS} attempts in all). */
    private <T> HttpResponse<T> withRetries(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<T> r = attempt(request, handler);
                if (r.statusCode() < 500 || attempt >= ATTEMPTS) {
                    return r;
                }
                discard(r);
            } catch (IOException e) {
                if (attempt >= ATTEMPTS || causedBy(e, SSLException.class) || isUnknownHost(e) || e instanceof HttpTimeoutException) {
                    throw e;
                }
            }
            try {
                Thread.sleep(250L << attempt);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted");
            }
        }
    }

    private <T> HttpResponse<T> attempt(HttpRequest.Builder b, HttpResponse.BodyHandler<T> handler) throws IOException {
        return withRetries(b.build(), handler);
    }

    private <T> HttpResponse<T> attempt(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }

    private static SSLContext trustAll() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a TLS context", e);
        }
    }
}
