package io.jpod.kubelet;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations written as Kubernetes and Go write them: "10s", "500ms", "1m30s", "2h". */
public final class GoDuration {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private GoDuration() {
    }

    /** The duration {@code text} says, or null when it is not one (or is negative). */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(t);
        int end = 0;
        double nanos = 0;
        while (m.find() && m.start() == end) {
            double n = Double.parseDouble(m.group(1));
            nanos += n * switch (m.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            end = m.end();
        }
        return end == t.length() && end > 0 ? Duration.ofNanos(Math.round(nanos)) : null;
    }

    /** {@code d} as Go's Duration.String writes it: "2m0s", "1m30s", "10s", "1.5s", "500ms", "12.5µs", "0s". */
    public static String format(Duration d) {
        long n = Math.abs(d.toNanos());
        String sign = d.isNegative() ? "-" : "";
        if (n == 0) {
            return "0s";
        }
        if (n < 1_000) {
            return sign + n + "ns";
        }
        if (n < 1_000_000) {
            return sign + fraction(n, 3) + "µs";
        }
        if (n < 1_000_000_000) {
            return sign + fraction(n, 6) + "ms";
        }
        long seconds = n / 1_000_000_000;
        String sec = fraction(seconds % 60 * 1_000_000_000 + n % 1_000_000_000, 9) + "s";
        long minutes = seconds / 60;
        if (minutes == 0) {
            return sign + sec;
        }
        long hours = minutes / 60;
        return sign + (hours > 0 ? hours + "h" : "") + minutes % 60 + "m" + sec;
    }

    /** {@code v} divided by 10^{@code digits}, its fraction without trailing zeros (and without a point when none). */
    private static String fraction(long v, int digits) {
        long unit = (long) Math.pow(10, digits);
        String frac = String.format("%0" + digits + "d", v % unit).replaceAll("0+$", "");
        return v / unit + (frac.isEmpty() ? "" : "." + frac);
    }
}
