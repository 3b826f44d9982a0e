package io.jpod.image;

import io.jpod.error.ConflictException;
import java.util.List;

/** An image cannot be removed because containers use it; names them ({@code name (short id)}). The CLI says what to do. */
public final class ImageInUseException extends ConflictException {
    private static final long serialVersionUID = 1L;
    private final String imageId;
    private final List<String> containers;

    public ImageInUseException(String imageId, List<String> containers) {
        super("image", imageId, Reason.IN_USE, (containers.isEmpty() ? "image " + imageId + " is used by a container"
                : "image used by container" + (containers.size() > 1 ? "s " : " ") + String.join(", ", containers))
                + ": image is in use by a container");
        this.imageId = imageId;
        this.containers = List.copyOf(containers);
    }

    /** The id of the image in use. */
    public String imageId() {
        return imageId;
    }

    /** The containers using it, as {@code name (short id)}. */
    public List<String> containers() {
        return containers;
    }
}
