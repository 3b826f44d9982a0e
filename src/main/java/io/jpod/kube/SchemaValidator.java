package io.jpod.kube;

import io.jpod.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a document against the JSON Schema of its kind (schemas/, on the class path as
 * {@code /schemas/<kind>.json}), reporting every violation with its field path. It reads the
 * subset of JSON Schema that {@link SchemaGenerator} writes: type, format (int32/int64),
 * properties, additionalProperties (a schema, or {@code false}: a field the object does not have is
 * unknown, as in kubectl's strict field validation, shown at its key with the nearest field of
 * that object when one is near), items, required, enum, $ref into $defs, and
 * {@code x-kubernetes-int-or-string}. A null value is an unset field, as Kubernetes reads it.
 * A schema is loaded the first time a document of its kind is checked.
 */
public final class SchemaValidator {
    /** Checked by the caller, with messages that name the kind. */
    private static final Set<String> CHECKED_ELSEWHERE = Set.of("apiVersion", "kind");
    private static final Pattern YAML11_OCTAL = Pattern.compile("0o?[0-7]+");

    private final Map<String, JsonNode> schemas = new HashMap<>();
    private final JsonMapper json = Json.mapper();

    /** The kinds that have a schema. */
    public static Set<String> kinds() {
        return SchemaGenerator.KINDS.keySet();
    }

    /** Every violation of {@code doc} against its kind's schema; none for a kind without one. */
    public List<Violation> validate(KubeDocument doc) {
        String kind = doc.kind();
        if (kind == null || !kinds().contains(kind)) {
            return List.of();
        }
        JsonNode schema = schemas.computeIfAbsent(kind, this::load);
        List<Violation> out = new ArrayList<>();
        new Walk(schema, doc.locations(), out).object(schema, doc.node(), FieldPath.ROOT);
        return out;
    }

    private JsonNode load(String kind) {
        String resource = "/schemas/" + SchemaGenerator.fileName(kind);
        try (InputStream in = SchemaValidator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Walk(JsonNode root, NodeLocations locations, List<Violation> out) {

        void check(JsonNode schema, JsonNode value, FieldPath path) {
            JsonNode s = resolve(schema);
            if (value == null || value.isNull()) {
                return;
            }
            if (s.path("x-kubernetes-int-or-string").asBoolean(false)) {
                if (!value.isIntegralNumber() && !value.isString()) {
                    out.add(new Violation(path, "must be an integer or a string, not " + describe(value)));
                }
                return;
            }
            switch (s.path("type").asString("")) {
                case "object" -> object(s, value, path);
                case "array" -> {
                    if (!value.isArray()) {
                        out.add(new Violation(path, "must be a list, not " + describe(value)));
                        return;
                    }
                    for (int i = 0; i < value.size(); i++) {
                        check(s.path("items"), value.get(i), path.index(i));
                    }
                }
                case "string" -> {
                    if (!value.isString()) {
                        out.add(new Violation(path, "must be a string, not " + describe(value)
                                + (value.isValueNode() ? ": quote it" : "")));
                    } else {
                        enumeration(s, value, path);
                    }
                }
                case "integer" -> integer(s, value, path);
                case "number" -> {
                    if (!value.isNumber()) {
                        out.add(new Violation(path, "must be a number, not " + describe(value)));
                    }
                }
                case "boolean" -> {
                    if (!value.isBoolean()) {
                        out.add(new Violation(path, "must be true or false, not " + describe(value)));
                    }
                }
                default -> {
                    // any value
                }
            }
        }

        void object(JsonNode s, JsonNode value, FieldPath path) {
            if (!value.isObject()) {
                out.add(new Violation(path, "must be a mapping, not " + describe(value)));
                return;
            }
            for (JsonNode r : s.path("required")) {
                JsonNode v = value.get(r.asString());
                if ((v == null || v.isNull()) && !(path.parts().isEmpty() && CHECKED_ELSEWHERE.contains(r.asString()))) {
                    out.add(new Violation(path.field(r.asString()), "required field is missing"));
                }
            }
            JsonNode props = s.path("properties");
            JsonNode more = s.get("additionalProperties");
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                if (path.parts().isEmpty() && CHECKED_ELSEWHERE.contains(e.getKey())) {
                    continue;
                }
                JsonNode p = props.get(e.getKey());
                if (p != null) {
                    check(p, e.getValue(), path.field(e.getKey()));
                } else if (more != null && more.isObject()) {
                    check(more, e.getValue(), path.field(e.getKey()));
                } else if (more != null && more.isBoolean() && !more.booleanValue()) {
                    unknown(props, path.field(e.getKey()));
                }
                // an object without additionalProperties takes any field
            }
        }

        /** A field the object does not have: at its key, with the object's nearest field when one is near. */
        private void unknown(JsonNode props, FieldPath field) {
            String name = field.last();
            String message = "unknown field \"" + name + "\""
                    + NearestName.among(name, props.propertyNames()).map(n -> ": did you mean \"" + n + "\"?").orElse("");
            int[] key = locations.findKey(field.pointer());
            out.add(key == null ? new Violation(field, message) : Violation.at(field, message, key));
        }

        private void integer(JsonNode s, JsonNode value, FieldPath path) {
            if (value.isString() && YAML11_OCTAL.matcher(value.asString()).matches()) {
                return; // 0644: an octal integer in YAML 1.1, as Kubernetes reads it; the parser hands it over as text
            }
            if (!value.isIntegralNumber()) {
                out.add(new Violation(path, "must be an integer, not " + describe(value)));
                return;
            }
            if (s.path("format").asString("").equals("int32") && !value.canConvertToInt()) {
                out.add(new Violation(path, "must be an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE));
            } else if (!value.canConvertToLong()) {
                out.add(new Violation(path, "is too large"));
            }
        }

        private void enumeration(JsonNode s, JsonNode value, FieldPath path) {
            JsonNode values = s.get("enum");
            if (values == null) {
                return;
            }
            for (JsonNode v : values) {
                if (v.asString().equals(value.asString())) {
                    return;
                }
            }
            List<String> valid = new ArrayList<>();
            values.forEach(v -> valid.add(v.asString().isEmpty() ? "\"\"" : v.asString()));
            out.add(new Violation(path, "\"" + value.asString() + "\" is not supported: must be one of " + String.join(", ", valid)));
        }

        private JsonNode resolve(JsonNode schema) {
            JsonNode s = schema;
            while (s.has("$ref")) {
                String ref = s.get("$ref").asString();
                s = root.at(ref.substring(1));
            }
            return s;
        }
    }

    static String describe(JsonNode v) {
        if (v.isString()) {
            return "a string (\"" + v.asString() + "\")";
        }
        if (v.isBoolean()) {
            return "a boolean (" + v.asString() + ")";
        }
        if (v.isNumber()) {
            return "a number (" + v.asString() + ")";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isObject()) {
            return "a mapping";
        }
        return "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
