package io.jpod.image;

import io.jpod.error.ImageException;
import io.jpod.image.registry.Manifests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * @param blobs     the file of each layer blob, bottom first
 * @param rewritten true when {@code manifest} is not the image's stored manifest
 */
record ImageBlobs(byte[] manifest, String type, List<Manifests.Descriptor> layers, List<Path> blobs, boolean rewritten) {

    ImageBlobs {
        layers = List.copyOf(layers);
        blobs = List.copyOf(blobs);
    }

    /** The blobs of {@code image} from {@code store}; {@code name} names it in messages. */
    static ImageBlobs of(ImageStore store, Image image, String name) {
        byte[] manifest = store.manifestBlob(image.id());
        String type = store.manifestType(image.id());
        Manifests.Manifest parsed = Manifests.manifest(manifest, type, name);
        List<Path> blobs = new ArrayList<>();
        List<Manifests.Descriptor> layers = new ArrayList<>();
        boolean rewritten = false;
        for (int i = 0; i < parsed.layers().size(); i++) {
            Manifests.Descriptor d = parsed.layers().get(i);
            String diffId = image.layers().get(i);
            Map<String, Path> kept = store.layers().blobs(diffId);
            if (kept.containsKey(d.digest())) {
                blobs.add(kept.get(d.digest()));
                layers.add(d);
                continue;
            }
            Path gzip = kept.values().stream().filter(ImageBlobs::isGzip).findFirst().orElseThrow(() -> new ImageException(name,
                    "layer " + diffId + " of image " + image.shortId()
                    + " has no kept blob (it was stored by an older jpod); remove the image and import or pull it again"));
            blobs.add(gzip);
            layers.add(new Manifests.Descriptor(type.equals(Manifests.DOCKER_MANIFEST) ? Manifests.DOCKER_GZIP_LAYER : Manifests.OCI_GZIP_LAYER,
                    Digests.PREFIX + gzip.getFileName(), size(gzip), null, null, null));
            rewritten = true;
        }
        if (rewritten) {
            manifest = ImagePusher.withLayers(manifest, layers);
        }
        return new ImageBlobs(manifest, type, layers, blobs, rewritten);
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
