package io.jpod.kube;

import io.jpod.error.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A ConfigMap or a Secret: named string data that containers take their environment from.
 * A Secret's values are never shown: {@link #toString()} prints its keys only.
 *
 * @param kind  "ConfigMap" or "Secret"
 * @param name  metadata.name
 * @param data  the values (a Secret's data base64-decoded, its stringData over it)
 * @param where where the document starts (file:line:col)
 */
public record ConfigData(String kind, String name, Map<String, String> data, String where) {
    public static final String CONFIG_MAP = "ConfigMap";
    public static final String SECRET = "Secret";
    /** Kubernetes' rule for ConfigMap and Secret keys. */
    static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    static final FieldCheck CONFIG_MAP_FIELDS = new FieldCheck(Set.of("apiVersion", "kind", "metadata.*", "data.*",
            "binaryData.*", "immutable"));
    static final FieldCheck SECRET_FIELDS = new FieldCheck(Set.of("apiVersion", "kind", "metadata.*", "data.*",
            "stringData.*", "type", "immutable"));

    public ConfigData {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    public boolean secret() {
        return SECRET.equals(kind);
    }

    @Override
    public String toString() {
        return kind + " " + name + " " + (secret() ? data.keySet() : data);
    }

    /** The result of reading a ConfigMap or Secret document. */
    public record Result(ConfigData config, List<String> warnings) {
    }

    /** Reads a ConfigMap or Secret document; bad input is refused naming the field, never a Secret's value. */
    public static Result of(KubeDocument doc) {
        String kind = doc.kind();
        boolean secret = SECRET.equals(kind);
        String name = doc.name();
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException(doc.where(), "metadata.name: a " + kind + " needs a name");
        }
        if (!KubeNames.isObjectName(name)) {
            throw new InvalidInputException(doc.where(), "metadata.name: \"" + name + "\" is not a valid " + kind + " name: " + KubeNames.SUBDOMAIN_RULE);
        }
        List<String> warnings = new ArrayList<>();
        for (String field : (secret ? SECRET_FIELDS : CONFIG_MAP_FIELDS).unsupported(doc.node())) {
            warnings.add(doc.where() + ": " + kind + " " + name + ": field " + field + " is not supported yet and is ignored");
        }
        Map<String, String> data = new LinkedHashMap<>();
        JsonNode d = doc.node().get("data");
        for (Map.Entry<String, JsonNode> e : entries(doc, d, "data")) {
            String value = text(doc, e, "data");
            String decoded = secret ? decode(doc, e.getKey(), value) : value;
            if (decoded == null) {
                warnings.add(doc.where() + ": Secret " + name + ": data." + e.getKey()
                        + " is binary, not UTF-8 text: it cannot be an environment variable");
            } else {
                data.put(e.getKey(), decoded);
            }
        }
        if (secret) {
            for (Map.Entry<String, JsonNode> e : entries(doc, doc.node().get("stringData"), "stringData")) {
                data.put(e.getKey(), text(doc, e, "stringData"));
            }
        } else {
            JsonNode binary = doc.node().get("binaryData");
            if (binary != null && binary.isObject() && !binary.isEmpty()) {
                warnings.add(doc.where() + ": ConfigMap " + name + ": binaryData is kept out of the environment");
            }
        }
        return new Result(new ConfigData(kind, name, data, doc.where()), warnings);
    }

    private static Iterable<Map.Entry<String, JsonNode>> entries(KubeDocument doc, JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new InvalidInputException(doc.where(), field + ": must be a mapping of keys to strings");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getKey().length() > 253 || !KEY.matcher(e.getKey()).matches()) {
                throw new InvalidInputException(doc.where(), field + "." + e.getKey()
                        + ": not a valid key: letters, digits, '-', '_' and '.' only");
            }
        }
        return node.properties();
    }

    private static String text(KubeDocument doc, Map.Entry<String, JsonNode> e, String field) {
        JsonNode v = e.getValue();
        if (v == null || v.isNull()) {
            return "";
        }
        if (v.isContainer()) {
            throw new InvalidInputException(doc.where(), field + "." + e.getKey() + ": must be a string");
        }
        return v.asString();
    }

    /** The decoded text, or null when the bytes are not UTF-8 text. */
    private static String decode(KubeDocument doc, String key, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(base64.strip());
            if (!base64.isBlank() && bytes.length == 0 || !base64.strip().matches("[A-Za-z0-9+/=\\s]*")) {
                throw new IllegalArgumentException("not base64");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(doc.where(), "data." + key + ": Secret " + doc.name()
                    + ": the value is not valid base64 (use stringData for plain text)");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
