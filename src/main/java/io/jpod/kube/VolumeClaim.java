package io.jpod.kube;

import io.jpod.error.InvalidInputException;
import io.jpod.pod.ClaimSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A PersistentVolumeClaim: kube play makes it a named volume of its name, as podman does. Its spec
 * (access modes, storage class, volume mode, size) is kept with the volume for {@code kube generate}; what a local
 * volume cannot honour (a size, a storage class, a block device) is one warning; podman's
 * {@code volume.podman.io/*} annotations become the volume's options.
 *
 * @param name        metadata.name, the volume's name
 * @param labels      metadata.labels, the volume's labels
 * @param annotations metadata.annotations, kept for {@code kube generate}
 * @param options     the volume options the annotations give (uid, gid…)
 * @param spec        its spec, as written
 * @param where       where the document starts (file:line:col)
 */
public record VolumeClaim(String name, Map<String, String> labels, Map<String, String> annotations, Map<String, String> options,
        ClaimSpec spec, String where) {
    public static final String KIND = "PersistentVolumeClaim";
    /** podman's annotations on a PVC → the volume option each sets. */
    static final Map<String, String> OPTIONS = Map.of("volume.podman.io/uid", "uid", "volume.podman.io/gid", "gid",
            "volume.podman.io/mount-options", "o", "volume.podman.io/device", "device", "volume.podman.io/type", "type");
    /** Options jpod's local driver does not apply: a warning each. */
    static final Set<String> NOT_APPLIED = Set.of("o", "device", "type");
    static final String DRIVER = "volume.podman.io/driver";
    static final FieldCheck FIELDS = new FieldCheck(Set.of("apiVersion", "kind", "metadata.*", "spec", "spec.accessModes.*",
            "spec.storageClassName", "spec.volumeMode", "spec.resources", "spec.resources.requests", "spec.resources.requests.storage",
            "status.*"));
    /** The volume mode of a directory. */
    static final String FILESYSTEM = "Filesystem";

    public VolumeClaim {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        spec = spec == null ? ClaimSpec.NONE : spec;
    }

    /** The result of reading a PVC document. */
    public record Result(VolumeClaim claim, List<String> warnings) {
    }

    /** Reads a PersistentVolumeClaim document; bad input is refused naming the field. */
    public static Result of(KubeDocument doc) {
        String name = doc.name();
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException(doc.where(), "metadata.name: a " + KIND + " needs a name");
        }
        if (!KubeNames.isObjectName(name)) {
            throw new InvalidInputException(doc.where(), "metadata.name: \"" + name + "\" is not a valid " + KIND + " name: " + KubeNames.SUBDOMAIN_RULE);
        }
        List<String> warnings = new ArrayList<>();
        for (String field : FIELDS.unsupported(doc.node())) {
            warnings.add(doc.where() + ": " + KIND + " " + name + ": field " + field + " is not supported yet and is ignored");
        }
        Map<String, String> labels = strings(doc, "labels");
        Map<String, String> annotations = strings(doc, "annotations");
        Map<String, String> options = new LinkedHashMap<>();
        annotations.forEach((k, v) -> {
            String option = OPTIONS.get(k);
            if (option != null) {
                options.put(option, v);
                if (NOT_APPLIED.contains(option)) {
                    warnings.add(doc.where() + ": " + KIND + " " + name + ": annotation " + k
                            + " is not supported yet: the volume is a plain directory");
                }
            } else if (k.equals(DRIVER) && !v.equals("local")) {
                warnings.add(doc.where() + ": " + KIND + " " + name + ": volume driver \"" + v
                        + "\" is not supported: the local driver is used");
            } else if (k.startsWith("volume.podman.io/") && !k.equals(DRIVER)) {
                warnings.add(doc.where() + ": " + KIND + " " + name + ": annotation " + k + " is not supported yet and is ignored");
            }
        });
        for (String id : List.of("uid", "gid")) {
            String v = options.get(id);
            if (v != null && !v.matches("[0-9]{1,9}")) {
                throw new InvalidInputException(doc.where(), "metadata.annotations.volume.podman.io/" + id + ": \"" + v
                        + "\" is not a number");
            }
        }
        ClaimSpec spec = spec(doc.node().path("spec"));
        List<String> notHonoured = notHonoured(spec);
        if (!notHonoured.isEmpty()) {
            warnings.add(doc.where() + ": " + KIND + " " + name + ": a local volume cannot honour " + String.join(", nor ", notHonoured)
                    + " (kept for kube generate)");
        }
        return new Result(new VolumeClaim(name, labels, annotations, options, spec, doc.where()), warnings);
    }

    private static ClaimSpec spec(JsonNode spec) {
        List<String> modes = new ArrayList<>();
        spec.path("accessModes").forEach(m -> modes.add(m.asString()));
        return new ClaimSpec(modes, text(spec.path("storageClassName")), text(spec.path("volumeMode")),
                text(spec.path("resources").path("requests").path("storage")));
    }

    private static String text(JsonNode n) {
        return n.isValueNode() && !n.isNull() ? n.asString() : null;
    }

    /** What of {@code spec} a directory of jpod's does not give: a size, a storage class, a block device. */
    static List<String> notHonoured(ClaimSpec spec) {
        List<String> out = new ArrayList<>();
        if (spec.storage() != null) {
            out.add("its size request (resources.requests.storage " + spec.storage() + ": a directory has no quota here)");
        }
        if (spec.storageClassName() != null && !spec.storageClassName().isEmpty()) {
            out.add("storageClassName \"" + spec.storageClassName() + "\" (no storage class exists here)");
        }
        if (spec.volumeMode() != null && !spec.volumeMode().equals(FILESYSTEM)) {
            out.add("volumeMode " + spec.volumeMode() + " (the volume is a directory, of volumeMode " + FILESYSTEM + ")");
        }
        return out;
    }

    private static Map<String, String> strings(KubeDocument doc, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode m = doc.node().path("metadata").path(field);
        if (m.isMissingNode() || m.isNull()) {
            return out;
        }
        if (!m.isObject()) {
            throw new InvalidInputException(doc.where(), "metadata." + field + ": must be a map of strings");
        }
        for (Map.Entry<String, JsonNode> e : m.properties()) {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new InvalidInputException(doc.where(), "metadata." + field + "." + e.getKey() + ": must be a string");
            }
            out.put(e.getKey(), e.getValue().asString());
        }
        return out;
    }
}
