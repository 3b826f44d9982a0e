package io.jpod.image.registry;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** {@code GET /v2/REPO/manifests/REF} accepting {@code accept}: the manifest, its media type and the registry's digest for it. */
record PullManifest(String registry, String repository, String reference, List<String> accept)
        implements RegistryEndpoint<byte[], RegistryClient.Fetched> {
    @Override
    public String action() {
        return "reading manifest " + reference + " in " + registry + "/" + repository;
    }

    @Override
    public String scope() {
        return RegistryEndpoint.pullScope(repository);
    }

    @Override
    public HttpRequest.Builder request(Function<String, URI> api) {
        return HttpRequest.newBuilder(api.apply("/v2/" + repository + "/manifests/" + reference))
                .header("Accept", String.join(", ", accept)).GET();
    }

    @Override
    public HttpResponse.BodyHandler<byte[]> bodyHandler() {
        return HttpResponse.BodyHandlers.ofByteArray();
    }

    @Override
    public RegistryClient.Fetched handleResponse(HttpResponse<byte[]> response, RegistryErrors errors) {
        String type = response.headers().firstValue("Content-Type").orElse("").replaceFirst(";.*", "").trim();
        return new RegistryClient.Fetched(response.body(), type, response.headers().firstValue("Docker-Content-Digest").orElse(null));
    }

    @Override
    public Optional<RegistryClient.Fetched> handleError(HttpResponse<byte[]> response, byte[] body, RegistryErrors errors) {
        if (response.statusCode() == 404) {
            throw errors.error(action() + ": manifest unknown (no such tag or digest in the registry)");
        }
        return Optional.empty();
    }
}
