package io.jpod.kube;

import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeSource;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.jpod.error.InvalidInputException;
import io.jpod.pod.Volume;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Volumes of files (fabric8 model) → {@link Volume.Files}: configMap and secret (the play's
 * ConfigMaps and Secrets), downwardAPI (the pod's own fields) and projected (several of those in one
 * directory), with items, mode and defaultMode as Kubernetes has them.
 */
final class FileVolumes {
    static final int DEFAULT_MODE = 0644;

    private final KubeDocument doc;
    private final String what;
    private final EnvSources sources;
    private final EnvTranslator.PodFields pod;
    private final List<String> warnings;

    FileVolumes(KubeDocument doc, String what, EnvSources sources, EnvTranslator.PodFields pod, List<String> warnings) {
        this.doc = doc;
        this.what = what;
        this.sources = sources;
        this.pod = pod;
        this.warnings = warnings;
    }

    Volume.Files configMap(ConfigMapVolumeSource cm, String at) {
        int mode = mode(cm.getDefaultMode(), at + ".defaultMode", DEFAULT_MODE);
        return keyed(false, cm.getName(), cm.getItems(), cm.getDefaultMode(), mode, Boolean.TRUE.equals(cm.getOptional()), at);
    }

    Volume.Files secret(SecretVolumeSource s, String at) {
        int mode = mode(s.getDefaultMode(), at + ".defaultMode", DEFAULT_MODE);
        return keyed(true, s.getSecretName(), s.getItems(), s.getDefaultMode(), mode, Boolean.TRUE.equals(s.getOptional()), at);
    }

    Volume.Files downwardAPI(DownwardAPIVolumeSource d, String at) {
        int mode = mode(d.getDefaultMode(), at + ".defaultMode", DEFAULT_MODE);
        return downward(d.getItems(), d.getDefaultMode(), mode, at);
    }

    Volume.Files projected(ProjectedVolumeSource p, String at) {
        int mode = mode(p.getDefaultMode(), at + ".defaultMode", DEFAULT_MODE);
        List<Volume.Files> parts = new ArrayList<>();
        List<Volume.File> files = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        List<VolumeProjection> in = p.getSources() == null ? List.of() : p.getSources();
        for (int i = 0; i < in.size(); i++) {
            VolumeProjection s = in.get(i);
            String sat = at + ".sources[" + i + "]";
            Volume.Files part;
            if (s.getConfigMap() != null) {
                var cm = s.getConfigMap();
                part = keyed(false, cm.getName(), cm.getItems(), null, mode, Boolean.TRUE.equals(cm.getOptional()), sat + ".configMap");
            } else if (s.getSecret() != null) {
                var sec = s.getSecret();
                part = keyed(true, sec.getName(), sec.getItems(), null, mode, Boolean.TRUE.equals(sec.getOptional()), sat + ".secret");
            } else if (s.getDownwardAPI() != null) {
                part = downward(s.getDownwardAPI().getItems(), null, mode, sat + ".downwardAPI");
            } else {
                String kind = doc.node().at(pointer(sat)).propertyNames().stream().findFirst().orElse("(empty)");
                warnings.add(doc.where() + ": " + what + ": " + sat + ": projected " + kind
                        + " sources are not supported: left out of the volume");
                continue;
            }
            for (Volume.File f : part.files()) {
                if (!paths.add(f.path())) {
                    throw problem(sat, "path \"" + f.path() + "\" is also made by another source of the projected volume");
                }
                files.add(f);
            }
            parts.add(part);
        }
        boolean secret = parts.stream().anyMatch(Volume.Files::secret);
        return new Volume.Files(secret, null, files, Volume.Files.PROJECTED, false, p.getDefaultMode() == null ? null : mode,
                false, parts);
    }

