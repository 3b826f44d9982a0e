package io.jpod.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Finds the fields of a document that jpod does not honour, so that they are reported rather than
 * silently dropped. In a play these are fields Kubernetes knows: one it does not know was refused
 * before, by the validator ({@link SchemaValidator}). Supported fields are given as dotted paths: {@code spec.containers[].name};
 * a path ending in {@code .*} accepts anything below it. A field set to nothing ({@link #asksNothing})
 * is not reported.
 */
public final class FieldCheck {
    private final Set<String> supported;

    public FieldCheck(Set<String> supported) {
        this.supported = Set.copyOf(supported);
    }

    /** The union of {@code supported} and every set of {@code more}. */
    @SafeVarargs
    public FieldCheck(Set<String> supported, Set<String>... more) {
        Set<String> all = new java.util.HashSet<>(supported);
        for (Set<String> m : more) {
            all.addAll(m);
        }
        this.supported = Set.copyOf(all);
    }

    /** The supported paths, as given. */
    public Set<String> patterns() {
        return supported;
    }

    /** Paths (with indexes, e.g. {@code spec.containers[1].ports}) of fields that are not supported. */
    public List<String> unsupported(JsonNode node) {
        List<String> out = new ArrayList<>();
        walk(node, "", "", out);
        return out;
    }

    /**
     * A value that asks for nothing a local run lacks: null, {@code {}}, {@code []} or {@code false}
     * (e.g. podman's generated {@code resources: {}}, {@code enableServiceLinks: false},
     * {@code automountServiceAccountToken: false}: jpod has no service links or tokens to turn off).
     */
    static boolean asksNothing(JsonNode value) {
        return value.isNull() || (value.isContainer() && value.isEmpty()) || (value.isBoolean() && !value.booleanValue());
    }

    private void walk(JsonNode node, String pattern, String path, List<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String p = pattern.isEmpty() ? e.getKey() : pattern + "." + e.getKey();
                String shown = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (supported.contains(p + ".*")) {
                    continue;
                }
                if (!supported.contains(p)) {
                    if (!asksNothing(e.getValue())) {
                        out.add(shown);
                    }
                    continue;
                }
                walk(e.getValue(), p, shown, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pattern + "[]", path + "[" + i + "]", out);
            }
        }
    }
}
