package io.jpod.image.registry;

import io.jpod.error.AuthenticationException;
import io.jpod.error.HostException;
import io.jpod.error.ImageException;
import io.jpod.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the answers and failures of one registry become errors, the same for every call: the
 * registry, its host and the image are named, a registry's error document is quoted.
 *
 * @param registry    host[:port] as in image names
 * @param host        where the registry is reached
 * @param image       the image the operation is about
 * @param credentials null for anonymous access
 */
record RegistryErrors(String registry, String host, String image, Credentials credentials) {
    private static final JsonMapper JSON = Json.mapper();

    /** An ImageException about the image. */
    ImageException error(String message) {
        return new ImageException(image, message);
    }

    /** An ImageException about the image, caused by {@code cause}. */
    ImageException error(String message, Throwable cause) {
        return new ImageException(image, message, cause);
    }

    /** Throws {@link #failure} for an answer other than 2xx to {@code action}. */
    void check(int status, String action, byte[] body) {
        if (status < 200 || status >= 300) {
            throw failure(status, action, body);
        }
    }

    /** The error of an answer other than 2xx to {@code action}: 401, 403, then any other with its status and the registry's message. */
    ImageException failure(int status, String action, byte[] body) {
        if (status == 401) {
            return new AuthenticationException(image, registry, credentials == null, action + ": authentication required"
                    + (credentials == null ? "" : " (the credentials were refused)"));
        }
        if (status == 403) {
            return error(action + ": access denied (" + registryError(body, "forbidden") + "; do your credentials for " + registry
                    + " allow it?)");
        }
        return error(action + ": " + describe(status, body));
    }

    /** The registry could not be reached: an unknown host, a refused connection... */
    HostException unreachable(IOException e) {
        if (isUnknownHost(e)) {
            return new HostException("pinging container registry " + registry + ": unknown host " + host.replaceFirst(":\\d+$", ""),
                    "check the registry name in " + image, e);
        }
        return new HostException("pinging container registry " + registry + ": " + reason(e),
                "is the registry running and reachable at " + host + "?", e);
    }

    /** {@code HTTP 404 manifest unknown: ...}. */
    static String describe(int status, byte[] body) {
        return "HTTP " + status + " " + registryError(body, "");
    }

    /** The first message of a registry's {@code {"errors":[{"code","message"}]}} body. */
    static String registryError(byte[] body, String otherwise) {
        try {
            JsonNode e = JSON.readTree(body).path("errors").path(0);
            String code = e.path("code").asString("");
            String message = e.path("message").asString("");
            if (!code.isEmpty() || !message.isEmpty()) {
                return (code.toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + message).replaceFirst("^: ", "");
            }
        } catch (RuntimeException e) {
            // not JSON
        }
        return otherwise;
    }

    /** Why a connection failed, in a few words. */
    static String reason(Throwable e) {
        if (causedBy(e, ConnectException.class)) {
            return "connection refused";
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        String m = e.getMessage();
        return m == null || m.isEmpty() ? e.getClass().getSimpleName() : m;
    }

    static boolean isUnknownHost(Throwable e) {
        return causedBy(e, UnresolvedAddressException.class) || causedBy(e, UnknownHostException.class);
    }

    static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
