package io.jpod.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {
    @Test
    void alwaysRestartsWhateverTheExitCode() {
        assertTrue(RestartPolicy.ALWAYS.restarts(0));
        assertTrue(RestartPolicy.ALWAYS.restarts(1));
        assertTrue(RestartPolicy.ALWAYS.restarts(137));
    }

    @Test
    void onFailureRestartsOnlyAfterAFailure() {
        assertFalse(RestartPolicy.ON_FAILURE.restarts(0));
        assertTrue(RestartPolicy.ON_FAILURE.restarts(1));
        assertTrue(RestartPolicy.ON_FAILURE.restarts(143));
    }

    @Test
    void neverRestarts() {
        assertFalse(RestartPolicy.NEVER.restarts(0));
        assertFalse(RestartPolicy.NEVER.restarts(2));
    }

    @Test
    void parsesKubernetesNames() {
        assertEquals(RestartPolicy.ALWAYS, RestartPolicy.parse("Always", "w", "f"));
        assertEquals(RestartPolicy.ON_FAILURE, RestartPolicy.parse("OnFailure", "w", "f"));
        assertEquals(RestartPolicy.NEVER, RestartPolicy.parse("Never", "w", "f"));
        assertEquals("OnFailure", RestartPolicy.ON_FAILURE.kubeName());
    }

    @Test
    void missingMeansAlways() {
        assertEquals(RestartPolicy.ALWAYS, RestartPolicy.parse(null, "w", "f"));
        assertEquals(RestartPolicy.ALWAYS, RestartPolicy.parse("", "w", "f"));
    }

    @Test
    void unknownValueListsTheValidOnes() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RestartPolicy.parse("ON_FAILURE", "f:1:1", "spec.restartPolicy"));
        assertEquals("f:1:1: spec.restartPolicy: unsupported restartPolicy \"ON_FAILURE\": must be one of Always, OnFailure, Never", e.getMessage());
        assertEquals("f:1:1", e.where());
    }
}
