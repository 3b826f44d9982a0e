package io.jpod.autoupdate;

/** What an auto-update did to a container, in podman's words (its UPDATED column). */
public enum UpdateOutcome {
    /** Moved to the new image, which passed the health gate. */
    UPDATED("true"),
    /** Already runs the image its name gives. */
    UNCHANGED("false"),
    /** A dry run found a newer image. */
    PENDING("pending"),
    /** The check, pull or update failed (and no rollback was made, or it failed too). */
    FAILED("failed"),
    /** The new image failed the health gate; the pod runs the previous one again. */
    ROLLED_BACK("rolled back");

    private final String word;

    UpdateOutcome(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
