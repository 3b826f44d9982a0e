package io.jpod.kube;

/**
 * Whether a container's {@code image} can be parsed as an image reference, asked while a document is validated so
 * that a bad one is reported at its {@code image:} line rather than when the container is created. The rule is the
 * image store's ({@code image.ImageReference}), which the engine hands in: kube does not read images itself.
 */
@FunctionalInterface
public interface ImageCheck {
    /** Accepts every reference (what the parser alone can tell: a document read without a host). */
    ImageCheck ANY = reference -> null;

    /** Why {@code reference} is not an image reference ("invalid reference format: …"), or null when it is one. */
    String problem(String reference);
}
