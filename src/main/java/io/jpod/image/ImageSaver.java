package io.jpod.image;

import io.jpod.events.Events;
import io.jpod.error.ImageException;
import io.jpod.error.InvalidInputException;
import io.jpod.image.registry.Manifests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes images of an {@link ImageStore} to an archive, as {@code podman save}: a docker-archive
 * ({@code manifest.json}, {@code <config hex>.json}, {@code <diffID hex>/layer.tar} uncompressed,
 * {@code repositories}) or an oci-archive ({@code oci-layout}, {@code index.json} with one entry
 * per name, {@code blobs/sha256/...} with the kept compressed layer blobs). Both load back with
 * the same image ids and names.
 */
public final class ImageSaver {
    private static final String OCI_LAYOUT = "{\"imageLayoutVersion\":\"1.0.0\"}";

    private final ImageStore store;

    public ImageSaver(ImageStore store) {
        this.store = store;
    }

    /** One image to save and the names to record for it. */
    private record Entry(Image image, List<String> names) {
    }

    /**
     * Writes the images {@code references} name (names or ids; one naming an image by a name
     * records that name, by id all its names) to {@code out} as one archive.
     */
    public void save(List<String> references, ArchiveFormat format, OutputStream out, Events events) {
        if (references.isEmpty()) {
            throw new InvalidInputException("save", "at least one image name or ID must be specified");
        }
        List<Entry> entries = entries(references);
        try {
            TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8");
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            if (format == ArchiveFormat.DOCKER_ARCHIVE) {
                docker(entries, tar, events);
            } else {
                oci(entries, tar, events);
            }
            tar.finish();
            tar.flush();
        } catch (IOException e) {
            throw new ImageException("save", "cannot write the archive: " + IoErrors.describe(e), e);
        }
    }

    private List<Entry> entries(List<String> references) {
        Map<String, Entry> byId = new LinkedHashMap<>();
        for (String reference : references) {
            ImageReference ref = parsed(reference);
            Image image = ref != null ? store.resolve(ref) : store.resolve(reference);
            String name = ref == null || ref.digest() != null ? null : ref.nameAmong(image.names()).orElse(null);
            Entry seen = byId.get(image.id());
            LinkedHashSet<String> names = new LinkedHashSet<>(seen == null ? List.of() : seen.names());
            names.addAll(name != null ? List.of(name) : image.names());
            byId.put(image.id(), new Entry(image, new ArrayList<>(names)));
        }
        return new ArrayList<>(byId.values());
    }

    /** {@code reference} parsed, or null when it is no reference (it may still be an id prefix). */
    private static ImageReference parsed(String reference) {
        try {
            return ImageReference.parse(reference);
        } catch (InvalidInputException e) {
            return null;
        }
    }

    private void docker(List<Entry> entries, TarArchiveOutputStream tar, Events events) throws IOException {
        ArrayNode manifest = ImageConfig.JSON.createArrayNode();
        ObjectNode repositories = ImageConfig.JSON.createObjectNode();
        Set<String> written = new HashSet<>();
        for (Entry e : entries) {
            Image image = e.image();
            Instant mtime = image.created();
            String name = e.names().isEmpty() ? image.shortId() : e.names().get(0);
            ImageBlobs blobs = ImageBlobs.of(store, image, name);
            List<String> layerNames = new ArrayList<>();
            for (int i = 0; i < image.layers().size(); i++) {
                String diffId = image.layers().get(i);
                String entry = Digests.hexPart(diffId) + "/layer.tar";
                layerNames.add(entry);
                if (written.add(entry)) {
                    events.progress(diffId, "Copying blob");
                    writeUncompressed(tar, entry, diffId, blobs.blobs().get(i), mtime);
                }
            }
            String configName = image.id() + ".json";
            if (written.add(configName)) {
                events.progress(Digests.PREFIX + image.id(), "Copying config");
                file(tar, configName, store.configBlob(image.id()), mtime);
            }
            ObjectNode item = manifest.addObject();
            item.put("Config", configName);
            ArrayNode tags = item.putArray("RepoTags");
            e.names().forEach(tags::add);
            ArrayNode ls = item.putArray("Layers");
            layerNames.forEach(ls::add);
            String top = image.layers().isEmpty() ? image.id() : Digests.hexPart(image.layers().get(image.layers().size() - 1));
            for (String n : e.names()) {
                ImageReference ref = ImageReference.parse(n);
                if (ref.tag() != null) {
                    ObjectNode repo = repositories.has(ref.name()) ? (ObjectNode) repositories.get(ref.name()) : repositories.putObject(ref.name());
                    repo.put(ref.tag(), top);
                }
            }
        }
        events.progress("image destination", "Writing manifest to");
        Instant now = Instant.now();
        file(tar, "manifest.json", ImageConfig.JSON.writeValueAsBytes(manifest), now);
        file(tar, "repositories", ImageConfig.JSON.writeValueAsBytes(repositories), now);
    }

