package io.jpod.image.registry;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * {@code POST /v2/REPO/blobs/uploads/?mount=DIGEST&from=OTHER}: mounts a blob of another
 * repository of the same registry. 201 mounted it; 202 opened an upload instead, whose location
 * the result gives so that it can be cancelled.
 */
record MountBlob(String registry, String repository, String digest, String from) implements RegistryEndpoint<byte[], MountBlob.Result> {
    /** @param openedUpload the upload the registry opened instead of mounting, or null */
    record Result(boolean mounted, URI openedUpload) {
    }

    @Override
    public String action() {
        return "mounting blob " + digest + " from " + registry + "/" + from + " into " + repository;
    }

    @Override
    public String scope() {
        return RegistryEndpoint.pushScope(repository) + " " + RegistryEndpoint.pullScope(from);
    }

    @Override
    public HttpRequest.Builder request(Function<String, URI> api) {
        return HttpRequest.newBuilder(api.apply("/v2/" + repository + "/blobs/uploads/?mount="
                + URLEncoder.encode(digest, StandardCharsets.UTF_8) + "&from=" + URLEncoder.encode(from, StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody());
    }

    @Override
    public HttpResponse.BodyHandler<byte[]> bodyHandler() {
        return HttpResponse.BodyHandlers.ofByteArray();
    }

    @Override
    public Result handleResponse(HttpResponse<byte[]> response, RegistryErrors errors) {
        if (response.statusCode() == 201) {
            return new Result(true, null);
        }
        if (response.statusCode() == 202) {
            return new Result(false, response.headers().firstValue("Location").map(l -> response.request().uri().resolve(l)).orElse(null));
        }
        return new Result(false, null);
    }
}
