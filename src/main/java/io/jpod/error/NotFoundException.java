package io.jpod.error;

/** A named object (pod, container, image, volume) that does not exist. */
public class NotFoundException extends JpodException {
    private static final long serialVersionUID = 1L;
    private final String kind;
    private final String name;

    public NotFoundException(String kind, String name) {
        super("no " + kind + " with name or ID \"" + name + "\" found");
        this.kind = kind;
        this.name = name;
    }

    public NotFoundException(String kind, String name, String message) {
        super(message);
        this.kind = kind;
        this.name = name;
    }

    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }
}
