package io.jpod.engine;

import io.jpod.error.Choices;
import io.jpod.error.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * podman's {@code --filter key=value} for a list command: values of one key are alternatives
 * (any may match), different keys must all match, and the keys in {@code allOf} (podman: the
 * label filters) need every value to match. Each key has a {@link Compiler} that checks its value
 * once (a bad regex, status or number is an error naming the filter) and may look at the whole
 * list (before/since name another item).
 *
 * @param what  what is listed ("container", "pod", "image"), for messages
 * @param keys  the valid keys, in the order an error lists them
 * @param allOf the keys whose values are all required
 */
public record ListFilter<T>(String what, Map<String, Compiler<T>> keys, Set<String> allOf) {
    /** Turns one filter value into a test of an item, given all the items (or fails naming the value). */
    @FunctionalInterface
    public interface Compiler<T> {
        Predicate<T> compile(String value, List<T> all);
    }

    public ListFilter {
        keys = new LinkedHashMap<>(keys);
        allOf = Set.copyOf(allOf);
    }

    /** The items of {@code all} that pass every filter of {@code specs} ("key=value" each), in their order. */
    public List<T> apply(List<String> specs, List<T> all) {
        return all.stream().filter(compile(specs, all)).toList();
    }

    /**
     * The test of an item that every filter of {@code specs} makes together, each value checked
     * now; {@code all} is what the filters that name another item (before, since) look among.
     */
    public Predicate<T> compile(List<String> specs, List<T> all) {
        Map<String, List<Predicate<T>>> byKey = new LinkedHashMap<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            String key = eq < 0 ? spec : spec.substring(0, eq);
            Compiler<T> compiler = keys.get(key);
            if (compiler == null) {
                throw new InvalidInputException("--filter " + spec, "\"" + key + "\" is an invalid " + what + " filter (valid: "
                        + String.join(", ", keys.keySet()) + ")");
            }
            if (eq < 0 || eq == spec.length() - 1) {
                throw new InvalidInputException("--filter " + spec, "a filter is key=value: " + key + " needs a value");
            }
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(compiler.compile(spec.substring(eq + 1), all));
        }
        return item -> byKey.entrySet().stream().allMatch(e -> allOf.contains(e.getKey())
                ? e.getValue().stream().allMatch(p -> p.test(item))
                : e.getValue().stream().anyMatch(p -> p.test(item)));
    }

    // ---------------------------------------------------------------- shared value parsers

    /** A regular expression that must be found in the text (podman's name filter). */
    static Pattern regex(String key, String value) {
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new InvalidInputException("--filter " + key + "=" + value, "not a valid regular expression: " + e.getDescription());
        }
    }

    /** A whole number (exit codes, container counts). */
    static int number(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--filter " + key + "=" + value, "not a number");
        }
    }

    /** One of {@code valid} (a status word). */
    static String oneOf(String key, String value, List<String> valid) {
        if (!valid.contains(value)) {
            throw new InvalidInputException("--filter " + key + "=" + value, Choices.unsupported(value, key, valid));
        }
        return value;
    }

    /** A label filter, {@code key} or {@code key=value}, against a map of labels. */
    static Predicate<Map<String, String>> label(String value) {
        int eq = value.indexOf('=');
        if (eq < 0) {
            return labels -> labels.containsKey(value);
        }
        String k = value.substring(0, eq);
        String v = value.substring(eq + 1);
        return labels -> v.equals(labels.get(k));
    }
}
