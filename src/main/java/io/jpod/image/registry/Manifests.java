package io.jpod.image.registry;

import io.jpod.error.ImageException;
import io.jpod.json.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading registry manifests and image indexes (OCI and Docker schema 2), and checking blobs against their descriptors. */
public final class Manifests {
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String OCI_GZIP_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_ZSTD_LAYER = "application/vnd.oci.image.layer.v1.tar+zstd";
    public static final String DOCKER_GZIP_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    private static final JsonMapper JSON = Json.mapper();
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private Manifests() {
    }

    /** A content descriptor; {@code os}/{@code architecture}/{@code variant} are set for index entries that state a platform. */
    public record Descriptor(String mediaType, String digest, long size, String os, String architecture, String variant) {
        /** {@code os/arch[/variant]}. */
        public String platform() {
            return os + "/" + architecture + (variant == null || variant.isEmpty() ? "" : "/" + variant);
        }
    }

    /** An image manifest: its configuration and layers (bottom first). */
    public record Manifest(String mediaType, Descriptor config, List<Descriptor> layers) {
        public Manifest {
            layers = List.copyOf(layers);
        }
    }

    /** The media type of {@code body}: the {@code mediaType} it states, else {@code headerType}, else guessed from its shape. */
    public static String mediaType(byte[] body, String headerType, String image) {
        JsonNode n = tree(body, image);
        String t = n.path("mediaType").asString("");
        if (!t.isEmpty()) {
            return t;
        }
        if (headerType != null && !headerType.isEmpty() && !headerType.equals("application/json")) {
            return headerType;
        }
        return n.has("manifests") ? OCI_INDEX : OCI_MANIFEST;
    }

    public static boolean isIndex(String mediaType) {
        return mediaType.equals(OCI_INDEX) || mediaType.equals(DOCKER_LIST);
    }

    /**
     * The entry of image index {@code body} for {@code os}/{@code architecture} (and {@code variant}
     * when given); an index of one entry without a platform is that entry. ImageException, listing
     * the platforms the index has, when none matches.
     */
    public static Descriptor selectPlatform(byte[] body, String os, String architecture, String variant, String image) {
        List<Descriptor> entries = new ArrayList<>();
        for (JsonNode m : tree(body, image).path("manifests")) {
            JsonNode p = m.path("platform");
            entries.add(new Descriptor(m.path("mediaType").asString(""), digest(m, image), m.path("size").asLong(-1),
                    p.path("os").asString(""), p.path("architecture").asString(""), p.path("variant").asString("")));
        }
        for (Descriptor d : entries) {
            if (d.os().equals(os) && d.architecture().equals(architecture)
                    && (variant == null || variant.isEmpty() || variant.equals(d.variant()))) {
                return d;
            }
        }
        if (entries.size() == 1 && entries.get(0).os().isEmpty()) {
            return entries.get(0);
        }
        List<String> have = entries.stream().map(Descriptor::platform).filter(p -> !p.startsWith("unknown/")).distinct().toList();
        throw new ImageException(image, image + ": no image found in image index for architecture " + architecture + ", OS " + os
                + (have.isEmpty() ? "" : " (it has " + String.join(", ", have) + "; choose one with --os and --arch)"));
    }

    /** Reads an image manifest (OCI or Docker schema 2); schema 1 and unknown types are refused. */
    public static Manifest manifest(byte[] body, String mediaType, String image) {
        if (mediaType.startsWith("application/vnd.docker.distribution.manifest.v1")) {
            throw new ImageException(image, image + ": Docker schema 1 manifests are not supported");
        }
        if (!mediaType.equals(OCI_MANIFEST) && !mediaType.equals(DOCKER_MANIFEST)) {
            throw new ImageException(image, image + ": unsupported manifest type " + mediaType);
        }
        JsonNode n = tree(body, image);
        if (!n.path("config").isObject() || !n.path("layers").isArray()) {
            throw new ImageException(image, image + ": the manifest has no config or no layers");
        }
        List<Descriptor> layers = new ArrayList<>();
        for (JsonNode l : n.path("layers")) {
            layers.add(descriptor(l, image));
        }
        return new Manifest(mediaType, descriptor(n.path("config"), image), layers);
    }

    /** Refuses layer types jpod cannot unpack (encrypted, unknown) before anything is fetched. */
    public static void checkLayerType(Descriptor layer, String image) {
        String t = layer.mediaType();
        if (t.contains("encrypted")) {
            throw new ImageException(image, image + ": layer " + layer.digest() + " is encrypted (" + t + "); not supported");
        }
        if (!(t.endsWith(".tar") || t.endsWith("+gzip") || t.endsWith(".tar.gzip") || t.endsWith("tar.gzip") || t.endsWith("+zstd") || t.isEmpty())) {
            throw new ImageException(image, image + ": layer " + layer.digest() + " has unsupported media type " + t);
        }
    }

    private static Descriptor descriptor(JsonNode n, String image) {
        return new Descriptor(n.path("mediaType").asString(""), digest(n, image), n.path("size").asLong(-1), null, null, null);
    }

    private static String digest(JsonNode n, String image) {
        String d = n.path("digest").asString("");
        if (!DIGEST.matcher(d).matches()) {
            throw new ImageException(image, image + ": unsupported digest \"" + d + "\" (expected sha256:<hex>)");
        }
        return d;
    }

    private static JsonNode tree(byte[] body, String image) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !n.isObject()) {
                throw new ImageException(image, image + ": the manifest is not a JSON object");
            }
            return n;
        } catch (JacksonException e) {
            throw new ImageException(image, image + ": the manifest is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code sha256:<hex>} of {@code data}. */
    public static String digestOf(byte[] data) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks {@code data} against its expected digest and size ({@code size} &lt; 0: not known). */
    public static void verify(byte[] data, String digest, long size, String what, String image) {
        if (size >= 0 && data.length != size) {
            throw new ImageException(image, image + ": " + what + " " + digest + ": size mismatch: expected " + size
                    + " bytes, received " + data.length);
        }
        String actual = digestOf(data);
        if (!actual.equals(digest)) {
            throw new ImageException(image, image + ": " + what + " " + digest + ": digest mismatch: received content has " + actual);
        }
    }
}
