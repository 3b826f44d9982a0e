package io.jpod.image;

import java.time.Instant;
import java.util.List;

/**
 * An image in the local store.
 *
 * @param id           64 hex digits: the sha256 of the configuration JSON, as podman
 * @param names        fully qualified names, oldest first; empty for a dangling image
 * @param digest       the manifest digest, {@code sha256:...}
 * @param created      when the image was created (from its configuration; else when it was stored)
 * @param size         bytes of its layers (uncompressed tar streams)
 * @param config       how to run it
 * @param layers       layer diffIDs ({@code sha256:...}), bottom first
 * @param namesHistory every name the image had, newest first
 */
public record Image(String id, List<String> names, String digest, Instant created, long size, ImageConfig config,
        List<String> layers, List<String> namesHistory) {

    public Image {
        names = List.copyOf(names);
        layers = List.copyOf(layers);
        namesHistory = List.copyOf(namesHistory);
    }

    /** The first 12 hex digits of the id, as tables show it. */
    public String shortId() {
        return id.substring(0, 12);
    }

    /** True when the image has no name. */
    public boolean dangling() {
        return names.isEmpty();
    }
}
