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

    /** {@code d} as Go writes a duration: "2m0s", "1m30s", "10s", "1.5s", "500ms". */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        int frac = d.toMillisPart();
        String sec = frac == 0 ? d.toSecondsPart() + "s" : (d.toSecondsPart() + "." + String.format("%03d", frac)).replaceAll("0+$", "") + "s";
        if (d.toHours() > 0) {
            return d.toHours() + "h" + d.toMinutesPart() + "m" + sec;
        }
        return d.toMinutesPart() > 0 ? d.toMinutesPart() + "m" + sec : sec;
    }
}
