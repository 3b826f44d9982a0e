package io.jpod.image.registry;

import io.jpod.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A user name and password (or token) for a registry. */
public record Credentials(String username, String password) {
    public Credentials {
        if (username == null || username.isEmpty()) {
            throw new InvalidInputException("credentials", "the user name is empty");
        }
        if (password == null) {
            password = "";
        }
    }

    /** Parses {@code --creds USER[:PASS]}. */
    public static Credentials parse(String userColonPass) {
        int colon = userColonPass.indexOf(':');
        if (colon < 0) {
            return new Credentials(userColonPass, "");
        }
        return new Credentials(userColonPass.substring(0, colon), userColonPass.substring(colon + 1));
    }

    /** base64 of {@code user:password}: the {@code auth} entry of auth.json and the Basic credentials. */
    public String encoded() {
        return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes an {@code auth} entry; null when it is not base64 of {@code user:password}. */
    public static Credentials decode(String auth) {
        try {
            String s = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            int colon = s.indexOf(':');
            return colon <= 0 ? null : new Credentials(s.substring(0, colon), s.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The {@code Authorization} header value for HTTP Basic authentication. */
    public String basicHeader() {
        return "Basic " + encoded();
    }

    @Override
    public String toString() {
        return "Credentials[" + username + ", ***]";
    }
}
