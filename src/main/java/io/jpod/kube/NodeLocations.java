package io.jpod.kube;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each node of a document is in its file: JSON pointer ({@code /spec/containers/0/name}) →
 * 1-based line and column of the node's value, and of its key when it is a mapping's property. A
 * node missing from the document is placed at its nearest present parent, so that "missing field"
 * problems point at the object that lacks it.
 */
public final class NodeLocations {
    /** A document without positions (built in code): every node is where the document starts. */
    public static final NodeLocations NONE = new NodeLocations(Map.of(), Map.of());

    private final Map<String, Long> at;
    private final Map<String, Long> keys;

    /**
     * @param at   pointer → packed line:col of the node's value
     * @param keys pointer → packed line:col of the property's key (properties only)
     */
    NodeLocations(Map<String, Long> at, Map<String, Long> keys) {
        this.at = Collections.unmodifiableMap(new HashMap<>(at));
        this.keys = Collections.unmodifiableMap(new HashMap<>(keys));
    }

    static long pack(int line, int column) {
        return ((long) line << 32) | (column & 0xffffffffL);
    }

    static int[] unpack(long packed) {
        return new int[] {(int) (packed >>> 32), (int) packed};
    }

    /** The line and column of {@code pointer}, or of its nearest parent that is known; null if none is. */
    public int[] find(String pointer) {
        String p = pointer;
        while (true) {
            Long v = at.get(p);
            if (v != null) {
                return unpack(v);
            }
            if (p.isEmpty()) {
                return null;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    /** The line and column of the key of the property at {@code pointer}; else as {@link #find}. */
    public int[] findKey(String pointer) {
        Long k = keys.get(pointer);
        return k == null ? find(pointer) : unpack(k);
    }

    /** The locations below {@code pointer}, re-rooted there (the items of a List). */
    NodeLocations below(String pointer) {
        return new NodeLocations(below(at, pointer), below(keys, pointer));
    }

    private static Map<String, Long> below(Map<String, Long> all, String pointer) {
        Map<String, Long> out = new HashMap<>();
        for (Map.Entry<String, Long> e : all.entrySet()) {
            String k = e.getKey();
            if (k.equals(pointer) || k.startsWith(pointer + "/")) {
                out.put(k.substring(pointer.length()), e.getValue());
            }
        }
        return out;
    }
}