    private Volume.Files keyed(boolean secret, String source, List<KeyToPath> items, Integer defaultMode, int mode,
            boolean optional, String at) {
        String kind = secret ? ConfigData.SECRET : ConfigData.CONFIG_MAP;
        String yamlKind = secret ? Volume.Files.SECRET : Volume.Files.CONFIG_MAP;
        Integer written = defaultMode == null ? null : mode;
        boolean itemized = items != null && !items.isEmpty();
        if (source == null || source.isEmpty()) {
            throw problem(at + (secret && at.endsWith(".secret") && !at.contains("sources[") ? ".secretName" : ".name"),
                    "a " + kind + " volume needs the " + kind + "'s name");
        }
        var data = sources.find(secret, source);
        if (data.isEmpty()) {
            if (optional || sources.lenient()) {
                return new Volume.Files(secret, source, List.of(), yamlKind, optional, written, itemized, null);
            }
            throw problem(at, what + ": " + kind + " \"" + source + "\" not found: put it in the played files"
                    + (secret ? "" : " or a --configmap file") + ", or mark the volume optional: true");
        }
        Map<String, String> values = data.get().data();
        List<Volume.File> files = new ArrayList<>();
        if (!itemized) {
            values.forEach((k, v) -> files.add(new Volume.File(k, v, mode)));
            return new Volume.Files(secret, source, files, yamlKind, optional, written, false, null);
        }
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            KeyToPath item = items.get(i);
            String itemAt = at + ".items[" + i + "]";
            String value = item.getKey() == null ? null : values.get(item.getKey());
            if (value == null) {
                if (optional || sources.lenient()) {
                    continue;
                }
                throw problem(itemAt + ".key", what + ": " + kind + " " + source + " has no key \"" + item.getKey() + "\"");
            }
            String path = path(item.getPath(), itemAt, paths);
            files.add(new Volume.File(path, value, mode(item.getMode(), itemAt + ".mode", mode), item.getKey()));
        }
        return new Volume.Files(secret, source, files, yamlKind, optional, written, true, null);
    }

    private Volume.Files downward(List<DownwardAPIVolumeFile> items, Integer defaultMode, int mode, String at) {
        List<Volume.File> files = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        List<DownwardAPIVolumeFile> in = items == null ? List.of() : items;
        for (int i = 0; i < in.size(); i++) {
            DownwardAPIVolumeFile item = in.get(i);
            String itemAt = at + ".items[" + i + "]";
            String path = path(item.getPath(), itemAt, paths);
            if (item.getResourceFieldRef() != null) {
                warnings.add(doc.where() + ": " + what + ": " + itemAt + ".resourceFieldRef: resource fields are not supported"
                        + " in volumes yet: " + path + " is left out");
                continue;
            }
            if (item.getFieldRef() == null || item.getFieldRef().getFieldPath() == null) {
                throw problem(itemAt, "a downwardAPI item needs a fieldRef.fieldPath (or a resourceFieldRef)");
            }
            String fieldPath = item.getFieldRef().getFieldPath();
            files.add(new Volume.File(path, field(fieldPath, itemAt + ".fieldRef.fieldPath"),
                    mode(item.getMode(), itemAt + ".mode", mode), fieldPath));
        }
        return new Volume.Files(false, null, files, Volume.Files.DOWNWARD_API, false, defaultMode == null ? null : mode, true, null);
    }

    /** A downwardAPI file's text, as the kubelet writes it: maps as sorted {@code key="value"} lines. */
    private String field(String fieldPath, String at) {
        if (fieldPath.equals("metadata.labels") || fieldPath.equals("metadata.annotations")) {
            return io.jpod.pod.PodMetadata.formatMap(fieldPath.equals("metadata.labels") ? pod.labels() : pod.annotations());
        }
        String value = pod.metadata(fieldPath);
        if (value != null) {
            return value;
        }
        throw problem(at, "fieldPath \"" + fieldPath + "\" is not supported in a downwardAPI volume: metadata.name,"
                + " metadata.namespace, metadata.uid, metadata.labels, metadata.annotations, metadata.labels['KEY']"
                + " or metadata.annotations['KEY']");
    }

    private String path(String path, String itemAt, Set<String> paths) {
        if (path == null || path.isEmpty() || path.startsWith("/") || List.of(path.split("/")).contains("..")) {
            throw problem(itemAt + ".path", "must be a relative path without '..'");
        }
        if (!paths.add(path)) {
            throw problem(itemAt + ".path", "duplicate path \"" + path + "\"");
        }
        return path;
    }

    private int mode(Integer m, String at, int dflt) {
        if (m == null) {
            return dflt;
        }
        // YAML 1.1, as Kubernetes reads it: 0644 is octal; the parser hands it over as the text "0644"
        JsonNode raw = doc.node().at(pointer(at));
        if (raw.isString() && raw.asString().matches("0o?[0-7]+")) {
            m = Integer.parseInt(raw.asString().replaceFirst("^0o?", "0"), 8);
        }
        if (m < 0 || m > 0777) {
            throw problem(at, "must be between 0 and 0777 (octal), or 0 and 511 (decimal)");
        }
        return m;
    }

    /** "spec.volumes[0]" → "/spec/volumes/0" */
    static String pointer(String at) {
        return "/" + at.replace("[", ".").replace("]", "").replace('.', '/');
    }

    private InvalidInputException problem(String path, String message) {
        return new InvalidInputException(doc.where(), path + ": " + message);
    }
}
