package io.jpod.image.registry;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.function.Function;

/** {@code GET /v2/REPO/blobs/DIGEST}: the blob as a stream, which the caller verifies and closes. */
record PullBlob(String registry, String repository, String digest) implements RegistryEndpoint<InputStream, InputStream> {
    @Override
    public String action() {
        return "fetching blob " + digest + " from " + registry + "/" + repository;
    }

    @Override
    public String scope() {
        return RegistryEndpoint.pullScope(repository);
    }

    @Override
    public HttpRequest.Builder request(Function<String, URI> api) {
        return HttpRequest.newBuilder(api.apply("/v2/" + repository + "/blobs/" + digest)).GET();
    }

    @Override
    public HttpResponse.BodyHandler<InputStream> bodyHandler() {
        return HttpResponse.BodyHandlers.ofInputStream();
    }

    @Override
    public InputStream handleResponse(HttpResponse<InputStream> response, RegistryErrors errors) {
        return response.body();
    }

    @Override
    public Optional<InputStream> handleError(HttpResponse<InputStream> response, byte[] body, RegistryErrors errors) {
        if (response.statusCode() == 404) {
            throw errors.error(action() + ": blob unknown");
        }
        return Optional.empty();
    }
}
