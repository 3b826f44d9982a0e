package io.jpod.image;

import java.util.List;

/**
 * An image stored by {@code load}.
 *
 * @param image the image as stored
 * @param names the names the archive gave it (empty when it gave none)
 */
public record LoadedImage(Image image, List<String> names) {
    public LoadedImage {
        names = List.copyOf(names);
    }
}
