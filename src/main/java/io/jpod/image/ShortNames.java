package io.jpod.image;

import io.jpod.error.ImageException;
import io.jpod.image.registry.RegistriesConf;
import io.jpod.image.registry.ShortNameChooser;
import java.util.List;

/**
 * Resolves the names a pull is given as podman does with registries.conf: a fully qualified name
 * stands; a short name with an alias becomes the alias (keeping the tag or digest); else it is
 * looked up in the unqualified-search registries: one registry is used; with several, podman asks
 * on a terminal (a {@link ShortNameChooser} given by the CLI), and without one refuses in the
 * default enforcing mode, naming the candidates; permissive or disabled mode tries them in order. Without search
 * registries a short name means docker.io.
 */
public final class ShortNames {
    private ShortNames() {
    }

    /** The fully qualified references to try for {@code ref}, in order. */
    public static List<ImageReference> candidates(ImageReference ref, RegistriesConf conf) {
        return candidates(ref, conf, ShortNameChooser.NONE);
    }

    /**
     * As above; when the name is ambiguous in enforcing mode, {@code chooser} (podman's prompt on a
     * terminal) may pick one of the candidates, which is then the only one.
     */
    public static List<ImageReference> candidates(ImageReference ref, RegistriesConf conf, ShortNameChooser chooser) {
        String input = ref.asWritten();
        if (!ref.isShortName()) {
            return List.of(ref.qualified(ImageReference.DOCKER_REGISTRY));
        }
        String alias = conf.aliases().get(ref.repository());
        if (alias != null) {
            ImageReference target = ImageReference.parse(alias);
            if (target.isShortName()) {
                throw new ImageException(input, "the alias of \"" + ref.repository() + "\" in registries.conf, \"" + alias
                        + "\", is not a fully qualified name");
            }
            return List.of(new ImageReference(target.registry(), target.repository(), ref.tag() != null ? ref.tag() : target.tag(),
                    ref.digest()).qualified(ImageReference.DOCKER_REGISTRY));
        }
        List<String> search = conf.searchRegistries().isEmpty() ? List.of(ImageReference.DOCKER_REGISTRY) : conf.searchRegistries();
        List<ImageReference> out = search.stream().map(ref::qualified).toList();
        if (out.size() > 1 && conf.shortNameMode().equals("enforcing")) {
            List<String> names = out.stream().map(ImageReference::toString).toList();
            java.util.Optional<String> chosen = chooser.choose(input, names);
            if (chosen.isPresent() && names.contains(chosen.get())) {
                return List.of(out.get(names.indexOf(chosen.get())));
            }
            throw new ImageException(input, "short-name resolution enforced but cannot prompt without a TTY: \"" + input
                    + "\" could be any of " + String.join(", ", out.stream().map(ImageReference::toString).toList())
                    + "; use a fully qualified name or an alias in registries.conf");
        }
        return out;
    }
}
