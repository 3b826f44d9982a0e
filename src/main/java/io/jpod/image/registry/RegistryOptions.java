package io.jpod.image.registry;

/**
 * How to reach registries: TLS verification, and credentials ({@code --creds}, else the auth file's).
 *
 * @param credentials explicit credentials, or null to look them up in {@code authFile}
 */
public record RegistryOptions(boolean tlsVerify, Credentials credentials, AuthFile authFile) {
    /** A client for {@code registry}, about {@code image} (for messages). */
    public RegistryClient client(String registry, String image) {
        Credentials c = credentials != null ? credentials : authFile == null ? null : authFile.find(registry).orElse(null);
        return new RegistryClient(registry, image, tlsVerify, c);
    }
}
