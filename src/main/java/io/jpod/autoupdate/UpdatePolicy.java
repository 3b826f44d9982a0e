package io.jpod.autoupdate;

import io.jpod.error.InvalidInputException;
import java.util.Map;

/**
 * How a container follows its image, as podman reads it from the annotations
 * {@value #POD_KEY} (every container of the pod) and {@value #POD_KEY}/CONTAINER (one container,
 * which wins): {@code registry} (the digest of the image in its registry differs from the one the
 * container runs; {@code image} is podman's older word for it), {@code local} (the name now names
 * another image of the local store), or {@code disabled} (the default).
 */
public enum UpdatePolicy {
    REGISTRY("registry"), LOCAL("local"), DISABLED("disabled");

    /** podman's annotation: the policy of every container of the pod. */
    public static final String POD_KEY = "io.containers.autoupdate";
    /** podman's annotation: the auth file a registry check and pull of the pod use. */
    public static final String AUTHFILE_KEY = "io.containers.autoupdate.authfile";

    private final String word;

    UpdatePolicy(String word) {
        this.word = word;
    }

    /** The word podman shows and the annotation holds. */
    public String word() {
        return word;
    }

    /** The policy {@code value} names; {@code where} says where it was written. */
    public static UpdatePolicy parse(String value, String where) {
        String v = value.strip();
        if (v.equals("image")) {
            return REGISTRY;
        }
        for (UpdatePolicy p : values()) {
            if (p.word.equals(v)) {
                return p;
            }
        }
        throw new InvalidInputException(where, "unknown auto-update policy \"" + value + "\": must be one of registry, local, disabled");
    }

    /** The policy of container {@code container} of a pod annotated {@code annotations}. */
    public static UpdatePolicy of(Map<String, String> annotations, String container) {
        String own = annotations.get(POD_KEY + "/" + container);
        if (own != null) {
            return parse(own, "metadata.annotations." + POD_KEY + "/" + container);
        }
        String pod = annotations.get(POD_KEY);
        return pod == null ? DISABLED : parse(pod, "metadata.annotations." + POD_KEY);
    }

    /** Whether an annotation key is one of the policy's keys. */
    public static boolean isPolicyKey(String key) {
        return key.equals(POD_KEY) || key.startsWith(POD_KEY + "/");
    }
}
