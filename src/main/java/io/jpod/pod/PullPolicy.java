package io.jpod.pod;

import io.jpod.error.Choices;

/**
 * A container's {@code imagePullPolicy}, with Kubernetes' default: {@code Always} for an image
 * tagged {@code latest} or not tagged (and not pinned by digest), {@code IfNotPresent} otherwise.
 */
public enum PullPolicy {
    ALWAYS("Always"), IF_NOT_PRESENT("IfNotPresent"), NEVER("Never");

    private final String yamlName;

    PullPolicy(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name as YAML writes it. */
    public String yamlName() {
        return yamlName;
    }

    /** The policy named {@code value} as YAML writes it, given at {@code field} of the document at {@code where}. */
    public static PullPolicy parse(String value, String where, String field) {
        return Choices.parse(PullPolicy.class, value, "imagePullPolicy", where, field, PullPolicy::yamlName);
    }

    /** Kubernetes' default for {@code image}: Always for {@code :latest}, no tag and no digest; IfNotPresent otherwise. */
    public static PullPolicy defaultFor(String image) {
        int at = image.indexOf('@');
        if (at >= 0) {
            return IF_NOT_PRESENT;
        }
        int colon = image.lastIndexOf(':');
        String tag = colon > image.lastIndexOf('/') ? image.substring(colon + 1) : null;
        return tag == null || tag.equals("latest") ? ALWAYS : IF_NOT_PRESENT;
    }
}
