package io.jpod.kube;

import io.jpod.error.InvalidInputException;
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
 * each value is (JSON pointer → line:col), so that every problem can name its own line.
 */
final class LocatedTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LocatedTree() {
    }

    /**
     * Reads the value whose first token is the parser's current one; the parser is left on its last token.
     * A key given twice in one mapping is refused, as Kubernetes' strict decoding refuses it (YAML and
     * JSON parsers would keep the last one and drop the first without a word).
     */
    static JsonNode read(JsonParser p, String source, FieldPath path, Map<String, Long> at) {
        TokenStreamLocation loc = p.currentTokenLocation();
        at.put(path.pointer(), NodeLocations.pack(loc.getLineNr(), loc.getColumnNr()));
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = p.currentName();
                    FieldPath child = path.field(name);
                    if (o.has(name)) {
                        TokenStreamLocation keyAt = p.currentTokenLocation();
                        long first = at.get(child.pointer());
                        throw new InvalidInputException(source + ":" + keyAt.getLineNr() + ":" + keyAt.getColumnNr(),
                                "duplicate key \"" + shorten(name) + "\"" + (path.parts().isEmpty() ? "" : " in " + path)
                                        + ": it is already set at line " + (first >>> 32) + " (a mapping takes each key once)");
                    }
                    p.nextToken();
                    o.set(name, read(p, source, child, at));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(read(p, source, path.index(i++), at));
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

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