    /** Writes layer {@code diffId} uncompressed, from its kept blob, checking that it gives back the diffID. */
    private void writeUncompressed(TarArchiveOutputStream tar, String entry, String diffId, Path blob, Instant mtime) throws IOException {
        long size = store.layerSize(diffId);
        TarArchiveEntry te = new TarArchiveEntry(entry);
        te.setSize(size);
        te.setMode(0644);
        te.setModTime(java.util.Date.from(mtime.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        tar.putArchiveEntry(te);
        try (InputStream in = Files.newInputStream(blob)) {
            LayerStream layer = LayerStream.open(in, blob.toString());
            layer.tar().transferTo(tar);
            TarExtractor.Result r = layer.finish();
            if (!r.diffId().equals(diffId) || r.size() != size) {
                throw new ImageException(diffId, "the kept blob " + blob + " of layer " + diffId + " is damaged: it holds " + r.diffId());
            }
        }
        tar.closeArchiveEntry();
    }

    private void oci(List<Entry> entries, TarArchiveOutputStream tar, Events events) throws IOException {
        ObjectNode index = ImageConfig.JSON.createObjectNode();
        index.put("schemaVersion", 2);
        ArrayNode manifests = index.putArray("manifests");
        Set<String> written = new HashSet<>();
        Instant now = Instant.now();
        file(tar, "oci-layout", OCI_LAYOUT.getBytes(StandardCharsets.UTF_8), now);
        for (Entry e : entries) {
            Image image = e.image();
            Instant mtime = image.created();
            String name = e.names().isEmpty() ? image.shortId() : e.names().get(0);
            ImageBlobs blobs = ImageBlobs.of(store, image, name);
            for (int i = 0; i < blobs.blobs().size(); i++) {
                String digest = blobs.layers().get(i).digest();
                if (written.add(digest)) {
                    events.progress(digest, "Copying blob");
                    Path blob = blobs.blobs().get(i);
                    TarArchiveEntry te = new TarArchiveEntry("blobs/sha256/" + Digests.hexPart(digest));
                    te.setSize(Files.size(blob));
                    te.setMode(0644);
                    te.setModTime(java.util.Date.from(mtime.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
                    tar.putArchiveEntry(te);
                    Files.copy(blob, tar);
                    tar.closeArchiveEntry();
                }
            }
            byte[] config = store.configBlob(image.id());
            String configDigest = Digests.PREFIX + image.id();
            if (written.add(configDigest)) {
                events.progress(configDigest, "Copying config");
                file(tar, "blobs/sha256/" + image.id(), config, mtime);
            }
            byte[] manifest = blobs.type().equals(Manifests.DOCKER_MANIFEST) ? toOci(blobs.manifest()) : blobs.manifest();
            String manifestDigest = Digests.digestOf(manifest);
            if (written.add(manifestDigest)) {
                file(tar, "blobs/sha256/" + Digests.hexPart(manifestDigest), manifest, mtime);
            }
            List<String> refs = e.names().isEmpty() ? java.util.Collections.singletonList(null) : e.names();
            for (String ref : refs) {
                ObjectNode d = manifests.addObject();
                d.put("mediaType", Manifests.OCI_MANIFEST);
                d.put("digest", manifestDigest);
                d.put("size", manifest.length);
                if (ref != null) {
                    d.putObject("annotations").put(ArchiveFormats.REF_NAME, ref);
                }
            }
        }
        events.progress("image destination", "Writing manifest to");
        file(tar, "index.json", ImageConfig.JSON.writeValueAsBytes(index), now);
    }

    /** A docker schema 2 manifest with OCI media types (same config and blobs), as an oci-archive holds. */
    static byte[] toOci(byte[] dockerManifest) {
        ObjectNode root = (ObjectNode) ImageConfig.JSON.readTree(dockerManifest);
        root.put("mediaType", Manifests.OCI_MANIFEST);
        if (root.get("config") instanceof ObjectNode config) {
            config.put("mediaType", ImageStore.OCI_CONFIG);
        }
        if (root.get("layers") instanceof ArrayNode layers) {
            for (var l : layers) {
                if (l instanceof ObjectNode o) {
                    String type = o.path("mediaType").asString("");
                    o.put("mediaType", type.endsWith("gzip") ? Manifests.OCI_GZIP_LAYER : ImageStore.OCI_LAYER);
                }
            }
        }
        return ImageConfig.JSON.writeValueAsBytes(root);
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] data, Instant mtime) throws IOException {
        TarArchiveEntry te = new TarArchiveEntry(name);
        te.setSize(data.length);
        te.setMode(0644);
        te.setModTime(java.util.Date.from(mtime.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        tar.putArchiveEntry(te);
        tar.write(data);
        tar.closeArchiveEntry();
    }
}
