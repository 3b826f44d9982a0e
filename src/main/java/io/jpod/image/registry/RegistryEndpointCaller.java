package io.jpod.image.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

/**
 * Sends every {@link RegistryEndpoint} of one registry the same way: pings the registry first
 * (HTTPS or plain HTTP), sends the authorization known for the call's scope, answers a 401's
 * challenge once and sends again, follows redirects by hand (credentials only to the same host;
 * never for PUT and POST), retries connection errors and 5xx answers ({@link RegistryTransport}),
 * and maps answers the endpoint does not take to errors ({@link RegistryErrors}).
 */
final class RegistryEndpointCaller {
    private static final int MAX_REDIRECTS = 5;
    /** How much of an error answer's streamed body is read for its message. */
    private static final int ERROR_BODY = 4096;

    private final RegistryPing ping;
    private final RegistryTransport transport;
    private final Authenticator authenticator;
    private final RegistryErrors errors;

    RegistryEndpointCaller(RegistryPing ping, RegistryTransport transport, Authenticator authenticator, RegistryErrors errors) {
        this.ping = ping;
        this.transport = transport;
        this.authenticator = authenticator;
        this.errors = errors;
    }

    /** Makes the call: the endpoint's result, or the error its answer means. */
    <B, T> T call(RegistryEndpoint<B, T> endpoint) {
        HttpResponse<B> r = send(endpoint.request(ping::uri), endpoint.bodyHandler(), endpoint.scope());
        int s = r.statusCode();
        if (s >= 200 && s < 300) {
            return endpoint.handleResponse(r, errors);
        }
        byte[] body = errorBody(r);
        Optional<T> handled = endpoint.handleError(r, body, errors);
        if (handled.isPresent()) {
            return handled.get();
        }
        throw errors.failure(s, endpoint.action(), body);
    }

    /**
     * Sends with the authorization known for {@code scope}; on 401 answers the challenge (fetching
     * a bearer token, or using basic credentials) and sends once more. Follows redirects.
     */
    private <B> HttpResponse<B> send(HttpRequest.Builder b, HttpResponse.BodyHandler<B> handler, String scope) {
        String auth = authenticator.known(scope);
        HttpResponse<B> r = follow(b, handler, auth);
        if (r.statusCode() != 401) {
            return r;
        }
        List<Challenge> challenges = Challenge.parse(r.headers().firstValue("WWW-Authenticate").orElse(null));
        RegistryTransport.discard(r);
        String answer = authenticator.answer(challenges, scope, auth);
        return answer == null ? r : follow(b, handler, answer);
    }

    private <B> HttpResponse<B> follow(HttpRequest.Builder b, HttpResponse.BodyHandler<B> handler, String auth) {
        HttpRequest request = (auth == null ? b.copy() : b.copy().setHeader("Authorization", auth)).build();
        String originalHost = request.uri().getAuthority();
        try {
            for (int i = 0; ; i++) {
                HttpResponse<B> r = transport.send(request, handler);
                int s = r.statusCode();
                boolean redirect = s == 301 || s == 302 || s == 303 || s == 307 || s == 308;
                Optional<String> location = r.headers().firstValue("Location");
                if (!redirect || location.isEmpty() || request.method().equals("PUT") || request.method().equals("POST")) {
                    return r;
                }
                if (i >= MAX_REDIRECTS) {
                    throw errors.error("too many redirects from " + errors.registry());
                }
                RegistryTransport.discard(r);
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
            throw errors.unreachable(e);
        }
    }

    /** The body of an error answer: whole when read as bytes, its first bytes (and closed) when streamed. */
    private static byte[] errorBody(HttpResponse<?> r) {
        if (r.body() instanceof byte[] bytes) {
            return bytes;
        }
        if (r.body() instanceof InputStream stream) {
            try (InputStream in = stream) {
                return in.readNBytes(ERROR_BODY);
            } catch (IOException e) {
                return new byte[0];
            }
        }
        return new byte[0];
    }
}
