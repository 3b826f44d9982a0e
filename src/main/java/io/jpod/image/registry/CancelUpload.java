package io.jpod.image.registry;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.function.Function;

/** {@code DELETE} of the upload at {@code location}; whether the registry took it (an upload left open expires anyway). */
record CancelUpload(URI location, String repository) implements RegistryEndpoint<byte[], Boolean> {
    @Override
    public String action() {
        return "cancelling the upload at " + location;
    }

    @Override
    public String scope() {
        return RegistryEndpoint.pushScope(repository);
    }

    @Override
    public HttpRequest.Builder request(Function<String, URI> api) {
        return HttpRequest.newBuilder(location).DELETE();
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
        return Optional.of(false);
    }
}
