package io.jpod.image.registry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers a registry's {@code WWW-Authenticate} challenges: a bearer token from the challenge's
 * realm ({@link FetchToken}) first, else basic authentication with the credentials. Keeps the
 * answer per token scope, so later calls of the same scope send it at once.
 */
final class Authenticator {
    private final Credentials credentials;
    private final FetchToken tokens;
    /** Authorization header per scope, once a challenge was answered. */
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();

    /** @param credentials null for anonymous access */
    Authenticator(Credentials credentials, FetchToken tokens) {
        this.credentials = credentials;
        this.tokens = tokens;
    }

    /** The Authorization header known for {@code scope}, or null. */
    String known(String scope) {
        return authorizations.get(scope);
    }

    /**
     * A new Authorization header answering {@code challenges} for {@code scope}, kept for the
     * scope; null when none can be answered, or the answer is {@code sent}, which was refused.
     */
    String answer(List<Challenge> challenges, String scope, String sent) {
        String answer = answer(challenges, scope);
        if (answer == null || answer.equals(sent)) {
            return null;
        }
        authorizations.put(scope, answer);
        return answer;
    }

    private String answer(List<Challenge> challenges, String scope) {
        for (Challenge c : challenges) {
            if (c.scheme().equals("bearer") && c.param("realm") != null) {
                return "Bearer " + tokens.fetch(c, scope);
            }
        }
        for (Challenge c : challenges) {
            if (c.scheme().equals("basic") && credentials != null) {
                return credentials.basicHeader();
            }
        }
        return null;
    }
}
