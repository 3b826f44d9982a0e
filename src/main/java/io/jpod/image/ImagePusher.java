package io.jpod.image;

import io.jpod.events.Events;
import io.jpod.error.InvalidInputException;
import io.jpod.error.JpodException;
import io.jpod.image.registry.Manifests;
import io.jpod.image.registry.RegistryClient;
import io.jpod.image.registry.RegistryOptions;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pushes images from an {@link ImageStore} to registries, as {@code podman push}: the layer blobs
 * the registry lacks ({@code HEAD} first; then a mount from another repository of the same
 * registry the image is named in, else an upload, in chunks when large), the configuration, then the
 * manifest. The image's own manifest is pushed byte for byte when its layer blobs are kept, so the
 * image pulls back with the same digest; otherwise (an imported image, whose manifest names
 * uncompressed layers) a manifest with the gzip-compressed blobs is made and kept as the image's.
 */
public final class ImagePusher {
    private final ImageStore store;

    public ImagePusher(ImageStore store) {
        this.store = store;
    }

    /**
     * Pushes local image {@code source} to {@code destination} (parsed by the caller; null: the name
     * {@code source} gives); returns the manifest digest.
     */
    public String push(String source, ImageReference destination, RegistryOptions options, Events events) {
        Image image = store.resolve(source);
        ImageReference ref = destination != null ? destination : ImageReference.parse(source);
        String dest = ref.asWritten();
        if (ref.digest() != null) {
            throw new InvalidInputException(dest, "cannot push to a digest reference; give a tag");
        }
        if (destination == null && image.id().startsWith(dest.replaceFirst("^sha256:", ""))) {
            throw new InvalidInputException(dest, "an image id is no destination; give the destination as the second argument");
        }
        ref = ref.qualified(ImageReference.DOCKER_REGISTRY);
        String name = ref.name() + ":" + ref.tag();
        byte[] config = store.configBlob(image.id());
        RegistryClient client = options.client(ref.registry(), name);
        client.ping();
        events.progress("source signatures", "Getting image");
        String repo = ref.repository();
        List<String> mountFrom = mountSources(image, ref);
        ImageBlobs own = ImageBlobs.own(store, image, name);
        ImageBlobs copy = own.complete() || registryHasUnkept(own, client, repo, mountFrom, events) ? own : ImageBlobs.of(store, image, name);
        byte[] manifest = copy.manifest();
        String type = copy.type();
        List<Path> blobs = copy.blobs();
        List<Manifests.Descriptor> pushed = copy.layers();
        boolean rewritten = copy.rewritten();
        for (int i = 0; i < pushed.size(); i++) {
            String digest = pushed.get(i).digest();
            if (client.hasBlob(repo, digest)) {
                events.progress(digest + " skipped: already exists", "Copying blob");
                continue;
            }
            if (mount(client, repo, digest, mountFrom, events) == null) {
                events.progress(digest, "Copying blob");
                client.upload(repo, digest, blobs.get(i));
            }
        }
        String configDigest = Digests.digestOf(config);
        events.progress(configDigest, "Copying config");
        if (!client.hasBlob(repo, configDigest)) {
            client.upload(repo, configDigest, config);
        }
        events.progress("image destination", "Writing manifest to");
        client.putManifest(repo, ref.tag(), type, manifest);
        if (rewritten) {
            store.rememberManifest(image.id(), manifest);
        }
        return Digests.digestOf(manifest);
    }

    /**
     * True when the destination has, or mounts, every layer blob of the image's own manifest that is
     * not kept here (a layer stored from another compression): the manifest can then be pushed as it
     * is instead of being rewritten with the kept blobs.
     */
    private static boolean registryHasUnkept(ImageBlobs own, RegistryClient client, String repo, List<String> mountFrom, Events events) {
        for (int i = 0; i < own.layers().size(); i++) {
            String digest = own.layers().get(i).digest();
            if (own.blobs().get(i) == null && !client.hasBlob(repo, digest) && mount(client, repo, digest, mountFrom, events) == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * Mounts blob {@code digest} into {@code repo} from the first of {@code sources} (repositories of
     * the same registry) that has it, and says so; that source, or null (then it is uploaded).
     */
    private static String mount(RegistryClient client, String repo, String digest, List<String> sources, Events events) {
        for (String from : sources) {
            try {
                if (client.mount(repo, digest, from)) {
                    events.progress(digest + " mounted from " + client.registry() + "/" + from, "Copying blob");
                    return from;
                }
            } catch (JpodException e) {
                events.debug("mounting " + digest + " from " + from + " failed, uploading it instead: " + e.getMessage());
            }
        }
        return null;
    }

    /**
     * The other repositories of the destination's registry that {@code image} is named in (it was
     * pulled from or pushed to them), from which the registry may mount its blobs instead of
     * receiving them again.
     */
    static List<String> mountSources(Image image, ImageReference destination) {
        return image.names().stream().map(ImageReference::parse)
                .filter(n -> destination.registry().equals(n.registry()) && !destination.repository().equals(n.repository()))
                .map(ImageReference::repository).distinct().toList();
    }

    /** {@code manifest} with its layer descriptors replaced by {@code layers} (other fields kept). */
    static byte[] withLayers(byte[] manifest, List<Manifests.Descriptor> layers) {
        ObjectNode root = (ObjectNode) ImageConfig.JSON.readTree(manifest);
        ArrayNode old = (ArrayNode) root.get("layers");
        ArrayNode fresh = ImageConfig.JSON.createArrayNode();
        for (int i = 0; i < layers.size(); i++) {
            JsonNode was = old.get(i);
            ObjectNode d = was != null && was.isObject() ? ((ObjectNode) was).deepCopy() : ImageConfig.JSON.createObjectNode();
            d.put("mediaType", layers.get(i).mediaType());
            d.put("digest", layers.get(i).digest());
            d.put("size", layers.get(i).size());
            fresh.add(d);
        }
        root.set("layers", fresh);
        return ImageConfig.JSON.writeValueAsBytes(root);
    }
}
