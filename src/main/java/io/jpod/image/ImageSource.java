package io.jpod.image;

import java.nio.file.Path;
import java.util.List;

/**
 * One image found in an archive, its metadata verified, its layers not yet read.
 *
 * @param config   the configuration JSON exactly as in the archive (the image id is its sha256)
 * @param manifest the manifest JSON as in the archive, or null when the format has none (docker-archive)
 * @param layers   layer blobs, bottom first
 * @param names    fully qualified names the archive gives the image
 */
record ImageSource(byte[] config, byte[] manifest, List<Blob> layers, List<String> names) {

    /**
     * A layer blob in the archive.
     *
     * @param digest the blob's own digest when the archive states it, else null
     * @param diffId the diffID the configuration expects for it
     */
    record Blob(String entry, Path file, String digest, String diffId) {
    }

    String id() {
        return Digests.hexOf(config);
    }
}
