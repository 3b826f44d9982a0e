package io.jpod.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One image found in an archive, its metadata verified, its layers not yet read.
 *
 * @param config   the configuration JSON exactly as in the archive (the image id is its sha256)
 * @param manifest the manifest JSON as in the archive, or null when the format has none (docker-archive)
 * @param layers   layer blobs, bottom first
 * @param names    fully qualified names the archive gives the image
 */
record ArchiveImage(byte[] config, byte[] manifest, List<Blob> layers, List<String> names) {

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

    /** Sources with the same configuration are one image: their names are merged. */
    static List<ArchiveImage> merge(List<ArchiveImage> sources) {
        Map<String, ArchiveImage> byId = new LinkedHashMap<>();
        for (ArchiveImage s : sources) {
            ArchiveImage seen = byId.get(s.id());
            if (seen == null) {
                byId.put(s.id(), s);
            } else {
                LinkedHashSet<String> names = new LinkedHashSet<>(seen.names());
                names.addAll(s.names());
                byId.put(s.id(), new ArchiveImage(seen.config(), seen.manifest(), seen.layers(), new ArrayList<>(names)));
            }
        }
        return new ArrayList<>(byId.values());
    }
}
