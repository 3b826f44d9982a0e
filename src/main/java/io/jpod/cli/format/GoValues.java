package io.jpod.cli.format;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How Go's fmt and text/template see Java values: {@code %v} printing ({@code [a b]}, {@code map[k:v]},
 * {@code {x y}} for records), truthiness, type names for messages, and Go's float formatting.
 */
final class GoValues {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC3339_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private GoValues() {
    }

    /** What a template action prints for {@code value}: Go's {@code %v}, with {@code <no value>} for null. */
    static String print(Object value) {
        return value == null ? "<no value>" : format(value);
    }

    /** Go's {@code %v}; null is {@code <nil>} (as inside a list or map). */
    static String format(Object value) {
        if (value == null) {
            return "<nil>";
        }
        if (value instanceof Double || value instanceof Float) {
            return formatFloat(((Number) value).doubleValue(), -1);
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Instant t) {
            return SECONDS.format(t) + fraction(t) + " +0000 UTC";
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey(GoValues::compareKeys))
                    .map(e -> format(e.getKey()) + ":" + format(e.getValue()))
                    .collect(Collectors.joining(" ", "map[", "]"));
        }
        if (value instanceof Record r) {
            return recordValues(r).stream().map(GoValues::format).collect(Collectors.joining(" ", "{", "}"));
        }
        if (value instanceof Optional<?> o) {
            return format(o.orElse(null));
        }
        List<?> list = asList(value);
        if (list != null) {
            return list.stream().map(GoValues::format).collect(Collectors.joining(" ", "[", "]"));
        }
        return value.toString();
    }

    /** Go's RFC3339Nano in UTC, as time.Time appears in JSON: {@code 2024-01-02T03:04:05.5Z}. */
    static String rfc3339(Instant t) {
        return RFC3339_SECONDS.format(t) + fraction(t) + "Z";
    }

    private static String fraction(Instant t) {
        if (t.getNano() == 0) {
            return "";
        }
        return "." + String.format("%09d", t.getNano()).replaceAll("0+$", "");
    }

    /** Go's notion of truth in {@code if}, {@code with}, {@code and}, {@code not}: zero values and empty things are false. */
    static boolean truth(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n instanceof BigDecimal d ? d.signum() != 0 : n.doubleValue() != 0;
        }
        if (value instanceof CharSequence s) {
            return s.length() > 0;
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (value instanceof Optional<?> o) {
            return o.isPresent();
        }
        List<?> list = asList(value);
        return list == null || !list.isEmpty();
    }

    /** The value as a list if Go would see a slice (a Collection or an array), else null. */
    static List<?> asList(Object value) {
        if (value instanceof List<?> l) {
            return l;
        }
        if (value instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (value != null && value.getClass().isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                list.add(Array.get(value, i));
            }
            return list;
        }
        return null;
    }

    static boolean isIntegral(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger;
    }

    /** The Go type a value stands for, for error messages ("expected []string; got string"). */
    static String typeName(Object value) {
        if (value == null) {
            return "<nil>";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (isIntegral(value)) {
            return "int";
        }
        if (value instanceof Float) {
            return "float32";
        }
        if (value instanceof Number) {
            return "float64";
        }
        if (value instanceof Instant) {
            return "time.Time";
        }
        if (value instanceof Map<?, ?>) {
            return "map[string]interface {}";
        }
        if (asList(value) != null) {
            return "[]interface {}";
        }
        return value.getClass().getSimpleName();
    }

    /** The component values of a record, in declaration order. */
    static List<Object> recordValues(Record r) {
        List<Object> values = new ArrayList<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            values.add(component(r, c));
        }
        return values;
    }

    static Object component(Record r, RecordComponent c) {
        try {
            var accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
        }
    }

    /**
     * Go's {@code %g}: {@code precision} significant digits (-1: the shortest that round-trips, as
     * {@code %v} prints floats), trailing zeros dropped, exponent form ({@code 1e+03}) when the
     * exponent is below -4 or at least the precision (6 for the shortest form).
     */
    static String formatFloat(double value, int precision) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal d = precision < 0
                ? new BigDecimal(Double.toString(value))
                : new BigDecimal(value).round(new MathContext(Math.max(precision, 1), RoundingMode.HALF_EVEN));
        d = d.stripTrailingZeros();
        String digits = d.unscaledValue().abs().toString();
        int nd = digits.length();
        int dp = nd - d.scale(); // position of the decimal point relative to the digits
        int prec = precision < 0 ? nd : Math.max(precision, 1);
        int eprec = precision < 0 ? 6 : (prec > nd && nd >= dp ? nd : prec);
        int exp = dp - 1;
        String sign = value < 0 ? "-" : "";
        if (exp < -4 || exp >= eprec) {
            String mantissa = nd > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return sign + d.abs().toPlainString();
    }

    private static int compareKeys(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return Comparator.<String>naturalOrder().compare(format(a), format(b));
    }
}
