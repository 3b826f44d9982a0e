package io.jpod.cli;

import io.jpod.engine.VolumeService.VolumeInfo;
import io.jpod.error.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code volume ls --filter KEY=VALUE} as podman reads it: values of one key are alternatives,
 * different keys must all match. Keys: name (a regular expression), label (KEY or KEY=VALUE),
 * driver, scope, dangling (true or false), opt (KEY or KEY=VALUE).
 */
final class VolumeFilter {
    static final List<String> KEYS = List.of("name", "label", "driver", "scope", "dangling", "opt");

    private VolumeFilter() {
    }

    static Predicate<VolumeInfo> parse(List<String> filters) {
        Map<String, List<Predicate<VolumeInfo>>> byKey = new LinkedHashMap<>();
        for (String f : filters) {
            int eq = f.indexOf('=');
            String key = eq < 0 ? f : f.substring(0, eq);
            String value = eq < 0 ? "" : f.substring(eq + 1);
            if (eq < 0 || !KEYS.contains(key)) {
                throw new InvalidInputException("--filter", "\"" + f + "\" is not a volume filter (KEY=VALUE, KEY one of "
                        + String.join(", ", KEYS) + ")");
            }
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(one(key, value, f));
        }
        Predicate<VolumeInfo> all = v -> true;
        for (List<Predicate<VolumeInfo>> any : byKey.values()) {
            all = all.and(v -> any.stream().anyMatch(p -> p.test(v)));
        }
        return all;
    }

    private static Predicate<VolumeInfo> one(String key, String value, String filter) {
        return switch (key) {
            case "name" -> {
                Pattern p = regex(value, filter);
                yield v -> p.matcher(v.row().name()).find();
            }
            case "label" -> pair(value, v -> v.row().labels());
            case "opt" -> pair(value, v -> v.row().options());
            case "driver" -> v -> v.row().driver().equals(value);
            case "scope" -> v -> value.equals("local");
            case "dangling" -> {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new InvalidInputException("--filter", "\"" + filter + "\": dangling is true or false");
                }
                boolean dangling = value.equals("true");
                yield v -> v.unused() == dangling;
            }
            default -> throw new IllegalStateException(key);
        };
    }

    private static Predicate<VolumeInfo> pair(String value, java.util.function.Function<VolumeInfo, Map<String, String>> of) {
        int eq = value.indexOf('=');
        String k = eq < 0 ? value : value.substring(0, eq);
        return v -> of.apply(v).containsKey(k) && (eq < 0 || of.apply(v).get(k).equals(value.substring(eq + 1)));
    }

    private static Pattern regex(String value, String filter) {
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new InvalidInputException("--filter", "\"" + filter + "\": not a regular expression: " + e.getDescription());
        }
    }
}
