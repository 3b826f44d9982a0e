package io.jpod.error;

/**
 * A value the user gave, as a one-line message shows it: whole when it is short, else its start and its length
 * ({@code aaaa…(5000 characters)}), so that a 5,000-character image name does not fill the terminal.
 */
public final class Shown {
    /** The longest value shown whole. */
    static final int LIMIT = 100;
    /** How much of a longer one is shown. */
    static final int HEAD = 60;

    private Shown() {
    }

    /** {@code value} shortened to its first characters and its length when it is longer than {@link #LIMIT}. */
    public static String value(String value) {
        if (value == null || value.length() <= LIMIT) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(HEAD - 1)) ? HEAD - 1 : HEAD;
        return value.substring(0, end) + "…(" + value.length() + " characters)";
    }
}
