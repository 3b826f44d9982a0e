package io.jpod.cli.format;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The functions a template may call: Go's built-ins ({@code len index printf print println not and
 * or eq ne lt le gt ge}) and podman's ({@code json upper lower title join split pad truncate}).
 * A failing call throws IllegalArgumentException with Go's wording.
 */
final class TemplateFunctions {
    private record Fn(int min, int max, Function<List<Object>, Object> body) {
    }

    private static final int ANY = Integer.MAX_VALUE;
    private static final Map<String, Fn> FUNCTIONS = Map.ofEntries(
            Map.entry("json", new Fn(1, 1, a -> Json.compact(a.get(0)))),
            Map.entry("upper", new Fn(1, 1, a -> string(a.get(0)).toUpperCase(Locale.ROOT))),
            Map.entry("lower", new Fn(1, 1, a -> string(a.get(0)).toLowerCase(Locale.ROOT))),
            Map.entry("title", new Fn(1, 1, a -> title(string(a.get(0))))),
            Map.entry("join", new Fn(2, 2, a -> list(a.get(0)).stream().map(GoValues::format)
                    .collect(Collectors.joining(string(a.get(1)))))),
            Map.entry("split", new Fn(2, 2, a -> split(string(a.get(0)), string(a.get(1))))),
            Map.entry("pad", new Fn(3, 3, a -> " ".repeat(integer(a.get(1))) + string(a.get(0)) + " ".repeat(integer(a.get(2))))),
            Map.entry("truncate", new Fn(2, 2, a -> truncate(string(a.get(0)), integer(a.get(1))))),
            Map.entry("len", new Fn(1, 1, a -> length(a.get(0)))),
            Map.entry("index", new Fn(1, ANY, a -> index(a.get(0), a.subList(1, a.size())))),
            Map.entry("printf", new Fn(1, ANY, a -> Printf.sprintf(string(a.get(0)), a.subList(1, a.size())))),
            Map.entry("print", new Fn(0, ANY, TemplateFunctions::sprint)),
            Map.entry("println", new Fn(0, ANY, a -> a.stream().map(GoValues::format).collect(Collectors.joining(" ", "", "\n")))),
            Map.entry("not", new Fn(1, 1, a -> !GoValues.truth(a.get(0)))),
            Map.entry("and", new Fn(1, ANY, a -> a.stream().filter(v -> !GoValues.truth(v)).findFirst().orElse(a.get(a.size() - 1)))),
            Map.entry("or", new Fn(1, ANY, a -> a.stream().filter(GoValues::truth).findFirst().orElse(a.get(a.size() - 1)))),
            Map.entry("eq", new Fn(2, ANY, a -> a.subList(1, a.size()).stream().anyMatch(b -> compare(a.get(0), b, true) == 0))),
            Map.entry("ne", new Fn(2, 2, a -> compare(a.get(0), a.get(1), true) != 0)),
            Map.entry("lt", new Fn(2, 2, a -> compare(a.get(0), a.get(1), false) < 0)),
            Map.entry("le", new Fn(2, 2, a -> compare(a.get(0), a.get(1), false) <= 0)),
            Map.entry("gt", new Fn(2, 2, a -> compare(a.get(0), a.get(1), false) > 0)),
            Map.entry("ge", new Fn(2, 2, a -> compare(a.get(0), a.get(1), false) >= 0)));

    private TemplateFunctions() {
    }

    static boolean exists(String name) {
        return FUNCTIONS.containsKey(name);
    }

    static Object call(String name, List<Object> args) {
        Fn fn = FUNCTIONS.get(name);
        if (args.size() < fn.min() || args.size() > fn.max()) {
            String want = fn.min() == fn.max() ? "want " + fn.min() : "want at least " + fn.min();
            throw new IllegalArgumentException("wrong number of args for " + name + ": " + want + " got " + args.size());
        }
        return fn.body().apply(args);
    }

    private static IllegalArgumentException wrongType(String expected, Object got) {
        return new IllegalArgumentException("wrong type for value; expected " + expected + "; got " + GoValues.typeName(got));
    }

    private static String string(Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw wrongType("string", value);
    }

    private static int integer(Object value) {
        if (GoValues.isIntegral(value)) {
            return ((Number) value).intValue();
        }
        throw wrongType("int", value);
    }

    private static List<?> list(Object value) {
        List<?> list = GoValues.asList(value);
        if (list == null) {
            throw wrongType("[]string", value);
        }
        return list;
    }

    private static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean wordStart = true;
        for (int cp : s.codePoints().toArray()) {
            out.appendCodePoint(wordStart ? Character.toTitleCase(cp) : cp);
            wordStart = !Character.isLetterOrDigit(cp) && cp != '_';
        }
        return out.toString();
    }

    private static List<String> split(String s, String separator) {
        if (separator.isEmpty()) {
            return s.codePoints().mapToObj(Character::toString).collect(Collectors.toList());
        }
        return List.of(s.split(Pattern.quote(separator), -1));
    }

    private static String truncate(String s, int length) {
        return s.length() > length ? s.substring(0, length) : s;
    }

    private static int length(Object value) {
        if (value instanceof CharSequence s) {
            return s.length();
        }
        if (value instanceof Map<?, ?> m) {
            return m.size();
        }
        List<?> list = GoValues.asList(value);
        if (list == null) {
            throw new IllegalArgumentException("len of type " + GoValues.typeName(value));
        }
        return list.size();
    }

    private static Object index(Object value, List<Object> keys) {
        Object v = value;
        for (Object key : keys) {
            if (v instanceof Map<?, ?> m) {
                v = m.containsKey(key) ? m.get(key) : ""; // the zero value of podman's map[string]string
                continue;
            }
            List<?> list = GoValues.asList(v);
            if (list == null) {
                throw new IllegalArgumentException("can't index item of type " + GoValues.typeName(v));
            }
            int i = integer(key);
            if (i < 0 || i >= list.size()) {
                throw new IllegalArgumentException("index out of range: " + i);
            }
            v = list.get(i);
        }
        return v;
    }

    /** Go's Sprint: operands printed with %v, a space between two operands when neither is a string. */
    private static String sprint(List<Object> args) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0 && !(args.get(i) instanceof String) && !(args.get(i - 1) instanceof String)) {
                out.append(' ');
            }
            out.append(GoValues.format(args.get(i)));
        }
        return out.toString();
    }

    /** Compares numbers by value and strings (or, for equality, anything) naturally; Go's "incompatible types" otherwise. */
    private static int compare(Object a, Object b, boolean equalityOnly) {
        if (a instanceof Number x && b instanceof Number y) {
            return GoValues.isIntegral(x) && GoValues.isIntegral(y)
                    ? new BigInteger(x.toString()).compareTo(new BigInteger(y.toString()))
                    : Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a instanceof Boolean && b instanceof Boolean || equalityOnly && (a == null || b == null)) {
            if (!equalityOnly) {
                throw new IllegalArgumentException("invalid type for comparison");
            }
            return Objects.equals(a, b) ? 0 : 1;
        }
        throw new IllegalArgumentException("incompatible types for comparison");
    }
}
