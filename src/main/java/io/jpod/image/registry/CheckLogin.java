package io.jpod.image.registry;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.function.Function;

/** {@code GET /v2/} with the credentials, as {@code podman login}: a 401 after the challenge was answered refuses them. */
record CheckLogin(String registry) implements RegistryEndpoint<byte[], Void> {
    @Override
    public String action() {
        return "logging in to " + registry;
    }

    @Override
    public String scope() {
        return "";
    }

    @Override
    public HttpRequest.Builder request(Function<String, URI> api) {
        return HttpRequest.newBuilder(api.apply("/v2/")).GET();
    }

    @Override
    public HttpResponse.BodyHandler<byte[]> bodyHandler() {
        return HttpResponse.BodyHandlers.ofByteArray();
    }

    @Override
    public Void handleResponse(HttpResponse<byte[]> response, RegistryErrors errors) {
        return null;
    }

    @Override
    public Optional<Void> handleError(HttpResponse<byte[]> response, byte[] body, RegistryErrors errors) {
        if (response.statusCode() == 401) {
            throw errors.error(action() + ": invalid username/password");
        }
        return Optional.empty();
    }
}
