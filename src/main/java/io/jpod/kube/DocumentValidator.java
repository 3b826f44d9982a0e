package io.jpod.kube;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Validates a document before anything acts on it: its keys given twice (found when it was read,
 * {@link LocatedTree}), against the JSON Schema of its kind ({@link SchemaValidator}: types, required
 * fields, values, fields Kubernetes does not know) and against Kubernetes' own rules
 * ({@link KubeRules}). Every problem is reported, in the order of the file, as
 * {@code file:line:col: path.to.field: message}.
 */
public final class DocumentValidator {
    private final SchemaValidator schemas = new SchemaValidator();
    private final ImageCheck images;

    /** A validator that takes every image reference as it is written. */
    public DocumentValidator() {
        this(ImageCheck.ANY);
    }

    /** A validator that asks {@code images} whether each container's image can be parsed. */
    public DocumentValidator(ImageCheck images) {
        this.images = images;
    }

    /** Whether {@code kind} is one jpod validates (and accepts). */
    public static boolean accepts(String kind) {
        return kind != null && SchemaValidator.kinds().contains(kind);
    }

    /** Every problem of {@code doc}, one message each; empty when it is valid. */
    public List<String> problems(KubeDocument doc) {
        List<Violation> all = new ArrayList<>(doc.duplicateKeys());
        all.addAll(schemas.validate(doc));
        if (accepts(doc.kind())) {
            all.addAll(KubeRules.check(doc.node(), doc.kind(), images));
        }
        all.sort(Comparator.comparingLong(v -> v.position(doc)));
        return all.stream().map(v -> v.describe(doc)).distinct().toList();
    }
}
