package io.jpod.kube;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a document's tree from the parser's tokens, as {@code readTree} would, and records where
 * each value and each key is (JSON pointer → line:col), so that every problem can name its own line.
 * A key given twice in one mapping is a problem of the document, as Kubernetes' strict decoding
 * refuses it (YAML and JSON parsers would keep the last one and drop the first without a word):
 * the first one is kept, and the second one, its value unread, named at its own line:col.
 */
final class LocatedTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, Long> at = new HashMap<>();
    private final Map<String, Long> keys = new HashMap<>();
    private final List<Violation> duplicateKeys = new ArrayList<>();

    private LocatedTree() {
    }

    /**
     * A document's tree, where its nodes are, and its duplicate keys.
     *
     * @param duplicateKeys each key given again in a mapping, at the second one (the mapping's path)
     */
    record Located(JsonNode node, NodeLocations locations, List<Violation> duplicateKeys) {
        Located {
            duplicateKeys = List.copyOf(duplicateKeys);
        }
    }

    /** Reads the value whose first token is the parser's current one; the parser is left on its last token. */
    static Located read(JsonParser p) {
        LocatedTree tree = new LocatedTree();
        JsonNode node = tree.value(p, FieldPath.ROOT);
        return new Located(node, new NodeLocations(tree.at, tree.keys), tree.duplicateKeys);
    }

    private JsonNode value(JsonParser p, FieldPath path) {
        at.put(path.pointer(), position(p));
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = p.currentName();
                    FieldPath child = path.field(name);
                    long key = position(p);
                    p.nextToken();
                    if (o.has(name)) {
                        int firstLine = NodeLocations.unpack(keys.get(child.pointer()))[0];
                        duplicateKeys.add(Violation.at(path, "duplicate key \"" + shorten(name) + "\" (first at line " + firstLine + ")",
                                NodeLocations.unpack(key)));
                        p.skipChildren();
                        continue;
                    }
                    keys.put(child.pointer(), key);
                    o.set(name, value(p, child));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(value(p, path.index(i++)));
                }
                return a;
            }
            case VALUE_STRING -> {
                return NODES.stringNode(p.getString());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> {
                Object o = p.getEmbeddedObject();
                return o instanceof byte[] b ? NODES.binaryNode(b) : NODES.pojoNode(o);
            }
        }
    }

    private static long position(JsonParser p) {
        TokenStreamLocation loc = p.currentTokenLocation();
        return NodeLocations.pack(loc.getLineNr(), loc.getColumnNr());
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
