package io.jpod.kube;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each node of a document is in its file: JSON pointer ({@code /spec/containers/0/name}) →
 * 1-based line and column of the node's value. A node missing from the document is placed at its
 * nearest present parent, so that "missing field" problems point at the object that lacks it.
 */
public final class NodeLocations {
    /** A document without positions (built in code): every node is where the document starts. */
    public static final NodeLocations NONE = new NodeLocations(Map.of());

    private final Map<String, Long> at;

    NodeLocations(Map<String, Long> at) {
        this.at = Collections.unmodifiableMap(new HashMap<>(at));
    }

    static long pack(int line, int column) {
        return ((long) line << 32) | (column & 0xffffffffL);
    }

    /** The line and column of {@code pointer}, or of its nearest parent that is known; null if none is. */
    public int[] find(String pointer) {
        String p = pointer;
        while (true) {
            Long v = at.get(p);
            if (v != null) {
                return new int[] {(int) (v >>> 32), (int) (long) v};
            }
            if (p.isEmpty()) {
                return null;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    /** The locations below {@code pointer}, re-rooted there (the items of a List). */
    NodeLocations below(String pointer) {
        Map<String, Long> out = new HashMap<>();
        for (Map.Entry<String, Long> e : at.entrySet()) {
            String k = e.getKey();
            if (k.equals(pointer) || k.startsWith(pointer + "/")) {
                out.put(k.substring(pointer.length()), e.getValue());
            }
        }
        return new NodeLocations(out);
    }
}
