package io.jpod.image.registry;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.function.Function;

/**
 * One call of the distribution API: its request, and what its answer means. A
 * {@link RegistryEndpointCaller} sends it, answering authentication challenges, following
 * redirects and retrying; answers the endpoint does not take are errors it maps the same way for
 * every call.
 *
 * @param <B> the answer's body as read ({@code byte[]}, or an {@code InputStream} for blobs)
 * @param <T> the call's result
 */
interface RegistryEndpoint<B, T> {
    /** What the call does, for messages: {@code reading manifest latest in quay.io/a/b}. */
    String action();

    /** The token scope the call needs ({@code repository:a/b:pull}); empty for none. */
    String scope();

    /** The request, without authorization; {@code api} gives the URI of a path under the registry ({@code /v2/...}). */
    HttpRequest.Builder request(Function<String, URI> api);

    /** How the answer's body is read. */
    HttpResponse.BodyHandler<B> bodyHandler();

    /** The result of a 2xx answer. */
    T handleResponse(HttpResponse<B> response, RegistryErrors errors);

    /**
     * The result of another answer when it has one for this call (a 404 meaning "absent"), or
     * throws when it means something of its own; empty leaves it to the caller's error mapping.
     *
     * @param body the first bytes of the answer's body (an error document, maybe)
     */
    default Optional<T> handleError(HttpResponse<B> response, byte[] body, RegistryErrors errors) {
        return Optional.empty();
    }

    /** {@code repository:NAME:pull}. */
    static String pullScope(String repository) {
        return "repository:" + repository + ":pull";
    }

    /** {@code repository:NAME:pull,push}. */
    static String pushScope(String repository) {
        return "repository:" + repository + ":pull,push";
    }
}
