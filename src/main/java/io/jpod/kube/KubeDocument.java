package io.jpod.kube;

import io.jpod.error.InvalidInputException;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One YAML document of a Kubernetes file, with where it starts and where each of its nodes is.
 *
 * @param source    file name as the user gave it ("-" for stdin)
 * @param line      1-based line of the document's first token
 * @param column    1-based column of the document's first token
 * @param locations where each node is (JSON pointer → line:col); {@link NodeLocations#NONE} when unknown
 * @param duplicateKeys the keys given twice in one of its mappings, as read (the tree keeps the first)
 */
public record KubeDocument(String source, int line, int column, JsonNode node, NodeLocations locations,
        List<Violation> duplicateKeys) {

    public KubeDocument {
        locations = locations == null ? NodeLocations.NONE : locations;
        duplicateKeys = List.copyOf(duplicateKeys);
    }

    public KubeDocument(String source, int line, int column, JsonNode node) {
        this(source, line, column, node, NodeLocations.NONE, List.of());
    }

    /** "file:line:col", the prefix of every message about this document. */
    public String where() {
        return source + ":" + line + ":" + column;
    }

    /** "file:line:col" of the node at {@code path}, or of its nearest parent present (else of the document). */
    public String at(FieldPath path) {
        int[] lc = locations.find(path.pointer());
        return lc == null ? where() : source + ":" + lc[0] + ":" + lc[1];
    }

    /**
     * A message about this document placed at its field: "file:line:col: path: message" with the
     * line and column of the node the message's leading field path names (else of the document).
     * {@code message} is "path: what", as the translators write it.
     */
    public String locate(String message) {
        int colon = message.indexOf(": ");
        String head = colon < 0 ? "" : message.substring(0, colon);
        if (head.isEmpty() || !head.matches("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*|\\[\\d+\\])*")) {
            return where() + ": " + message;
        }
        return at(FieldPath.parse(head)) + ": " + message;
    }

    /**
     * A translator's problem about this document, placed at the line:col of the field it names when
     * it is "file:line:col: path: message" with this document's start; else its message as it is.
     */
    String locate(InvalidInputException e) {
        String prefix = where() + ": ";
        return where().equals(e.where()) && e.getMessage().startsWith(prefix) ? locate(e.getMessage().substring(prefix.length()))
                : e.getMessage();
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
