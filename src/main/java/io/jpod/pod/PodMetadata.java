package io.jpod.pod;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pod's metadata as fieldRef and downwardAPI volumes read it: name, namespace, uid, labels and
 * annotations. Kept in the pod model so that a pod made from a workload's template under its own
 * name reads them again.
 */
public record PodMetadata(String name, String namespace, Map<String, String> labels, Map<String, String> annotations) {
    private static final Pattern MAP_FIELD = Pattern.compile("metadata\\.(labels|annotations)\\['([^']*)'\\]");

    public PodMetadata {
        labels = labels == null ? Map.of() : labels;
        annotations = annotations == null ? Map.of() : annotations;
    }

    /** A stable stand-in for metadata.uid: the pod's id is only made when it is created. */
    public String uid() {
        return UUID.nameUUIDFromBytes(("jpod:" + namespace + "/" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * The value of a field both fieldRef and downwardAPI volumes read: metadata.name, namespace,
     * uid, labels['KEY'] and annotations['KEY'] (empty when there is no such key); null for others.
     */
    public String field(String fieldPath) {
        switch (fieldPath) {
            case "metadata.name":
                return name;
            case "metadata.namespace":
                return namespace;
            case "metadata.uid":
                return uid();
            default:
                break;
        }
        Matcher m = MAP_FIELD.matcher(fieldPath);
        if (!m.matches()) {
            return null;
        }
        return (m.group(1).equals("labels") ? labels : annotations).getOrDefault(m.group(2), "");
    }

    /** A downwardAPI file's text: {@link #field}, and the whole labels or annotations as Kubernetes formats them. */
    public String file(String fieldPath) {
        if (fieldPath.equals("metadata.labels") || fieldPath.equals("metadata.annotations")) {
            return formatMap(fieldPath.equals("metadata.labels") ? labels : annotations);
        }
        return field(fieldPath);
    }

    /** Kubernetes' FormatMap: {@code key="value"} lines sorted by key, values quoted as Go's %q, no newline at the end. */
    public static String formatMap(Map<String, String> map) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(map).forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(k).append('=').append(quote(v == null ? "" : v));
        });
        return sb.toString();
    }

    /** A string quoted as Go's %q quotes it. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }
}
