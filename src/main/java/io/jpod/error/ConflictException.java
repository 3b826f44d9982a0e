package io.jpod.error;

/** An operation that clashes with existing state: a name in use, an image in use, an ambiguous id prefix. */
public class ConflictException extends JpodException {
    private static final long serialVersionUID = 1L;
    private final String name;

    public ConflictException(String name, String message) {
        super(message);
        this.name = name;
    }

    public String name() {
        return name;
    }
}
