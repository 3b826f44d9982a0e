package io.jpod.image.registry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How one operation reaches registries: TLS verification, and credentials ({@code --creds}, else
 * the auth file's). Clients made from one instance share what they learn of a registry (HTTPS or
 * plain HTTP), so an operation probes each registry once.
 */
public final class RegistryOptions {
    private final boolean tlsVerify;
    private final Credentials credentials;
    private final AuthFile authFile;
    private final java.util.Set<String> insecure;
    private final Map<String, String> schemes = new ConcurrentHashMap<>();
    private final long chunkSize;
    private final RegistriesConf conf;
    private final ShortNameChooser chooser;

    /**
     * @param credentials explicit credentials, or null to look them up in {@code authFile}
     * @param authFile    where to look credentials up; null for none
     */
    public RegistryOptions(boolean tlsVerify, Credentials credentials, AuthFile authFile) {
        this(tlsVerify, credentials, authFile, java.util.Set.of());
    }

    /** As above; {@code insecure} registries (registries.conf {@code insecure = true}) are reached without TLS checks even with tlsVerify. */
    public RegistryOptions(boolean tlsVerify, Credentials credentials, AuthFile authFile, java.util.Set<String> insecure) {
        this(tlsVerify, credentials, authFile, new RegistriesConf(List.of(), Map.of(), insecure, "enforcing"), RegistryClient.DEFAULT_CHUNK,
                ShortNameChooser.NONE);
    }

    /** As above, with the user's registries.conf: its insecure registries, and its short names for pulls that resolve them. */
    public RegistryOptions(boolean tlsVerify, Credentials credentials, AuthFile authFile, RegistriesConf conf) {
        this(tlsVerify, credentials, authFile, conf, RegistryClient.DEFAULT_CHUNK, ShortNameChooser.NONE);
    }

    private RegistryOptions(boolean tlsVerify, Credentials credentials, AuthFile authFile, RegistriesConf conf, long chunkSize,
            ShortNameChooser chooser) {
        this.chooser = chooser;
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size " + chunkSize);
        }
        this.chunkSize = chunkSize;
        this.conf = conf;
        java.util.Set<String> insecure = conf.insecure();
        this.tlsVerify = tlsVerify;
        this.credentials = credentials;
        this.authFile = authFile;
        this.insecure = java.util.Set.copyOf(insecure);
    }

    /** The same options, uploading blobs larger than {@code bytes} in PATCH chunks of that size. */
    public RegistryOptions withChunkSize(long bytes) {
        return new RegistryOptions(tlsVerify, credentials, authFile, conf, bytes, chooser);
    }

    /** The same options, asking {@code chooser} which name an ambiguous short name means. */
    public RegistryOptions withChooser(ShortNameChooser chooser) {
        return new RegistryOptions(tlsVerify, credentials, authFile, conf, chunkSize, chooser);
    }

    /** Who chooses among the candidates of an ambiguous short name ({@link ShortNameChooser#NONE}: nobody, it is an error). */
    public ShortNameChooser chooser() {
        return chooser;
    }

    /** The registries.conf short names resolve through ({@link RegistriesConf#EMPTY} when none was given). */
    public RegistriesConf registriesConf() {
        return conf;
    }

    public boolean tlsVerify() {
        return tlsVerify;
    }

    /** Refuses {@code image} (its full reference) when registries.conf blocks it, naming the entry. */
    public void checkNotBlocked(String image) {
        conf.blocking(image).ifPresent(e -> {
            throw new io.jpod.error.ImageException(image, "registry " + e.prefix() + " is blocked in registries.conf (" + e.where()
                    + ": blocked = true)");
        });
    }

    /** A client for {@code registry}, about {@code image} (its full reference); refused when registries.conf blocks the image. */
    public RegistryClient client(String registry, String image) {
        checkNotBlocked(image);
        Credentials c = credentials != null ? credentials : authFile == null ? null : authFile.find(registry).orElse(null);
        return new RegistryClient(registry, image, tlsVerify && !insecure.contains(registry), c, schemes, chunkSize);
    }
}
