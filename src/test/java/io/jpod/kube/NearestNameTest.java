package io.jpod.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** "Did you mean": the nearest name, when it is near enough for what was typed. */
class NearestNameTest {
    private static final List<String> CONTAINER = List.of("name", "image", "command", "args", "ports", "env", "envFrom",
            "imagePullPolicy", "volumeMounts", "securityContext");

    @Test
    void aTypoOfOneOrTwoLettersFindsTheField() {
        assertEquals(Optional.of("imagePullPolicy"), NearestName.among("imagePullPolice", CONTAINER));
        assertEquals(Optional.of("ports"), NearestName.among("p:orts", CONTAINER));
        assertEquals(Optional.of("volumeMounts"), NearestName.among("volumeMount", CONTAINER));
        assertEquals(Optional.of("securityContext"), NearestName.among("SecurityContxt", CONTAINER));
    }

    @Test
    void twoLettersSwappedCountOnce() {
        assertEquals(1, NearestName.distance("imgae", "image"));
        assertEquals(Optional.of("image"), NearestName.among("imgae", CONTAINER));
        assertEquals(Optional.of("args"), NearestName.among("agrs", CONTAINER));
    }

    @Test
    void aNameFarFromEveryFieldHasNoSuggestion() {
        assertEquals(Optional.empty(), NearestName.among("frobnicate", CONTAINER));
        assertEquals(Optional.empty(), NearestName.among("cmd", CONTAINER), "a short name allows one edit only");
        assertEquals(Optional.empty(), NearestName.among("x", List.of()));
    }

    @Test
    void theFirstOfTwoEquallyNearNamesIsChosen() {
        assertEquals(Optional.of("env"), NearestName.among("enx", CONTAINER));
    }
}
