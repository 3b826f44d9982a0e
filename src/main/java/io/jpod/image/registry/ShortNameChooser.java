package io.jpod.image.registry;

import java.util.List;
import java.util.Optional;

/**
 * Chooses among the fully qualified names an ambiguous short name may mean, as podman asks the
 * user on a terminal. The engine never prompts: the CLI gives one that does, or {@link #NONE}.
 */
@FunctionalInterface
public interface ShortNameChooser {
    /** The chosen one of {@code candidates} (names {@code input} may mean, in order), or empty when no choice can be made. */
    Optional<String> choose(String input, List<String> candidates);

    /** Makes no choice: an ambiguous short name is an error naming the candidates. */
    ShortNameChooser NONE = (input, candidates) -> Optional.empty();
}
