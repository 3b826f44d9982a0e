package io.jpod.image;

import io.jpod.events.Events;
import io.jpod.error.ImageException;
import io.jpod.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Finds the images in an archive: docker-archive ({@code manifest.json}, as {@code docker save}
 * and {@code podman save} write) or oci-archive ({@code oci-layout}, {@code index.json},
 * {@code blobs/sha256/...}). Every metadata blob is checked against its digest, and each
 * configuration's diff_ids against its layer list; layer blobs are checked as they are read.
 */
final class ArchiveFormats {
    static final String REF_NAME = "org.opencontainers.image.ref.name";
    private static final Pattern CONFIG_NAME = Pattern.compile("(?:blobs/sha256/)?([0-9a-f]{64})(?:\\.json)?");
    private static final Pattern LAYER_NAME = Pattern.compile("(?:blobs/sha256/)?([0-9a-f]{64})(?:\\.tar)?");
    private static final List<String> INDEX_TYPES = List.of("application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");

    private ArchiveFormats() {
    }

    static List<ArchiveImage> read(ArchiveFiles files, String architecture, Events events) {
        List<ArchiveImage> sources;
        if (files.has("manifest.json")) {
            sources = docker(files, events);
        } else if (files.has("index.json")) {
            sources = oci(files, architecture, events);
        } else {
            throw new ImageException(files.archive(), files.archive()
                    + ": not a docker-archive or an oci-archive (it has neither manifest.json nor index.json)");
        }
        if (sources.isEmpty()) {
            throw new ImageException(files.archive(), files.archive() + ": the archive holds no image");
        }
        return sources;
    }

    private static List<ArchiveImage> docker(ArchiveFiles files, Events events) {
        String archive = files.archive();
        JsonNode root = json(files.bytes("manifest.json"), archive, "manifest.json");
        if (!root.isArray()) {
            throw new ImageException(archive, archive + ": manifest.json is not a JSON array");
        }
        List<ArchiveImage> out = new ArrayList<>();
        for (JsonNode item : root) {
            String configName = item.path("Config").asString("");
            if (configName.isEmpty()) {
                throw new ImageException(archive, archive + ": manifest.json: an entry has no Config");
            }
            byte[] config = files.bytes(configName);
            Matcher m = CONFIG_NAME.matcher(configName);
            if (m.matches() && !m.group(1).equals(Digests.hexOf(config))) {
                throw new ImageException(archive, archive + ": digest mismatch for " + configName + ": its content has sha256:"
                        + Digests.hexOf(config));
            }
            List<String> diffIds = ImageConfig.readDiffIds(config, archive + ": " + configName);
            JsonNode layers = item.path("Layers");
            if (layers.size() != diffIds.size()) {
                throw new ImageException(archive, archive + ": " + configName + " lists " + diffIds.size()
                        + " layers (rootfs.diff_ids) but manifest.json lists " + layers.size());
            }
            List<ArchiveImage.Blob> blobs = new ArrayList<>();
            for (int i = 0; i < diffIds.size(); i++) {
                String name = layers.get(i).asString("");
                Matcher lm = LAYER_NAME.matcher(name);
                blobs.add(new ArchiveImage.Blob(name, files.file(name), lm.matches() ? Digests.PREFIX + lm.group(1) : null, diffIds.get(i)));
            }
            List<String> names = new ArrayList<>();
            for (JsonNode tag : item.path("RepoTags")) {
                name(tag.asString(""), ImageReference.DOCKER_REGISTRY, archive, events, names);
            }
            out.add(new ArchiveImage(config, null, blobs, names));
        }
        return out;
    }

