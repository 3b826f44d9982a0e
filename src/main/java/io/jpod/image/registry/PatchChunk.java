package io.jpod.image.registry;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code PATCH} of one chunk ({@code length} bytes of {@code buffer}, at byte {@code offset} of
 * the blob) to the upload at {@code location}: where the upload goes on, or empty when the
 * registry refused the first chunk (it takes no chunks, so the blob goes whole).
 *
 * @param upload what the whole upload does, for messages
 */
record PatchChunk(URI location, String repository, byte[] buffer, int length, long offset, String upload)
        implements RegistryEndpoint<byte[], Optional<URI>> {
    @Override
    public String action() {
        return upload + " (chunk at byte " + offset + ")";
    }

    @Override
    public String scope() {
        return RegistryEndpoint.pushScope(repository);
    }

    @Override
    public HttpRequest.Builder request(Function<String, URI> api) {
        return HttpRequest.newBuilder(location).header("Content-Type", "application/octet-stream")
                .header("Content-Range", offset + "-" + (offset + length - 1))
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(buffer, 0, length));
    }

    @Override
    public HttpResponse.BodyHandler<byte[]> bodyHandler() {
        return HttpResponse.BodyHandlers.ofByteArray();
    }

    @Override
    public Optional<URI> handleResponse(HttpResponse<byte[]> response, RegistryErrors errors) {
        if (offset == 0 && response.statusCode() != 202) {
            return Optional.empty();
        }
        return Optional.of(StartUpload.location(response, upload, errors));
    }

    /** A first chunk answered with a client error other than 401 and 403 is refused; other errors are errors. */
    @Override
    public Optional<Optional<URI>> handleError(HttpResponse<byte[]> response, byte[] body, RegistryErrors errors) {
        int s = response.statusCode();
        if (offset == 0 && s != 401 && s != 403 && s < 500) {
            return Optional.of(Optional.empty());
        }
        return Optional.empty();
    }
}
