package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecipeCacheTest {
    @Test
    void pastItsLimitOnlyTheRecipesOfContainersThatAreGoneAreDropped() {
        Set<String> removed = new HashSet<>();
        RecipeCache<String> cache = new RecipeCache<>(4, removed::contains);
        for (String id : new String[] {"a", "b", "c", "d"}) {
            cache.put(id, "recipe of " + id);
        }
        removed.add("b");
        cache.put("e", "recipe of e");
        assertEquals(4, cache.size());
        assertNull(cache.get("b"), "b's container is gone");
        for (String id : new String[] {"a", "c", "d", "e"}) {
            assertEquals("recipe of " + id, cache.get(id), "a container still there keeps its recipe");
        }
    }

    @Test
    void whenEveryContainerIsStillThereTheLeastRecentlyUsedIsDropped() {
        RecipeCache<String> cache = new RecipeCache<>(3, id -> false);
        cache.put("a", "1");
        cache.put("b", "2");
        cache.put("c", "3");
        cache.get("a"); // probed again: b is now the least recently used
        cache.put("d", "4");
        assertNull(cache.get("b"));
        assertNotNull(cache.get("a"));
        assertNotNull(cache.get("c"));
        assertNotNull(cache.get("d"));
    }

    @Test
    void theRecipeJustReadIsKeptEvenIfItsContainerLooksGone() {
        RecipeCache<String> cache = new RecipeCache<>(1, id -> true);
        cache.put("a", "1");
        cache.put("b", "2");
        assertEquals("2", cache.get("b"));
        assertEquals(1, cache.size());
    }
}
