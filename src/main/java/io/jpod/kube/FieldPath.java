package io.jpod.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a field is in a document: property names and list indexes. Shown as Kubernetes shows it
 * ({@code spec.containers[0].name}); located by its JSON pointer ({@code /spec/containers/0/name}).
 *
 * @param parts property names (String) and indexes (Integer)
 */
public record FieldPath(List<Object> parts) {
    public static final FieldPath ROOT = new FieldPath(List.of());
    /** A property name, or an index in brackets. */
    private static final Pattern PART = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)\\]");

    public FieldPath {
        parts = List.copyOf(parts);
    }

    /** A path of property names only: {@code of("spec", "containers")}. */
    public static FieldPath of(String... names) {
        return new FieldPath(List.of((Object[]) names));
    }

    /**
     * Reads back a path as {@link #toString()} shows it ({@code spec.containers[0].name}); a
     * property name that holds a '.' cannot be told apart and is split.
     */
    public static FieldPath parse(String dotted) {
        List<Object> parts = new ArrayList<>();
        Matcher m = PART.matcher(dotted);
        while (m.find()) {
            parts.add(m.group(1) != null ? m.group(1) : (Object) Integer.valueOf(m.group(2)));
        }
        return new FieldPath(parts);
    }

    public FieldPath field(String name) {
        return with(name);
    }

    public FieldPath index(int i) {
        return with(i);
    }

    private FieldPath with(Object part) {
        List<Object> l = new ArrayList<>(parts);
        l.add(part);
        return new FieldPath(l);
    }

    /** The last property name, or "" for the root or an index. */
    public String last() {
        return parts.isEmpty() || !(parts.get(parts.size() - 1) instanceof String s) ? "" : s;
    }

    public String pointer() {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            sb.append('/').append(p.toString().replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(p);
            }
        }
        return sb.length() == 0 ? "(document)" : sb.toString();
    }
}
