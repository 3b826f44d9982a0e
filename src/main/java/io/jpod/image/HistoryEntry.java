package io.jpod.image;

import java.time.Instant;

/**
 * One line of an image's history ({@code jpod history}).
 *
 * @param id   the image's id on the newest line, {@link #MISSING} on the others
 * @param size the bytes of the layer the line made (0 for an empty layer)
 */
public record HistoryEntry(String id, Instant created, String createdBy, long size, String comment) {
    /** What podman shows for a line that is not an image of its own. */
    public static final String MISSING = "<missing>";
}
