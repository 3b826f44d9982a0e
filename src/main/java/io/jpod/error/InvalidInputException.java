package io.jpod.error;

/** Bad input from the user: a YAML document, a flag, an archive. {@code where} says where (file:line:col or a field path). */
public class InvalidInputException extends JpodException {
    private static final long serialVersionUID = 1L;
    private final String where;

    public InvalidInputException(String where, String message) {
        super(where == null || where.isEmpty() ? message : where + ": " + message);
        this.where = where;
    }

    public InvalidInputException(String where, String message, Throwable cause) {
        super(where == null || where.isEmpty() ? message : where + ": " + message, cause);
        this.where = where;
    }

    public String where() {
        return where;
    }
}
