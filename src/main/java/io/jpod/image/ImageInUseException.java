package io.jpod.image;

import io.jpod.error.ConflictException;

/** An image cannot be removed because a container uses it. */
public final class ImageInUseException extends ConflictException {
    private static final long serialVersionUID = 1L;

    public ImageInUseException(String imageId, String container) {
        super(imageId, (container == null ? "image " + imageId + " is used by a container" : "image used by " + container)
                + ": image is in use by a container: consider listing external containers and force-removing image");
    }
}
