package io.jpod.kube;

/** One thing wrong in a document: where (a field path) and what. */
public record Violation(FieldPath path, String message) {

    /** "file:line:col: path: message", the line and column being the offending node's (or its parent's when missing). */
    public String describe(KubeDocument doc) {
        return doc.at(path) + ": " + path + ": " + message;
    }
}
