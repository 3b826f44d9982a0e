package io.jpod.engine;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@link ProbeExec}'s recipes by container id, at most {@code limit} of them: past it, the recipes of containers that are
 * gone are dropped, then, while there are still too many (that many containers probed), the least recently used.
 * A container still probed keeps its recipe, so that a supervisor with many pods does not read every config.json again
 * whenever one more container was probed.
 */
final class RecipeCache<V> {
    private final int limit;
    private final Predicate<String> gone;
    /** In the order of use, the least recently used first. */
    private final Map<String, V> byId = new LinkedHashMap<>(16, 0.75f, true);

    /** {@code gone}: whether the container of an id is no longer there (asked only when the cache is full). */
    RecipeCache(int limit, Predicate<String> gone) {
        this.limit = limit;
        this.gone = gone;
    }

    synchronized V get(String id) {
        return byId.get(id);
    }

    synchronized void put(String id, V recipe) {
        byId.put(id, recipe);
        if (byId.size() <= limit) {
            return;
        }
        byId.keySet().removeIf(k -> !k.equals(id) && gone.test(k));
        for (Iterator<String> eldest = byId.keySet().iterator(); byId.size() > limit && eldest.hasNext(); ) {
            eldest.next();
            eldest.remove();
        }
    }

    synchronized int size() {
        return byId.size();
    }
}
