package io.jpod.image;

import io.jpod.error.ImageException;
import io.jpod.json.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The part of an OCI image configuration jpod uses: how to run the image, and where it came from.
 * {@code entrypoint} and {@code cmd} are null when the image does not set them; the collections
 * are never null.
 *
 * @param exposedPorts e.g. {@code 80/tcp}
 * @param history      the image's history entries, oldest first
 */
public record ImageConfig(List<String> env, List<String> entrypoint, List<String> cmd, String workingDir, String user,
        Map<String, String> labels, List<String> exposedPorts, String stopSignal, Instant created,
        String architecture, String os, String author, List<History> history) {

    /** One entry of an image's history. */
    public record History(Instant created, String createdBy, String author, String comment, boolean emptyLayer) {
    }

    static final JsonMapper JSON = Json.mapper();

    public ImageConfig {
        env = List.copyOf(env);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        cmd = cmd == null ? null : List.copyOf(cmd);
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        exposedPorts = List.copyOf(exposedPorts);
        history = List.copyOf(history);
    }

    /** A configuration that sets nothing, for an image created now on {@code os}/{@code architecture}. */
    public static ImageConfig empty(Instant created, String os, String architecture) {
        return new ImageConfig(List.of(), null, null, null, null, Map.of(), List.of(), null, created, architecture, os, null, List.of());
    }

    public ImageConfig withHistory(List<History> newHistory) {
        return new ImageConfig(env, entrypoint, cmd, workingDir, user, labels, exposedPorts, stopSignal, created,
                architecture, os, author, newHistory);
    }

    /** The comment of the newest history entry, or null (podman's "Comment"). */
    public String comment() {
        return history.isEmpty() ? null : history.get(history.size() - 1).comment();
    }

    /** Reads an OCI (or docker) image configuration; {@code image} names the image in errors. */
    public static ImageConfig read(byte[] json, String image) {
        JsonNode root = tree(json, image);
        JsonNode c = root.path("config");
        List<History> history = new ArrayList<>();
        for (JsonNode h : root.path("history")) {
            history.add(new History(time(h.path("created")), text(h.path("created_by")), text(h.path("author")),
                    text(h.path("comment")), h.path("empty_layer").asBoolean(false)));
        }
        return new ImageConfig(strings(c.path("Env")), c.path("Entrypoint").isArray() ? strings(c.path("Entrypoint")) : null,
                c.path("Cmd").isArray() ? strings(c.path("Cmd")) : null, text(c.path("WorkingDir")), text(c.path("User")),
                stringMap(c.path("Labels")), keys(c.path("ExposedPorts")), text(c.path("StopSignal")), time(root.path("created")),
                text(root.path("architecture")), text(root.path("os")), text(root.path("author")), history);
    }

    /** The layer diffIDs ({@code rootfs.diff_ids}, bottom first) of a configuration. */
    public static List<String> readDiffIds(byte[] json, String image) {
        JsonNode rootfs = tree(json, image).path("rootfs");
        if (!rootfs.path("diff_ids").isArray()) {
            throw new ImageException(image, image + ": image configuration has no rootfs.diff_ids");
        }
        List<String> ids = strings(rootfs.path("diff_ids"));
        for (String id : ids) {
            if (!Digests.isDigest(id)) {
                throw new ImageException(image, image + ": unsupported layer diff_id \"" + id + "\" (expected sha256:<hex>)");
            }
        }
        return ids;
    }

    /** This configuration as OCI image configuration JSON with {@code diffIds} as its layers. */
    public byte[] toJson(List<String> diffIds) {
        ObjectNode root = JSON.createObjectNode();
        if (created != null) {
            root.put("created", rfc3339(created));
        }
        putIfSet(root, "author", author);
        putIfSet(root, "architecture", architecture);
        putIfSet(root, "os", os);
        ObjectNode c = root.putObject("config");
        putIfSet(c, "User", user);
        if (!exposedPorts.isEmpty()) {
            ObjectNode ports = c.putObject("ExposedPorts");
            exposedPorts.forEach(p -> ports.putObject(p));
        }
        putList(c, "Env", env.isEmpty() ? null : env);
        putList(c, "Entrypoint", entrypoint);
        putList(c, "Cmd", cmd);
        putIfSet(c, "WorkingDir", workingDir);
        if (!labels.isEmpty()) {
            ObjectNode l = c.putObject("Labels");
            labels.forEach(l::put);
        }
        putIfSet(c, "StopSignal", stopSignal);
        ObjectNode rootfs = root.putObject("rootfs");
        rootfs.put("type", "layers");
        putList(rootfs, "diff_ids", diffIds);
        if (!history.isEmpty()) {
            ArrayNode hs = root.putArray("history");
            for (History h : history) {
                ObjectNode o = hs.addObject();
                if (h.created() != null) {
                    o.put("created", rfc3339(h.created()));
                }
                putIfSet(o, "created_by", h.createdBy());
                putIfSet(o, "author", h.author());
                putIfSet(o, "comment", h.comment());
                if (h.emptyLayer()) {
                    o.put("empty_layer", true);
                }
            }
        }
        return JSON.writeValueAsBytes(root);
    }

    /** Go's RFC3339Nano: {@code 2024-01-02T03:04:05.1234Z} (fraction without trailing zeros). */
    public static String rfc3339(Instant t) {
        String s = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t.atOffset(ZoneOffset.UTC).withNano(0).toLocalDateTime());
        int nanos = t.getNano();
        if (nanos != 0) {
            String f = String.format("%09d", nanos);
            s += "." + f.replaceAll("0+$", "");
        }
        return s + "Z";
    }

    static JsonNode tree(byte[] json, String image) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) {
                throw new ImageException(image, image + ": image configuration is not a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            throw new ImageException(image, image + ": image configuration is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void putIfSet(ObjectNode o, String key, String value) {
        if (value != null && !value.isEmpty()) {
            o.put(key, value);
        }
    }

    private static void putList(ObjectNode o, String key, List<String> values) {
        if (values != null) {
            ArrayNode a = o.putArray(key);
            values.forEach(a::add);
        }
    }

    private static String text(JsonNode n) {
        return n.isString() && !n.stringValue().isEmpty() ? n.stringValue() : null;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : n) {
            if (v.isString()) {
                out.add(v.stringValue());
            }
        }
        return out;
    }

    private static Map<String, String> stringMap(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n.isObject()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                out.put(e.getKey(), e.getValue().isString() ? e.getValue().stringValue() : e.getValue().toString());
            }
        }
        return out;
    }

    private static List<String> keys(JsonNode n) {
        return n.isObject() ? new ArrayList<>(n.propertyNames()) : List.of();
    }

    private static Instant time(JsonNode n) {
        if (!n.isString()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(n.stringValue()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
