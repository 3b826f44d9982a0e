package io.jpod.engine;

import io.jpod.image.Image;
import io.jpod.image.ImageConfig;
import io.jpod.image.ImageStore;
import io.jpod.pod.ImageDefaults;

/** The pod engine's view of the local image store. */
final class LocalImages implements ImageSource {
    private final ImageStore store;

    LocalImages(ImageStore store) {
        this.store = store;
    }

    @Override
    public ResolvedImage resolve(String reference) {
        Image image = store.resolve(reference);
        ImageConfig c = image.config();
        String name = image.names().stream().filter(n -> n.equals(reference) || n.startsWith(reference)).findFirst()
                .orElse(image.names().isEmpty() ? reference : image.names().get(0));
        return new ResolvedImage(image.id(), name, new ImageDefaults(c.entrypoint(), c.cmd(), c.env(), c.workingDir(), c.user()),
                store.layers().layerDirs(image));
    }
}
