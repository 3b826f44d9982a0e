package io.jpod.kube;

import tools.jackson.databind.JsonNode;

/**
 * One YAML document of a Kubernetes file, with where it starts.
 *
 * @param source file name as the user gave it ("-" for stdin)
 * @param line   1-based line of the document's first token
 * @param column 1-based column of the document's first token
 */
public record KubeDocument(String source, int line, int column, JsonNode node) {

    /** "file:line:col", the prefix of every message about this document. */
    public String where() {
        return source + ":" + line + ":" + column;
    }

    public String kind() {
        JsonNode k = node.get("kind");
        return k == null || !k.isString() ? null : k.asString();
    }

    public String apiVersion() {
        JsonNode v = node.get("apiVersion");
        return v == null || !v.isString() ? null : v.asString();
    }

    public String name() {
        JsonNode m = node.get("metadata");
        JsonNode n = m == null ? null : m.get("name");
        return n == null || !n.isString() ? null : n.asString();
    }
}
