package io.jpod.cli.format;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Prints command results the way podman does. A row is a map from podman's field names to values
 * (strings, numbers, booleans, lists, nested maps, records, Instants, null), in podman's field order.
 */
public final class Output {
    private static final Pattern JSON = Pattern.compile("\\s*(json|\\{\\{\\s*json\\s*\\.?\\s*}})\\s*");
    private static final Pattern TABLE = Pattern.compile("\\s*table(?:\\s+(.*))?", Pattern.DOTALL);
    /** JSON indentation podman uses: 2 spaces for list commands ({@code ps}, {@code pod ps}, {@code volume ls}). */
    public static final int LIST_INDENT = 2;
    /** JSON indentation of {@code podman images --format json}. */
    public static final int IMAGES_INDENT = 4;
    /** JSON indentation of podman's inspect commands. */
    public static final int INSPECT_INDENT = 5;
    private static final String[] SIZE_UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    private static final String[] BINARY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};

    private Output() {
    }

    /**
     * Prints {@code rows}. In {@code format}, the two characters {@code \t} and {@code \n} stand
     * for a tab and a newline, as in podman.
     * <ul>
     * <li>{@code format} null, empty or {@code "table"}: a table of {@code columns} with a header line;</li>
     * <li>{@code "json"} (or {@code "{{json .}}"}): a pretty JSON array of the rows ({@code []} when empty);</li>
     * <li>{@code "table {{.A}}\t{{.B}}"}: a table of that template, with headers derived from the
     * field names ({@code CreatedAt} gives {@code CREATED AT});</li>
     * <li>otherwise a Go template applied to each row, each followed by a newline unless the
     * template ends with one.</li>
     * </ul>
     *
     * JSON is indented by {@link #LIST_INDENT}.
     *
     * @throws io.jpod.error.InvalidInputException if the template is malformed or names a field a row lacks
     */
    public static void print(PrintWriter out, String format, List<? extends Map<String, ?>> rows, List<Column> columns) {
        print(out, format, rows, columns, LIST_INDENT);
    }

    /** As {@link #print(PrintWriter, String, List, List)}, with JSON indented by {@code jsonIndent} spaces. */
    public static void print(PrintWriter out, String format, List<? extends Map<String, ?>> rows, List<Column> columns,
            int jsonIndent) {
        String f = format == null ? "" : format.replace("\\t", "\t").replace("\\n", "\n");
        Matcher table = TABLE.matcher(f);
        String tableTemplate = table.matches() ? Objects.requireNonNullElse(table.group(1), "").strip() : null;
        if (f.isBlank() || "".equals(tableTemplate)) {
            table(out, joinColumns(columns, Column::header), GoTemplate.parse(joinColumns(columns, Column::template)), rows);
        } else if (JSON.matcher(f).matches()) {
            printJson(out, rows, jsonIndent);
        } else if (tableTemplate != null) {
            GoTemplate template = GoTemplate.parse(tableTemplate);
            table(out, template.header(), template, rows);
        } else {
            GoTemplate template = GoTemplate.parse(f);
            String end = f.endsWith("\n") ? "" : "\n";
            StringBuilder text = new StringBuilder(); // all or nothing, should a row fail
            rows.forEach(row -> text.append(template.execute(row)).append(end));
            out.print(text);
        }
        out.flush();
    }

    /** Whether {@code format} asks for JSON ({@code json} or {@code {{json .}}}). */
    public static boolean isJson(String format) {
        return format != null && JSON.matcher(format).matches();
    }

    /**
     * Prints one object as pretty JSON (for inspect-style commands that print an array of objects),
     * indented by {@link #INSPECT_INDENT} like podman's inspect.
     */
    public static void printJson(PrintWriter out, Object value) {
        printJson(out, value, INSPECT_INDENT);
    }

    /** Prints one object as compact JSON on one line (JSON Lines, as {@code podman events --format json}). */
    public static void printJsonLine(PrintWriter out, Object value) {
        out.println(Json.compact(value));
        out.flush();
    }

    /** Prints one object as JSON indented by {@code indent} spaces per level. */
    public static void printJson(PrintWriter out, Object value, int indent) {
        out.println(Json.pretty(value, indent));
        out.flush();
    }

    /**
     * A size as podman shows it (go-units HumanSizeWithPrecision(size, 3)): decimal units, three
     * significant digits: {@code 834 B}, {@code 1.2 kB}, {@code 4.87 MB}.
     */
    public static String humanSize(long bytes) {
        return humanSize(bytes, 3, " ");
    }

    /** A size as podman's {@code system df} writes it (go-units HumanSize: 4 significant digits, no space): "2.141MB", "0B". */
    public static String diskSize(long bytes) {
        return humanSize(bytes, 4, "");
    }

    private static String humanSize(long bytes, int precision, String separator) {
        double size = bytes;
        int unit = 0;
        while (size >= 1000 && unit < SIZE_UNITS.length - 1) {
            size /= 1000;
            unit++;
        }
        return GoValues.formatFloat(size, precision) + separator + SIZE_UNITS[unit];
    }

    /** A size as podman's stats show it (go-units HumanSize): decimal units, four significant digits, no space: {@code 1.364MB}. */
    public static String shortSize(long bytes) {
        return scaled(bytes, 1000, SIZE_UNITS);
    }

    /** A size in binary units as go-units BytesSize writes it: four significant digits, no space: {@code 1.3MiB}. */
    public static String bytesSize(long bytes) {
        return scaled(bytes, 1024, BINARY_UNITS);
    }

    private static String scaled(long bytes, double base, String[] units) {
        double size = bytes;
        int unit = 0;
        while (size >= base && unit < units.length - 1) {
            size /= base;
            unit++;
        }
        return GoValues.formatFloat(size, 4) + units[unit];
    }

    /**
     * A duration in go-units HumanDuration's words: "Less than a second", "5 seconds", "About a
     * minute", "3 minutes", "About an hour", "2 hours", "2 days", "3 weeks", "4 months", "2 years".
     */
    public static String humanDuration(Duration d) {
        long seconds = d.getSeconds();
        long minutes = seconds / 60;
        double hoursExact = (seconds + d.getNano() / 1e9) / 3600;
        long hours = (long) (hoursExact + 0.5);
        if (seconds < 1) {
            return "Less than a second";
        } else if (seconds == 1) {
            return "1 second";
        } else if (seconds < 60) {
            return seconds + " seconds";
        } else if (minutes == 1) {
            return "About a minute";
        } else if (minutes < 60) {
            return minutes + " minutes";
        } else if (hours == 1) {
            return "About an hour";
        } else if (hours < 48) {
            return hours + " hours";
        } else if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        } else if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return (long) hoursExact / 24 / 365 + " years";
    }

    /** {@link #humanDuration} + " ago", as in podman's CREATED column. */
    public static String ago(Duration d) {
        return humanDuration(d) + " ago";
    }

    private static void table(PrintWriter out, String header, GoTemplate template, List<? extends Map<String, ?>> rows) {
        TabWriter writer = new TabWriter().add(header);
        rows.forEach(row -> writer.add(template.execute(row)));
        out.print(writer.format());
    }

    private static String joinColumns(List<Column> columns, Function<Column, String> part) {
        return columns.stream().map(part).collect(Collectors.joining("\t"));
    }
}
