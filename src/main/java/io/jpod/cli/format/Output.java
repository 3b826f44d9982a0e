package io.jpod.cli.format;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Prints command results the way podman does. A row is a map from podman's field names to values
 * (strings, numbers, booleans, lists, nested maps, null), in podman's field order.
 */
public final class Output {
    private Output() {
    }

    /**
     * Prints {@code rows}.
     * <ul>
     * <li>{@code format} null or empty: a table of {@code columns} with a header line;</li>
     * <li>{@code "json"}: a pretty JSON array of the rows (always an array, {@code []} when empty);</li>
     * <li>{@code "table"} alone: same as null; {@code "table {{.A}}\t{{.B}}"}: a table with headers
     * derived from the field names (upper-cased, as podman does);</li>
     * <li>otherwise a Go template applied to each row, one line each.</li>
     * </ul>
     */
    public static void print(PrintWriter out, String format, List<? extends Map<String, ?>> rows, List<Column> columns) {
        throw new UnsupportedOperationException("implemented in the format branch");
    }

    /** Prints one object as pretty JSON (for inspect-style commands that print an array of objects). */
    public static void printJson(PrintWriter out, Object value) {
        throw new UnsupportedOperationException("implemented in the format branch");
    }
}
