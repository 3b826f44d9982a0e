package io.jpod.autoupdate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jpod.error.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpdatePolicyTest {
    @Test
    void theContainersOwnAnnotationWinsOverThePods() {
        Map<String, String> a = Map.of("io.containers.autoupdate", "registry", "io.containers.autoupdate/db", "local");
        assertEquals(UpdatePolicy.REGISTRY, UpdatePolicy.of(a, "web"));
        assertEquals(UpdatePolicy.LOCAL, UpdatePolicy.of(a, "db"));
        assertEquals(UpdatePolicy.DISABLED, UpdatePolicy.of(Map.of(), "web"), "no annotation: not updated");
        assertEquals(UpdatePolicy.DISABLED, UpdatePolicy.of(Map.of("io.containers.autoupdate", "registry",
                "io.containers.autoupdate/web", "disabled"), "web"));
    }

    @Test
    void imageIsPodmansOlderWordForRegistryAndOtherWordsAreErrorsNamingTheAnnotation() {
        assertEquals(UpdatePolicy.REGISTRY, UpdatePolicy.of(Map.of("io.containers.autoupdate", "image"), "web"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> UpdatePolicy.of(Map.of("io.containers.autoupdate/web", "nightly"), "web"));
        assertEquals("metadata.annotations.io.containers.autoupdate/web: unknown auto-update policy \"nightly\": "
                + "must be one of registry, local, disabled", e.getMessage());
    }
}
