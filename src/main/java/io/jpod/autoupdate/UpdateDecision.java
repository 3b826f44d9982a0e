package io.jpod.autoupdate;

import java.util.List;
import java.util.Optional;

/**
 * Whether a container is to be moved, from what was found (pure): the registry policy compares
 * the digest of the image in the registry (the manifest for this platform) with the digests of
 * the images the container's pods run; the local policy compares the id the name gives now with
 * the ids they run. Every pod must run it for the container to be up to date (a workload's pods
 * may differ halfway through a rollout).
 */
public final class UpdateDecision {
    private UpdateDecision() {
    }

    /** Why {@code policy} cannot check {@code image} (written so in the YAML), or empty when it can. */
    public static Optional<String> refusal(UpdatePolicy policy, String image, boolean shortName) {
        if (policy == UpdatePolicy.REGISTRY && shortName) {
            return Optional.of("the registry policy needs a fully qualified image name (registry/repository:tag), not \"" + image + "\"");
        }
        return Optional.empty();
    }

    /** {@code UNCHANGED} when every one of {@code running} is {@code wanted} (a digest or an id), else {@code PENDING}. */
    public static UpdateOutcome compare(String wanted, List<String> running) {
        return !running.isEmpty() && running.stream().allMatch(wanted::equals) ? UpdateOutcome.UNCHANGED : UpdateOutcome.PENDING;
    }

    /**
     * Whether moving to image {@code newId} is left out because the last move of the container
     * to it was rolled back ({@code lastOutcome}, {@code lastNewId}: the last move recorded, or nulls):
     * a failed image is not tried again on every run; the next new one is.
     */
    public static boolean triedAndRolledBack(String newId, String lastOutcome, String lastNewId) {
        return UpdateOutcome.ROLLED_BACK.word().equals(lastOutcome) && newId.equals(lastNewId);
    }
}