    private static List<ArchiveImage> oci(ArchiveFiles files, String architecture, Events events) {
        String archive = files.archive();
        if (!files.has("oci-layout")) {
            events.warning(archive + ": the archive has index.json but no oci-layout file; reading it as an oci-archive");
        }
        JsonNode index = json(files.bytes("index.json"), archive, "index.json");
        List<ArchiveImage> out = new ArrayList<>();
        for (JsonNode d : index.path("manifests")) {
            JsonNode manifestDescriptor = platformManifest(files, d, architecture, 0);
            byte[] manifest = blob(files, manifestDescriptor);
            JsonNode m = json(manifest, archive, "manifest " + manifestDescriptor.path("digest").asString(""));
            byte[] config = blob(files, m.path("config"));
            String configDigest = m.path("config").path("digest").asString("");
            List<String> diffIds = ImageConfig.readDiffIds(config, archive + ": config " + configDigest);
            JsonNode layers = m.path("layers");
            if (layers.size() != diffIds.size()) {
                throw new ImageException(archive, archive + ": config " + configDigest + " lists " + diffIds.size()
                        + " layers (rootfs.diff_ids) but its manifest lists " + layers.size());
            }
            List<ArchiveImage.Blob> blobs = new ArrayList<>();
            for (int i = 0; i < diffIds.size(); i++) {
                String digest = digest(layers.get(i), archive);
                String entry = "blobs/sha256/" + Digests.hexPart(digest);
                blobs.add(new ArchiveImage.Blob(entry, files.file(entry), digest, diffIds.get(i)));
            }
            List<String> names = new ArrayList<>();
            String ref = d.path("annotations").path(REF_NAME).asString("");
            if (!ref.isEmpty()) {
                name(ref, ImageReference.LOCAL_REGISTRY, archive, events, names);
            }
            out.add(new ArchiveImage(config, manifest, blobs, names));
        }
        return out;
    }

    /** The manifest descriptor for this host: {@code d} itself, or the matching entry of the image index it points to. */
    private static JsonNode platformManifest(ArchiveFiles files, JsonNode d, String architecture, int depth) {
        String archive = files.archive();
        if (!INDEX_TYPES.contains(d.path("mediaType").asString(""))) {
            return d;
        }
        if (depth > 2) {
            throw new ImageException(archive, archive + ": image indexes nested too deeply");
        }
        JsonNode nested = json(blob(files, d), archive, "index " + d.path("digest").asString(""));
        JsonNode only = null;
        int count = 0;
        for (JsonNode m : nested.path("manifests")) {
            count++;
            only = m;
            JsonNode p = m.path("platform");
            if (p.path("os").asString("linux").equals("linux") && p.path("architecture").asString("").equals(architecture)) {
                return platformManifest(files, m, architecture, depth + 1);
            }
        }
        if (count == 1) {
            return platformManifest(files, only, architecture, depth + 1);
        }
        throw new ImageException(archive, archive + ": the image index " + d.path("digest").asString("") + " has no image for linux/" + architecture);
    }

    private static void name(String tag, String defaultRegistry, String archive, Events events, List<String> names) {
        try {
            String name = ImageReference.parse(tag).qualified(defaultRegistry).toString();
            if (!names.contains(name)) {
                names.add(name);
            }
        } catch (InvalidInputException e) {
            events.warning(archive + ": ignoring the image name \"" + tag + "\": " + e.getMessage());
        }
    }

    private static String digest(JsonNode descriptor, String archive) {
        String digest = descriptor.path("digest").asString("");
        if (!Digests.isDigest(digest)) {
            throw new ImageException(archive, archive + ": unsupported digest \"" + digest + "\" (expected sha256:<hex>)");
        }
        return digest;
    }

    /** The content of the blob {@code descriptor} refers to, checked against its digest and size. */
    private static byte[] blob(ArchiveFiles files, JsonNode descriptor) {
        String archive = files.archive();
        String digest = digest(descriptor, archive);
        byte[] data = files.bytes("blobs/sha256/" + Digests.hexPart(digest));
        String actual = Digests.digestOf(data);
        if (!actual.equals(digest)) {
            throw new ImageException(archive, archive + ": digest mismatch for blob " + digest + ": its content has " + actual);
        }
        if (descriptor.has("size") && descriptor.path("size").asLong() != data.length) {
            throw new ImageException(archive, archive + ": size mismatch for blob " + digest + ": " + descriptor.path("size").asLong()
                    + " expected, " + data.length + " found");
        }
        return data;
    }

    private static JsonNode json(byte[] data, String archive, String what) {
        try {
            return ImageConfig.JSON.readTree(data);
        } catch (JacksonException e) {
            throw new ImageException(archive, archive + ": " + what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
