package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.ConflictException;
import io.jpod.error.InvalidInputException;
import io.jpod.error.NotFoundException;
import io.jpod.state.Database;
import io.jpod.state.KubeObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretServiceTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void plainContentIsTheValueOfTheKeyNamedAfterTheSecret() {
        try (Database db = Database.open(dir.resolve("jpod.db"))) {
            KubeObjectStore store = new KubeObjectStore(db);
            SecretService secrets = new SecretService(store);
            String id = secrets.create("pw", bytes("hunter2"));
            assertTrue(id.matches("[0-9a-f]{25}"), id);
            assertEquals(Map.of("pw", "hunter2"), store.list("Secret").get(0).data());
            assertEquals(List.of("pw"), secrets.inspect(id.substring(0, 6)).keys(), "found by id prefix");
            assertFalse(secrets.inspect("pw").toString().contains("hunter2"), "a report never holds the value");
        }
    }

    @Test
    void aKubernetesSecretGivesItsKeys() {
        try (Database db = Database.open(dir.resolve("jpod.db"))) {
            KubeObjectStore store = new KubeObjectStore(db);
            new SecretService(store).create("db", bytes("apiVersion: v1\nkind: Secret\nmetadata:\n  name: other\n"
                    + "data:\n  user: YWRtaW4=\nstringData:\n  password: s3cret\n"));
            assertEquals(Map.of("user", "admin", "password", "s3cret"), store.list("Secret").get(0).data());
            assertEquals("db", store.list("Secret").get(0).name(), "the name given, not the YAML's");
        }
    }

    @Test
    void namesAreCheckedAndUnique() {
        try (Database db = Database.open(dir.resolve("jpod.db"))) {
            SecretService secrets = new SecretService(new KubeObjectStore(db));
            secrets.create("a", bytes("x"));
            assertThrows(ConflictException.class, () -> secrets.create("a", bytes("y")));
            assertThrows(InvalidInputException.class, () -> secrets.create("-bad", bytes("y")));
            assertThrows(InvalidInputException.class, () -> secrets.create("empty", new byte[0]));
            assertEquals(secrets.inspect("a").id(), secrets.remove("a"));
            assertThrows(NotFoundException.class, () -> secrets.remove("a"));
            assertFalse(secrets.exists("a"));
        }
    }
}
