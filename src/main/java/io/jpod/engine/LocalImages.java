package io.jpod.engine;

import io.jpod.events.Events;
import io.jpod.error.NotFoundException;
import io.jpod.image.Image;
import io.jpod.image.ImageConfig;
import io.jpod.image.ImageReference;
import io.jpod.image.Platform;
import io.jpod.image.registry.RegistryOptions;
import io.jpod.pod.ImageDefaults;
import io.jpod.pod.PullPolicy;
import java.util.List;

/**
 * The pod engine's view of the images, pulling them as containers' pull policies say, through
 * {@link ImageService#pull} as {@code jpod pull} does. A container's image is parsed once, here.
 * Names on {@code localhost/} are local-only, as podman treats them: they are never pulled (nor
 * is a short name that names a local {@code localhost/} image). Short names are pulled through the
 * registries.conf of the registry options.
 */
final class LocalImages implements ImageSource {
    private final ImageService images;
    private final Events events;

    LocalImages(ImageService images, Events events) {
        this.images = images;
        this.events = events;
    }

    @Override
    public ResolvedImage resolve(String reference) {
        ImageReference ref = ImageReference.parse(reference);
        return resolved(images.find(ref), ref, reference);
    }

    /** One at a time: the pods of a file are created together, and two of them may pull the same image. */
    @Override
    public synchronized ResolvedImage resolve(String reference, PullPolicy policy, RegistryOptions registry) {
        ImageReference ref = ImageReference.parse(reference);
        Image local = null;
        try {
            local = images.find(ref);
        } catch (NotFoundException e) {
            if (policy == PullPolicy.NEVER || ref.isLocalOnly(List.of())) {
                throw e;
            }
        }
        if (local != null && (policy != PullPolicy.ALWAYS || ref.isLocalOnly(local.names()))) {
            return resolved(local, ref, reference);
        }
        Image pulled = images.pull(ref, registry, Platform.HOST, events);
        return resolved(pulled, ref, reference);
    }

    /** The image with the name {@code ref} gives it (else its first name; else the reference as written, for an image without names). */
    private ResolvedImage resolved(Image image, ImageReference ref, String reference) {
        ImageConfig c = image.config();
        String name = ref.nameAmong(image.names()).orElse(image.names().isEmpty() ? reference : image.names().get(0));
        return new ResolvedImage(image.id(), name, new ImageDefaults(c.entrypoint(), c.cmd(), c.env(), c.workingDir(), c.user(),
                c.stopSignal()),
                images.layerDirs(image));
    }
}
