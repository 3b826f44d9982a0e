package io.jpod.image.registry;

import io.jpod.error.AuthenticationException;
import io.jpod.error.HostException;
import io.jpod.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The call to a registry's token service that answers a bearer challenge:
 * {@code GET realm?service=...&scope=...}, with the credentials as basic authentication (none:
 * anonymous), reading {@code token} or {@code access_token}. Sent as it is: no challenge, no
 * redirect.
 */
final class FetchToken {
    private static final JsonMapper JSON = Json.mapper();

    private final RegistryTransport transport;
    private final RegistryErrors errors;

    FetchToken(RegistryTransport transport, RegistryErrors errors) {
        this.transport = transport;
        this.errors = errors;
    }

    /** A token for {@code scope} from the realm of bearer challenge {@code c}. */
    String fetch(Challenge c, String scope) {
        String registry = errors.registry();
        Credentials credentials = errors.credentials();
        URI realm = uri(c, scope);
        HttpRequest.Builder b = HttpRequest.newBuilder(realm).GET();
        if (credentials != null) {
            b.header("Authorization", credentials.basicHeader());
        }
        HttpResponse<byte[]> r;
        try {
            r = transport.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new HostException("fetching an authentication token from " + realm.getHost() + " for " + registry + ": "
                    + RegistryErrors.reason(e), "is the token service reachable?", e);
        }
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new AuthenticationException(errors.image(), registry, credentials == null, "authenticating to " + registry
                    + ": the token service refused " + (credentials == null ? "anonymous access" : "the credentials"));
        }
        errors.check(r.statusCode(), "fetching an authentication token for " + registry, r.body());
        JsonNode n = JSON.readTree(r.body());
        String token = n.path("token").asString("");
        if (token.isEmpty()) {
            token = n.path("access_token").asString("");
        }
        if (token.isEmpty()) {
            throw errors.error("authenticating to " + registry + ": the token service answered no token");
        }
        return token;
    }

    /** The token request for a bearer challenge: {@code realm?service=...&scope=...}, one scope parameter per scope. */
    static URI uri(Challenge c, String scope) {
        StringBuilder q = new StringBuilder();
        if (c.param("service") != null) {
            q.append("service=").append(URLEncoder.encode(c.param("service"), StandardCharsets.UTF_8));
        }
        String s = c.param("scope") != null ? c.param("scope") : scope;
        for (String one : s == null ? new String[0] : s.trim().split(" +")) {
            if (!one.isEmpty()) {
                q.append(q.length() > 0 ? "&" : "").append("scope=").append(URLEncoder.encode(one, StandardCharsets.UTF_8));
            }
        }
        String realm = c.param("realm");
        return URI.create(q.length() == 0 ? realm : realm + (realm.contains("?") ? "&" : "?") + q);
    }
}
