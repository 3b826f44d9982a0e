package io.jpod.engine;

import io.jpod.image.registry.RegistryOptions;
import io.jpod.pod.ImageDefaults;
import io.jpod.pod.PullPolicy;
import java.nio.file.Path;
import java.util.List;

/** What the pod engine needs of the image store: an image's id, defaults and layer directories. */
public interface ImageSource {
    /** A resolved image. {@code layerDirs} are overlay lower directories, top layer first. */
    record ResolvedImage(String id, String name, ImageDefaults defaults, List<Path> layerDirs) {
    }

    /** Finds a local image by name or id; throws NotFoundException naming it when absent. */
    ResolvedImage resolve(String reference);

    /**
     * Finds the image a container needs, pulling it as {@code policy} says (a source that cannot
     * pull only looks locally).
     */
    default ResolvedImage resolve(String reference, PullPolicy policy, RegistryOptions registry) {
        return resolve(reference);
    }
}
