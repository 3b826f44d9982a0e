package io.jpod.image.registry;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.function.Function;

/** {@code PUT /v2/REPO/manifests/REF} of a manifest of {@code mediaType}: the registry's digest for it, when it gives one. */
record PushManifest(String registry, String repository, String reference, String mediaType, byte[] body)
        implements RegistryEndpoint<byte[], Optional<String>> {
    @Override
    public String action() {
        return "writing manifest to " + registry + "/" + repository + ":" + reference;
    }

    @Override
    public String scope() {
        return RegistryEndpoint.pushScope(repository);
    }

    @Override
    public HttpRequest.Builder request(Function<String, URI> api) {
        return HttpRequest.newBuilder(api.apply("/v2/" + repository + "/manifests/" + reference))
                .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    @Override
    public HttpResponse.BodyHandler<byte[]> bodyHandler() {
        return HttpResponse.BodyHandlers.ofByteArray();
    }

    @Override
    public Optional<String> handleResponse(HttpResponse<byte[]> response, RegistryErrors errors) {
        return response.headers().firstValue("Docker-Content-Digest");
    }
}
