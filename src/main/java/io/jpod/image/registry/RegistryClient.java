package io.jpod.image.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client of one registry speaking the OCI distribution API (Docker Registry HTTP API v2) over
 * the JDK's HttpClient: anonymous, basic and bearer-token authentication (from the registry's
 * {@code WWW-Authenticate} challenge), HTTPS (or, with TLS verification off, HTTPS without
 * verification falling back to plain HTTP), redirects followed by hand (credentials are not sent
 * to another host), 3 attempts on connection errors and 5xx answers, blob uploads (monolithic, or
 * in PATCH chunks above the chunk size) and cross-repository mounts. Thread-safe.
 *
 * <p>Each call is one {@link RegistryEndpoint} ({@link PullManifest}, {@link CheckBlob},
 * {@link MountBlob}...) sent by one {@link RegistryEndpointCaller}, which authenticates, retries,
 * redirects and maps errors the same way for all of them.
 */
public final class RegistryClient {
    /** Manifest media types a pull accepts. */
    public static final List<String> MANIFEST_TYPES = List.of(
            "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.docker.distribution.manifest.list.v2+json");
    /** The default upload chunk size: blobs up to it go in one request. */
    public static final long DEFAULT_CHUNK = 16L << 20;

    private final String registry;
    private final RegistryErrors errors;
    private final RegistryPing ping;
    private final RegistryEndpointCaller caller;
    private final BlobUploader uploader;

    /** An answer whose body was read. */
    public record Fetched(byte[] body, String mediaType, String digest) {
    }

    /**
     * @param registry    host[:port] as in image names ({@code docker.io} is reached at registry-1.docker.io)
     * @param image       the image the operation is about, for messages
     * @param credentials null for anonymous access
     */
    public RegistryClient(String registry, String image, boolean tlsVerify, Credentials credentials) {
        this(registry, image, tlsVerify, credentials, new ConcurrentHashMap<>());
    }

    RegistryClient(String registry, String image, boolean tlsVerify, Credentials credentials, Map<String, String> knownSchemes) {
        this(registry, image, tlsVerify, credentials, knownSchemes, DEFAULT_CHUNK);
    }

    RegistryClient(String registry, String image, boolean tlsVerify, Credentials credentials, Map<String, String> knownSchemes,
            long chunkSize) {
        this.registry = registry;
        this.errors = new RegistryErrors(registry, RegistryPing.host(registry), image, credentials);
        RegistryTransport transport = new RegistryTransport(tlsVerify);
        this.ping = new RegistryPing(registry, tlsVerify, transport, errors, knownSchemes);
        Authenticator authenticator = new Authenticator(credentials, new FetchToken(transport, errors));
        this.caller = new RegistryEndpointCaller(ping, transport, authenticator, errors);
        this.uploader = new BlobUploader(caller, errors, chunkSize);
    }

    public String registry() {
        return registry;
    }

    /** Checks that the registry answers the v2 API ({@code GET /v2/}), choosing HTTPS or, without TLS verification, HTTP. */
    public void ping() {
        ping.ping();
    }

    /**
     * Checks the credentials against the registry ({@code GET /v2/} answering its challenge, as
     * {@code podman login}); ImageException when they are refused.
     */
    public void checkLogin() {
        caller.call(new CheckLogin(registry));
    }

    /** Fetches manifest {@code reference} (tag or digest) of {@code repository}, accepting {@code accept}. */
    public Fetched manifest(String repository, String reference, List<String> accept) {
        return caller.call(new PullManifest(registry, repository, reference, accept));
    }

    /** Opens blob {@code digest} of {@code repository}; the caller verifies and closes the stream. */
    public InputStream blob(String repository, String digest) {
        return caller.call(new PullBlob(registry, repository, digest));
    }

    /** Reads blob {@code digest} whole (configurations). */
    public byte[] blobBytes(String repository, String digest) {
        try (InputStream in = blob(repository, digest)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw errors.error("fetching blob " + digest + " from " + registry + "/" + repository + ": " + RegistryErrors.reason(e), e);
        }
    }

    /** True when {@code repository} has blob {@code digest} ({@code HEAD}). */
    public boolean hasBlob(String repository, String digest) {
        return caller.call(new CheckBlob(registry, repository, digest));
    }

    /**
     * Uploads the blob in {@code file}: POST opens an upload, then one PUT with its digest; a blob
     * larger than the chunk size goes in PATCH chunks of that size first (and, if the registry
     * refuses the first chunk, monolithically in a new upload).
     */
    public void upload(String repository, String digest, Path file) {
        uploader.upload(repository, digest, file);
    }

    /** Uploads {@code data} as blob {@code digest}. */
    public void upload(String repository, String digest, byte[] data) {
        uploader.upload(repository, digest, data);
    }

    /**
     * Mounts blob {@code digest} of repository {@code from} into {@code repository} of the same
     * registry ({@code POST ...?mount=&from=}); false when the registry would not (it then opened
     * an upload instead, which is cancelled), so the caller uploads the blob.
     */
    public boolean mount(String repository, String digest, String from) {
        MountBlob.Result r = caller.call(new MountBlob(registry, repository, digest, from));
        if (r.openedUpload() != null) {
            uploader.cancel(repository, r.openedUpload());
        }
        return r.mounted();
    }

    /** Stores manifest {@code body} as {@code reference} (tag or digest) of {@code repository}; returns the registry's digest for it. */
    public Optional<String> putManifest(String repository, String reference, String mediaType, byte[] body) {
        return caller.call(new PushManifest(registry, repository, reference, mediaType, body));
    }
}
