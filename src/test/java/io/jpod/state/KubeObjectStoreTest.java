package io.jpod.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeObjectStoreTest {
    @TempDir
    Path dir;

    private static KubeObjectStore.KubeObject obj(String kind, String name, Map<String, String> data) {
        return new KubeObjectStore.KubeObject(kind, name, data, "f.yaml:1:1", Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void savesReplacesListsAndRemoves() {
        try (Database db = Database.open(dir.resolve("jpod.db"))) {
            KubeObjectStore store = new KubeObjectStore(db);
            store.save(List.of(obj("ConfigMap", "b", Map.of("k", "1")), obj("ConfigMap", "a", Map.of("k", "2")),
                    obj("Secret", "a", Map.of("password", "hunter2"))));
            store.save(List.of(obj("ConfigMap", "b", Map.of("k", "3"))));
            List<KubeObjectStore.KubeObject> maps = store.list("ConfigMap");
            assertEquals(List.of("a", "b"), maps.stream().map(KubeObjectStore.KubeObject::name).toList());
            assertEquals(Map.of("k", "3"), maps.get(1).data(), "saving again replaces");
            assertEquals(Map.of("password", "hunter2"), store.list("Secret").get(0).data());
            assertTrue(store.remove("Secret", "a"));
            assertFalse(store.remove("Secret", "a"));
            assertEquals(List.of(), store.list("Secret"));
            assertEquals(2, store.list("ConfigMap").size(), "a ConfigMap of the same name is another object");
        }
    }

    @Test
    void aStoredObjectNeverPrintsItsValues() {
        String shown = obj("Secret", "s", Map.of("password", "hunter2")).toString();
        assertFalse(shown.contains("hunter2"), shown);
        assertTrue(shown.contains("password"), shown);
    }
}
