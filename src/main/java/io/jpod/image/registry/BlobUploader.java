package io.jpod.image.registry;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Uploads blobs: {@link StartUpload}, then one {@link FinishUpload} with the blob; a blob larger
 * than the chunk size goes in {@link PatchChunk}s of that size first, and, when the registry
 * refuses the first chunk, monolithically in a new upload ({@link CancelUpload} closes the
 * refused one).
 */
final class BlobUploader {
    private final RegistryEndpointCaller caller;
    private final RegistryErrors errors;
    /** Blobs larger than this are uploaded in chunks of this size. */
    private final long chunkSize;

    BlobUploader(RegistryEndpointCaller caller, RegistryErrors errors, long chunkSize) {
        this.caller = caller;
        this.errors = errors;
        this.chunkSize = chunkSize;
    }

    /** Uploads the blob in {@code file}. */
    void upload(String repository, String digest, Path file) {
        String what = action(repository, digest);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw errors.error(what + ": cannot read " + file + ": " + RegistryErrors.reason(e), e);
        }
        URI location = caller.call(new StartUpload(repository, what));
        if (size > chunkSize) {
            URI rest = uploadChunks(repository, location, file, size, what);
            if (rest != null) {
                caller.call(new FinishUpload(rest, repository, digest, HttpRequest.BodyPublishers.noBody(), what));
                return;
            }
            location = caller.call(new StartUpload(repository, what));
        }
        HttpRequest.BodyPublisher whole;
        try {
            whole = HttpRequest.BodyPublishers.ofFile(file);
        } catch (FileNotFoundException e) {
            throw errors.error(what + ": " + file + " is missing", e);
        }
        caller.call(new FinishUpload(location, repository, digest, whole, what));
    }

    /** Uploads {@code data} as blob {@code digest}. */
    void upload(String repository, String digest, byte[] data) {
        String what = action(repository, digest);
        URI location = caller.call(new StartUpload(repository, what));
        caller.call(new FinishUpload(location, repository, digest, HttpRequest.BodyPublishers.ofByteArray(data), what));
    }

    /** Cancels the upload at {@code location}, failing quietly. */
    void cancel(String repository, URI location) {
        try {
            caller.call(new CancelUpload(location, repository));
        } catch (RuntimeException e) {
            // an upload left open expires on the registry
        }
    }

    private String action(String repository, String digest) {
        return "uploading blob " + digest + " to " + errors.registry() + "/" + repository;
    }

    /**
     * Sends {@code file} in PATCH chunks to the upload at {@code location}; the location to finish
     * the upload at, or null when the registry refused the first chunk (it does not take chunks).
     */
    private URI uploadChunks(String repository, URI location, Path file, long size, String what) {
        byte[] buf = new byte[(int) Math.min(chunkSize, size)];
        try (InputStream in = Files.newInputStream(file)) {
            for (long offset = 0; offset < size; ) {
                int n = in.readNBytes(buf, 0, (int) Math.min(buf.length, size - offset));
                if (n <= 0) {
                    throw errors.error(what + ": " + file + " became shorter while it was read");
                }
                Optional<URI> next = caller.call(new PatchChunk(location, repository, buf, n, offset, what));
                if (next.isEmpty()) {
                    cancel(repository, location);
                    return null;
                }
                location = next.get();
                offset += n;
            }
        } catch (IOException e) {
            throw errors.error(what + ": cannot read " + file + ": " + RegistryErrors.reason(e), e);
        }
        return location;
    }
}
