package io.jpod.image.registry;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * {@code PUT LOCATION?digest=DIGEST}: closes the upload at {@code location}, carrying {@code body}
 * (the whole blob, or nothing after chunks).
 */
record FinishUpload(URI location, String repository, String digest, HttpRequest.BodyPublisher body, String action)
        implements RegistryEndpoint<byte[], Void> {
    @Override
    public String scope() {
        return RegistryEndpoint.pushScope(repository);
    }

    @Override
    public HttpRequest.Builder request(Function<String, URI> api) {
        String sep = location.getRawQuery() == null ? "?" : "&";
        URI put = URI.create(location + sep + "digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(put).header("Content-Type", "application/octet-stream").PUT(body);
    }

    @Override
    public HttpResponse.BodyHandler<byte[]> bodyHandler() {
        return HttpResponse.BodyHandlers.ofByteArray();
    }

    @Override
    public Void handleResponse(HttpResponse<byte[]> response, RegistryErrors errors) {
        return null;
    }
}
