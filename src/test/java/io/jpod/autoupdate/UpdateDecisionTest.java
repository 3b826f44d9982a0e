package io.jpod.autoupdate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpdateDecisionTest {
    private static final String D1 = "sha256:" + "1".repeat(64);
    private static final String D2 = "sha256:" + "2".repeat(64);

    @Test
    void aContainerIsUpToDateOnlyWhenEveryPodRunsTheImageWanted() {
        assertEquals(UpdateOutcome.UNCHANGED, UpdateDecision.compare(D1, List.of(D1)));
        assertEquals(UpdateOutcome.PENDING, UpdateDecision.compare(D2, List.of(D1)), "a new digest in the registry");
        assertEquals(UpdateOutcome.PENDING, UpdateDecision.compare(D2, List.of(D2, D1)), "a rollout cut short: one replica is old");
        assertEquals(UpdateOutcome.PENDING, UpdateDecision.compare(D1, List.of()), "nothing runs it: nothing is known to be current");
    }

    @Test
    void theRegistryPolicyRefusesAShortNameAndTheLocalOneDoesNot() {
        assertEquals(Optional.of("the registry policy needs a fully qualified image name (registry/repository:tag), not \"busybox\""),
                UpdateDecision.refusal(UpdatePolicy.REGISTRY, "busybox", true));
        assertEquals(Optional.empty(), UpdateDecision.refusal(UpdatePolicy.REGISTRY, "quay.io/x/busybox:1", false));
        assertEquals(Optional.empty(), UpdateDecision.refusal(UpdatePolicy.LOCAL, "busybox", true));
    }

    @Test
    void anImageRolledBackIsNotTriedAgainButTheNextOneIs() {
        assertTrue(UpdateDecision.triedAndRolledBack("b".repeat(64), "rolled back", "b".repeat(64)));
        assertFalse(UpdateDecision.triedAndRolledBack("c".repeat(64), "rolled back", "b".repeat(64)), "a newer image");
        assertFalse(UpdateDecision.triedAndRolledBack("b".repeat(64), "true", "b".repeat(64)), "moved to it and back by hand");
        assertFalse(UpdateDecision.triedAndRolledBack("b".repeat(64), null, null), "never moved");
    }
}
