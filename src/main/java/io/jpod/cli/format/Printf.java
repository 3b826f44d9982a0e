package io.jpod.cli.format;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Go's fmt.Sprintf for the verbs templates use: {@code %v %s %q %d %x %X %o %b %f %e %g %t %c %%},
 * with flags {@code - + 0}, width and precision. Mistakes print as Go prints them
 * ({@code %!d(string=abc)}, {@code %!s(MISSING)}, {@code %!(EXTRA int=1)}).
 */
final class Printf {
    private static final Pattern DIRECTIVE = Pattern.compile("%([-+# 0]*)(\\d+)?(?:\\.(\\d*))?(.?)", Pattern.DOTALL);

    private Printf() {
    }

    static String sprintf(String format, List<Object> args) {
        StringBuilder out = new StringBuilder();
        Matcher m = DIRECTIVE.matcher(format);
        int last = 0;
        int next = 0;
        while (m.find()) {
            out.append(format, last, m.start());
            last = m.end();
            String verb = m.group(4);
            if (verb.equals("%")) {
                out.append('%');
            } else if (verb.isEmpty()) {
                out.append("%!(NOVERB)");
            } else if (next >= args.size()) {
                out.append("%!").append(verb).append("(MISSING)");
            } else {
                Object arg = args.get(next++);
                Integer precision = m.group(3) == null ? null : m.group(3).isEmpty() ? 0 : Integer.valueOf(m.group(3));
                String body = convert(verb.charAt(0), precision, arg);
                out.append(body == null ? "%!" + verb + "(" + describe(arg) + ")" : pad(body, m.group(1), m.group(2), arg));
            }
        }
        out.append(format.substring(last));
        if (next < args.size()) {
            out.append(args.subList(next, args.size()).stream().map(Printf::describe).collect(Collectors.joining(", ", "%!(EXTRA ", ")")));
        }
        return out.toString();
    }

    private static String describe(Object arg) {
        return arg == null ? "<nil>" : GoValues.typeName(arg) + "=" + GoValues.format(arg);
    }

    /** The text for one verb, or null if the verb does not fit the argument. */
    private static String convert(char verb, Integer precision, Object arg) {
        boolean integral = GoValues.isIntegral(arg);
        boolean number = arg instanceof Number;
        return switch (verb) {
            case 'v' -> GoValues.format(arg);
            case 's' -> {
                String s = GoValues.format(arg);
                yield precision == null || s.codePointCount(0, s.length()) <= precision ? s : s.substring(0, s.offsetByCodePoints(0, precision));
            }
            case 'q' -> quote(GoValues.format(arg));
            case 'd' -> integral ? arg.toString() : null;
            case 'x', 'X', 'o', 'b' -> {
                String s = integral ? new BigInteger(arg.toString()).toString(verb == 'o' ? 8 : verb == 'b' ? 2 : 16)
                        : arg instanceof String str && verb != 'o' && verb != 'b' ? HexFormat.of().formatHex(str.getBytes(StandardCharsets.UTF_8))
                        : null;
                yield s != null && verb == 'X' ? s.toUpperCase(Locale.ROOT) : s;
            }
            case 'f', 'F', 'e', 'E' -> number
                    ? String.format(Locale.ROOT, "%." + (precision == null ? 6 : precision) + (verb == 'F' ? 'f' : verb), ((Number) arg).doubleValue()).replace("Infinity", "Inf")
                    : null;
            case 'g', 'G' -> {
                String s = number ? GoValues.formatFloat(((Number) arg).doubleValue(), precision == null ? -1 : precision) : null;
                yield s != null && verb == 'G' ? s.toUpperCase(Locale.ROOT) : s;
            }
            case 't' -> arg instanceof Boolean ? arg.toString() : null;
            case 'c' -> integral ? Character.toString(((Number) arg).intValue()) : null;
            default -> null;
        };
    }

    private static String pad(String body, String flags, String width, Object arg) {
        boolean number = arg instanceof Number;
        if (number && flags.contains("+") && !body.startsWith("-")) {
            body = "+" + body;
        }
        int missing = width == null ? 0 : Integer.parseInt(width) - body.codePointCount(0, body.length());
        if (missing <= 0) {
            return body;
        }
        if (flags.contains("-")) {
            return body + " ".repeat(missing);
        }
        if (flags.contains("0") && number) {
            int sign = body.startsWith("-") || body.startsWith("+") ? 1 : 0;
            return body.substring(0, sign) + "0".repeat(missing) + body.substring(sign);
        }
        return " ".repeat(missing) + body;
    }

    /** Go's strconv.Quote for printable text: double quotes, backslash escapes. */
    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"', '\\' -> out.append('\\').append(c);
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
