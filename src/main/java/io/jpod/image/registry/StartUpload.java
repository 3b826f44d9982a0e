package io.jpod.image.registry;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Function;

/** {@code POST /v2/REPO/blobs/uploads/}: opens an upload session; its location. */
record StartUpload(String repository, String action) implements RegistryEndpoint<byte[], URI> {
    @Override
    public String scope() {
        return RegistryEndpoint.pushScope(repository);
    }

    @Override
    public HttpRequest.Builder request(Function<String, URI> api) {
        return HttpRequest.newBuilder(api.apply("/v2/" + repository + "/blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody());
    }

    @Override
    public HttpResponse.BodyHandler<byte[]> bodyHandler() {
        return HttpResponse.BodyHandlers.ofByteArray();
    }

    @Override
    public URI handleResponse(HttpResponse<byte[]> response, RegistryErrors errors) {
        return location(response, action, errors);
    }

    /** Where an upload goes on: the answer's {@code Location}, resolved against its request. */
    static URI location(HttpResponse<?> response, String action, RegistryErrors errors) {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> errors.error(action + ": the registry gave no upload location"));
        return response.request().uri().resolve(location);
    }
}
