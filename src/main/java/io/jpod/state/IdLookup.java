package io.jpod.state;

import io.jpod.error.ConflictException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Finds an object by exact name, exact id, or unique id prefix, as podman does. */
public final class IdLookup {
    private IdLookup() {
    }

    public static <T> Optional<T> find(List<T> all, String key, Function<T, String> id, Function<T, String> name) {
        for (T t : all) {
            if (name.apply(t).equals(key) || id.apply(t).equals(key)) {
                return Optional.of(t);
            }
        }
        if (!key.matches("[0-9a-f]{1,64}")) {
            return Optional.empty();
        }
        List<T> matches = all.stream().filter(t -> id.apply(t).startsWith(key)).toList();
        if (matches.size() > 1) {
            throw new ConflictException(key, "more than one result for ID prefix " + key + ": use a longer prefix");
        }
        return matches.stream().findFirst();
    }
}
