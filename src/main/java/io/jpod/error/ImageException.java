package io.jpod.error;

/** A problem with an image or archive: unreadable, corrupt, unsafe entries, missing blobs. */
public class ImageException extends JpodException {
    private static final long serialVersionUID = 1L;
    private final String image;

    public ImageException(String image, String message) {
        super(message);
        this.image = image;
    }

    public ImageException(String image, String message, Throwable cause) {
        super(message, cause);
        this.image = image;
    }

    public String image() {
        return image;
    }
}
