package io.jpod.image.registry;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.function.Function;

/** {@code HEAD /v2/REPO/blobs/DIGEST}: whether the repository has the blob (404: it has not), asked with push rights. */
record CheckBlob(String registry, String repository, String digest) implements RegistryEndpoint<byte[], Boolean> {
    @Override
    public String action() {
        return "checking blob " + digest + " in " + registry + "/" + repository;
    }

    @Override
    public String scope() {
        return RegistryEndpoint.pushScope(repository);
    }

    @Override
    public HttpRequest.Builder request(Function<String, URI> api) {
        return HttpRequest.newBuilder(api.apply("/v2/" + repository + "/blobs/" + digest))
                .method("HEAD", HttpRequest.BodyPublishers.noBody());
    }

    @Override
    public HttpResponse.BodyHandler<byte[]> bodyHandler() {
        return HttpResponse.BodyHandlers.ofByteArray();
    }

    @Override
    public Boolean handleResponse(HttpResponse<byte[]> response, RegistryErrors errors) {
        return true;
    }

    @Override
    public Optional<Boolean> handleError(HttpResponse<byte[]> response, byte[] body, RegistryErrors errors) {
        return response.statusCode() == 404 ? Optional.of(false) : Optional.empty();
    }
}
