package io.jpod.image;

import io.jpod.error.ImageException;
import io.jpod.image.registry.Manifests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The manifest and layer blobs an image is copied out with (by push and save): its own manifest
 * byte for byte when its layer blobs are kept, else (an imported image, whose manifest names
 * uncompressed layers) a manifest naming the kept gzip-compressed blobs.
 *
 * @param manifest  the manifest JSON
 * @param type      its media type
 * @param layers    its layer descriptors, bottom first
 * @param blobs     the file of each layer blob, bottom first (null for one not kept, see {@link #own})
 * @param rewritten true when {@code manifest} is not the image's stored manifest
 */
record ImageBlobs(byte[] manifest, String type, List<Manifests.Descriptor> layers, List<Path> blobs, boolean rewritten) {

    ImageBlobs {
        layers = List.copyOf(layers);
        blobs = Collections.unmodifiableList(new ArrayList<>(blobs));
    }

    /**
     * The image's own manifest and its layer blobs as kept; a layer whose blob is not kept (it was
     * stored before, from another blob of the same tar: another compression) has a null file.
     */
    static ImageBlobs own(ImageStore store, Image image, String name) {
        byte[] manifest = store.manifestBlob(image.id());
        String type = store.manifestType(image.id());
        Manifests.Manifest parsed = Manifests.manifest(manifest, type, name);
        List<Path> blobs = new ArrayList<>();
        for (int i = 0; i < parsed.layers().size(); i++) {
            blobs.add(store.layers().blobs(image.layers().get(i)).get(parsed.layers().get(i).digest()));
        }
        return new ImageBlobs(manifest, type, parsed.layers(), blobs, false);
    }

    /** True when every layer blob is kept. */
    boolean complete() {
        return !blobs.contains(null);
    }

    /** The blobs of {@code image} from {@code store}, all kept ones: its own, else a rewritten manifest; {@code name} names it in messages. */
    static ImageBlobs of(ImageStore store, Image image, String name) {
        ImageBlobs own = own(store, image, name);
        if (own.complete()) {
            return own;
        }
        List<Path> blobs = new ArrayList<>();
        List<Manifests.Descriptor> layers = new ArrayList<>();
        for (int i = 0; i < own.layers().size(); i++) {
            if (own.blobs().get(i) != null) {
                blobs.add(own.blobs().get(i));
                layers.add(own.layers().get(i));
                continue;
            }
            String diffId = image.layers().get(i);
            Map<String, Path> kept = store.layers().blobs(diffId);
            Path gzip = kept.values().stream().filter(ImageBlobs::isGzip).findFirst().orElseThrow(() -> new ImageException(name,
                    "layer " + diffId + " of image " + image.shortId()
                    + " has no kept blob (it was stored by an older jpod); remove the image and import or pull it again"));
            blobs.add(gzip);
            layers.add(new Manifests.Descriptor(own.type().equals(Manifests.DOCKER_MANIFEST) ? Manifests.DOCKER_GZIP_LAYER
                    : Manifests.OCI_GZIP_LAYER, Digests.PREFIX + gzip.getFileName(), size(gzip), null, null, null));
        }
        return new ImageBlobs(ImagePusher.withLayers(own.manifest(), layers), own.type(), layers, blobs, true);
    }

    private static boolean isGzip(Path blob) {
        try (InputStream in = Files.newInputStream(blob)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            return false;
        }
    }

    static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new ImageException(p.toString(), "cannot read layer blob " + p + ": " + IoErrors.describe(e), e);
        }
    }
}
