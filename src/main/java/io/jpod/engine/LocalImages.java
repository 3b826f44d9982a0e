package io.jpod.engine;

import io.jpod.events.Events;
import io.jpod.error.NotFoundException;
import io.jpod.image.Image;
import io.jpod.image.ImageConfig;
import io.jpod.image.ImagePuller;
import io.jpod.image.ImageReference;
import io.jpod.image.ImageStore;
import io.jpod.image.registry.RegistryOptions;
import io.jpod.pod.ImageDefaults;
import io.jpod.pod.PullPolicy;

/**
 * The pod engine's view of the image store, pulling images as containers' pull policies say.
 * Names on {@code localhost/} are local-only, as podman treats them: they are never pulled (nor
 * is a short name that names a local {@code localhost/} image). Short names are pulled as
 * {@code jpod pull} pulls them, through the registries.conf of the registry options.
 */
final class LocalImages implements ImageSource {
    private final ImageStore store;
    private final Events events;

    LocalImages(ImageStore store, Events events) {
        this.store = store;
        this.events = events;
    }

    @Override
    public ResolvedImage resolve(String reference) {
        return resolved(store.resolve(reference), reference);
    }

    @Override
    public ResolvedImage resolve(String reference, PullPolicy policy, RegistryOptions registry) {
        Image local = null;
        try {
            local = store.resolve(reference);
        } catch (NotFoundException e) {
            if (policy == PullPolicy.NEVER || localOnly(reference, null)) {
                throw e;
            }
        }
        if (local != null && (policy != PullPolicy.ALWAYS || localOnly(reference, local))) {
            return resolved(local, reference);
        }
        Image pulled = new ImagePuller(store).pull(reference, registry.registriesConf(), registry, ImagePuller.Platform.HOST, events);
        return resolved(pulled, reference);
    }

    /** True for a {@code localhost/} name, or a short name of a local {@code localhost/} image. */
    static boolean localOnly(String reference, Image local) {
        ImageReference ref;
        try {
            ref = ImageReference.parse(reference);
        } catch (RuntimeException e) {
            return true; // an id or id prefix
        }
        if (!ref.isShortName()) {
            return ref.registry().equals(ImageReference.LOCAL_REGISTRY);
        }
        return local != null && local.names().stream().anyMatch(n -> n.startsWith(ImageReference.LOCAL_REGISTRY + "/"));
    }

    private ResolvedImage resolved(Image image, String reference) {
        ImageConfig c = image.config();
        String name = image.names().stream().filter(n -> n.equals(reference) || n.startsWith(reference)).findFirst()
                .orElse(image.names().isEmpty() ? reference : image.names().get(0));
        return new ResolvedImage(image.id(), name, new ImageDefaults(c.entrypoint(), c.cmd(), c.env(), c.workingDir(), c.user(),
                c.stopSignal()),
                store.layers().layerDirs(image));
    }
}
