package io.jpod.cli;

import io.jpod.engine.EventLog;
import io.jpod.error.InvalidInputException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

/**
 * The times of {@code jpod events} and {@code jpod logs}: {@code --since} and {@code --until} read as podman reads them
 * (RFC 3339, a date and time without a zone in the local zone, a date, Unix seconds with an
 * optional fraction, or a Go duration: that long before now for {@code --since}, after now for
 * {@code --until}), and an event's time printed as Go prints a {@code time.Time}.
 */
final class EventTimes {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xx");
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("zzz");

    private EventTimes() {
    }

    /**
     * The time {@code text} names, for the flag {@code flag} ({@code --since} counts a duration back
     * from {@code now}, {@code --until} forward), local times in {@code zone}.
     */
    static Instant parse(String flag, String text, Instant now, ZoneId zone) {
        String t = text.strip();
        List<Function<String, Instant>> readers = List.of(
                s -> OffsetDateTime.parse(s).toInstant(),
                s -> LocalDateTime.parse(s).atZone(zone).toInstant(),
                s -> LocalDate.parse(s).atStartOfDay(zone).toInstant(),
                s -> OffsetDateTime.parse(s.substring(0, 10) + "T00:00:00" + s.substring(10)).toInstant());
        for (Function<String, Instant> reader : readers) {
            try {
                return reader.apply(t);
            } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
                // the next form
            }
        }
        if (t.matches("-?\\d+(\\.\\d{1,9})?")) {
            BigDecimal seconds = new BigDecimal(t);
            long whole = seconds.longValue();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(whole, nanos);
        }
        Duration d = EventLog.duration(t);
        if (d != null) {
            return flag.equals("--until") ? now.plus(d) : now.minus(d);
        }
        throw new InvalidInputException(flag + " " + text, "not a time: use RFC 3339 (2006-01-02T15:04:05Z07:00), "
                + "a date (2006-01-02), Unix seconds or a duration (10m, 1h30m)");
    }

    /** {@code t} as Go's {@code time.Time.String()} in {@code zone}: {@code 2026-12-06 12:00:00.5 +0000 UTC}. */
    static String goTime(Instant t, ZoneId zone) {
        var z = t.atZone(zone);
        String fraction = t.getNano() == 0 ? "" : "." + String.format("%09d", t.getNano()).replaceAll("0+$", "");
        String name = !(zone instanceof ZoneOffset o) ? NAME.format(z) : o.getTotalSeconds() == 0 ? "UTC" : OFFSET.format(z);
        return SECONDS.format(z) + fraction + " " + OFFSET.format(z) + " " + name;
    }
}
