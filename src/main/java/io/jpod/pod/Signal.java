package io.jpod.pod;

import io.jpod.error.InvalidInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A Linux signal, as {@code jpod kill -s} names it: by name with or without {@code SIG}, in any case
 * ({@code SIGTERM}, {@code term}), by podman's other names ({@code IOT}, {@code CLD}, {@code POLL},
 * {@code RTMIN+3}, {@code RTMAX-2}), or by number (1 to 64). Read as podman reads it.
 *
 * @param name   its name without SIG ("TERM"; "RTMIN+3"; the number for one without a name)
 * @param number its number
 */
public record Signal(String name, int number) {
    /** SIGKILL, {@code jpod kill}'s default. */
    public static final Signal KILL = new Signal("KILL", 9);
    private static final int MAX = 64;
    private static final int RTMIN = 34;
    private static final Map<String, Integer> NUMBERS = numbers();

    /** The signal {@code text} names; an {@link InvalidInputException} saying why not, as podman's. */
    public static Signal parse(String text) {
        String t = text.strip();
        if (t.matches("[+-]?\\d{1,10}")) {
            long n = Long.parseLong(t);
            if (n == 0) {
                throw new InvalidInputException(null, "invalid signal: " + text);
            }
            if (n < 1 || n > MAX) {
                throw new InvalidInputException(null, "valid signals are 1 through " + MAX);
            }
            return of((int) n);
        }
        String upper = t.toUpperCase(Locale.ROOT);
        String name = upper.startsWith("SIG") ? upper.substring(3) : upper;
        Integer n = NUMBERS.get(name);
        if (n == null) {
            throw new InvalidInputException(null, "invalid signal: " + text);
        }
        return new Signal(name, n);
    }

    /** The signal numbered {@code number}, under its usual name. */
    public static Signal of(int number) {
        for (Map.Entry<String, Integer> e : NUMBERS.entrySet()) {
            if (e.getValue() == number) {
                return new Signal(e.getKey(), number);
            }
        }
        return new Signal(Integer.toString(number), number);
    }

    private static Map<String, Integer> numbers() {
        Map<String, Integer> m = new LinkedHashMap<>();
        String[] names = {"HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE",
            "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF",
            "WINCH", "IO", "PWR", "SYS"};
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], i + 1);
        }
        m.put("IOT", 6);
        m.put("CLD", 17);
        m.put("POLL", 29);
        m.put("UNUSED", 31);
        m.put("RTMIN", RTMIN);
        for (int i = 1; i <= 15; i++) {
            m.put("RTMIN+" + i, RTMIN + i);
        }
        for (int i = 14; i >= 1; i--) {
            m.put("RTMAX-" + i, MAX - i);
        }
        m.put("RTMAX", MAX);
        return Collections.unmodifiableMap(m);
    }
}
