package io.jpod.image.registry;

import io.jpod.error.HostException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * The first call to a registry ({@code GET /v2/}): does it answer the v2 API, over HTTPS or,
 * without TLS verification, plain HTTP. The scheme found is kept, and shared with the clients of
 * the same operation.
 */
final class RegistryPing {
    private static final Duration HTTPS_PROBE = Duration.ofSeconds(5);

    private final String registry;
    private final String host;
    private final boolean tlsVerify;
    private final RegistryTransport transport;
    private final RegistryErrors errors;
    /** Schemes learnt by clients of the same operation, by registry. */
    private final Map<String, String> knownSchemes;
    private volatile String scheme;

    RegistryPing(String registry, boolean tlsVerify, RegistryTransport transport, RegistryErrors errors, Map<String, String> knownSchemes) {
        this.registry = registry;
        this.host = errors.host();
        this.tlsVerify = tlsVerify;
        this.transport = transport;
        this.errors = errors;
        this.knownSchemes = knownSchemes;
        this.scheme = knownSchemes.get(registry);
    }

    /** Where {@code registry} is reached: {@code docker.io} at registry-1.docker.io, others at their name. */
    static String host(String registry) {
        return registry.equals("docker.io") ? "registry-1.docker.io" : registry;
    }

    /** The URI of {@code path} ({@code /v2/...}) on the registry, pinging it first if that was not done yet. */
    URI uri(String path) {
        ping();
        return URI.create(scheme + "://" + host + path);
    }

    /** Checks that the registry answers the v2 API, choosing HTTPS or, without TLS verification, HTTP. */
    void ping() {
        if (scheme != null) {
            return;
        }
        try {
            ping("https");
            found("https");
        } catch (IOException e) {
            if (!RegistryErrors.causedBy(e, SSLException.class)) {
                if (tlsVerify || RegistryErrors.isUnknownHost(e)) {
                    throw errors.unreachable(e);
                }
                fallBackToHttp();
                return;
            }
            if (tlsVerify) {
                throw new HostException("pinging container registry " + registry + ": " + RegistryErrors.reason(e),
                        "if " + registry + " is a plain-HTTP registry, use --tls-verify=false", e);
            }
            fallBackToHttp();
        }
    }

    private void fallBackToHttp() {
        try {
            ping("http");
            found("http");
        } catch (IOException e) {
            throw errors.unreachable(e);
        }
    }

    private void found(String s) {
        scheme = s;
        knownSchemes.put(registry, s);
    }

    private void ping(String s) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s + "://" + host + "/v2/")).GET();
        if (!tlsVerify && s.equals("https")) {
            b.timeout(HTTPS_PROBE); // a plain-HTTP server may wait for a request line forever
        }
        HttpResponse<byte[]> r = transport.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200 && r.statusCode() != 401) {
            throw errors.error("pinging container registry " + registry + ": " + RegistryErrors.describe(r.statusCode(), r.body())
                    + " (is it a registry of the v2 API?)");
        }
    }
}
