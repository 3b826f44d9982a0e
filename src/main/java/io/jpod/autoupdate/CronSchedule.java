package io.jpod.autoupdate;

import io.jpod.error.InvalidInputException;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * An auto-update schedule: a Quartz cron expression (seconds, minutes, hours, day of month,
 * month, day of week, optional year: {@code "0 0/15 * * * ?"}) in the host's time zone. A run
 * that was due while nothing could run it (the machine slept, no supervisor ran) runs once when
 * next looked at, not once per missed time.
 */
public record CronSchedule(String expression, TimeZone zone) {

    /** {@code expression} read as a schedule; a bad one is an error naming the position at fault. */
    public static CronSchedule parse(String expression) {
        return parse(expression, TimeZone.getDefault());
    }

    public static CronSchedule parse(String expression, TimeZone zone) {
        String e = expression == null ? "" : expression.strip();
        try {
            new CronExpression(e).setTimeZone(zone);
        } catch (ParseException ex) {
            String why = ex.getMessage() == null ? "invalid" : ex.getMessage().strip();
            throw new InvalidInputException(null, "invalid cron expression \"" + e + "\": " + why + where(e, why)
                    + "; write seconds minutes hours day-of-month month day-of-week [year], e.g. \"0 0/15 * * * ?\"");
        } catch (RuntimeException ex) {
            throw new InvalidInputException(null, "invalid cron expression \"" + e + "\": " + ex.getMessage());
        }
        return new CronSchedule(e, zone);
    }

    private static final String[] FIELDS = {"seconds", "minutes", "hours", "day-of-month", "month", "day-of-week", "year"};

    /**
     * Where in {@code expression} Quartz's complaint {@code why} points: " (at position N, the
     * hours field \"25\")", from the field its message names; "" when it names none.
     */
    static String where(String expression, String why) {
        List<int[]> fields = new ArrayList<>();
        Matcher m = Pattern.compile("\\S+").matcher(expression);
        while (m.find()) {
            fields.add(new int[] {m.start(), m.end()});
        }
        int field = -1;
        if (why.startsWith("Minute and Second")) {
            field = fields.size() > 0 && outOf(expression, fields.get(0), 59) ? 0 : 1;
        } else if (why.startsWith("Hour")) {
            field = 2;
        } else if (why.startsWith("Day of month") || why.startsWith("The 'W' option") || why.startsWith("Offset from last day")) {
            field = 3;
        } else if (why.startsWith("Month")) {
            field = 4;
        } else if (why.startsWith("Day-of-Week") || why.contains("'#' option") || why.contains("days of the week")) {
            field = 5;
        } else if (why.contains("year")) {
            field = 6;
        } else if (why.startsWith("Unexpected end")) {
            return " (it has " + fields.size() + " fields, and needs 6 or 7)";
        }
        if (field < 0 || field >= fields.size()) {
            return "";
        }
        int[] f = fields.get(field);
        return " (at position " + (f[0] + 1) + ", the " + FIELDS[field] + " field \"" + expression.substring(f[0], f[1]) + "\")";
    }

    private static boolean outOf(String expression, int[] field, int max) {
        Matcher n = Pattern.compile("\\d+").matcher(expression.substring(field[0], field[1]));
        while (n.find()) {
            if (Integer.parseInt(n.group()) > max) {
                return true;
            }
        }
        return false;
    }

    private CronExpression cron() {
        try {
            CronExpression c = new CronExpression(expression);
            c.setTimeZone(zone);
            return c;
        } catch (ParseException e) {
            throw new IllegalStateException("checked when parsed: " + expression, e);
        }
    }

    /**
     * The first time the schedule fires after {@code after} (the last run, or when the schedule
     * was set); a time already past means one run now, however many times were missed.
     */
    public Optional<Instant> nextAfter(Instant after) {
        return Optional.ofNullable(cron().getNextValidTimeAfter(Date.from(after))).map(Date::toInstant);
    }
}
