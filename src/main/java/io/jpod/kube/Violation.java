package io.jpod.kube;

/**
 * One thing wrong in a document: where (a field path) and what.
 *
 * @param path    the field at fault
 * @param message what is wrong with it
 * @param at      where to show it (a packed line:col, {@link NodeLocations#pack}), or 0 for where the
 *                node at {@code path} is (its parent's when it is missing)
 */
public record Violation(FieldPath path, String message, long at) {

    /** A violation shown where the node at {@code path} is. */
    public Violation(FieldPath path, String message) {
        this(path, message, 0);
    }

    /** A violation about {@code path} shown at {@code line:column} (a key, say, rather than its value). */
    static Violation at(FieldPath path, String message, int[] lineColumn) {
        return new Violation(path, message, NodeLocations.pack(lineColumn[0], lineColumn[1]));
    }

    /** "file:line:col: path: message". */
    public String describe(KubeDocument doc) {
        return where(doc) + ": " + path + ": " + message;
    }

    /** "file:line:col" of this violation in {@code doc}. */
    String where(KubeDocument doc) {
        if (at == 0) {
            return doc.at(path);
        }
        int[] lc = NodeLocations.unpack(at);
        return doc.source() + ":" + lc[0] + ":" + lc[1];
    }

    /** The packed line:col by which violations are listed in the file's order (0 when unknown). */
    long position(KubeDocument doc) {
        if (at != 0) {
            return at;
        }
        int[] lc = doc.locations().find(path.pointer());
        return lc == null ? 0 : NodeLocations.pack(lc[0], lc[1]);
    }
}
