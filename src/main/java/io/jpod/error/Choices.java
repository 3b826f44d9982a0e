package io.jpod.error;

import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one way to read an enum-like value (a flag's word, a YAML field's name): the constant whose
 * spelling it is, else an {@link InvalidInputException} that lists the valid ones:
 * {@code unsupported WHAT "VALUE": must be one of A, B, C}.
 */
public final class Choices {
    private Choices() {
    }

    /**
     * The constant of {@code type} spelled {@code value}.
     *
     * @param what     what the value is, for the message ("restartPolicy", "network mode")
     * @param where    where it was given: a flag ("--network"), a field path, or file:line:col
     * @param spelling how the user writes a constant
     * @throws InvalidInputException when no constant is spelled so
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String value, String what, String where, Function<E, String> spelling) {
        return find(type, value, spelling).orElseThrow(() -> new InvalidInputException(where, unsupported(type, value, what, spelling)));
    }

    /**
     * As {@link #parse(Class, String, String, String, Function)}, for a field of a document: the
     * message starts with the field's path ({@code where}: the document's file:line:col).
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String value, String what, String where, String field,
            Function<E, String> spelling) {
        return find(type, value, spelling).orElseThrow(() -> new InvalidInputException(where,
                field + ": " + unsupported(type, value, what, spelling)));
    }

    /** The constant of {@code type} spelled {@code value}, if any. */
    public static <E extends Enum<E>> Optional<E> find(Class<E> type, String value, Function<E, String> spelling) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> spelling.apply(e).equals(value)).findFirst();
    }

    /** The spellings of {@code type}'s constants, in their order: "A, B, C". */
    public static <E extends Enum<E>> String list(Class<E> type, Function<E, String> spelling) {
        return Arrays.stream(type.getEnumConstants()).map(spelling).collect(Collectors.joining(", "));
    }

    /** The message for {@code value} that names none of {@code type}'s constants. */
    public static <E extends Enum<E>> String unsupported(Class<E> type, String value, String what, Function<E, String> spelling) {
        return unsupported(value, what, Arrays.stream(type.getEnumConstants()).map(spelling).toList());
    }

    /** The message for {@code value} that is none of {@code valid} (for choices that are strings, not an enum). */
    public static String unsupported(String value, String what, Collection<String> valid) {
        return "unsupported " + what + " \"" + Shown.value(value) + "\": must be one of " + String.join(", ", valid);
    }
}
