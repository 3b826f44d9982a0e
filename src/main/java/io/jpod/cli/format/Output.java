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

    // format-branch: temporary stand-ins for Output.humanSize/ago, to be replaced by the format branch's versions.

    /** TODO format-branch: podman's size, e.g. {@code 11.4 kB} (decimal units, 3 significant digits). */
    public static String humanSize(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB"};
        double v = bytes;
        int i = 0;
        while (v >= 1000 && i < units.length - 1) {
            v /= 1000;
            i++;
        }
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(3));
        return d.stripTrailingZeros().toPlainString() + " " + units[i];
    }

    /** TODO format-branch: podman's age, e.g. {@code 6 seconds ago}. */
    public static String ago(java.time.Duration d) {
        long s = d.getSeconds();
        String h;
        if (s < 1) {
            h = "Less than a second";
        } else if (s == 1) {
            h = "1 second";
        } else if (s < 60) {
            h = s + " seconds";
        } else if (s / 60 == 1) {
            h = "About a minute";
        } else if (s < 3600) {
            h = s / 60 + " minutes";
        } else if (s / 3600 == 1) {
            h = "About an hour";
        } else if (s < 48 * 3600) {
            h = s / 3600 + " hours";
        } else if (s < 7 * 24 * 3600 * 2) {
            h = s / 86400 + " days";
        } else if (s < 30 * 24 * 3600 * 3) {
            h = s / (7 * 86400) + " weeks";
        } else if (s < 365 * 24 * 3600 * 2) {
            h = s / (30 * 86400) + " months";
        } else {
            h = s / (365 * 86400) + " years";
        }
        return h + " ago";
    }
}
