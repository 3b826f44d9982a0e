package io.jpod.image;

import java.util.List;

/**
 * What removing an image did, as {@code podman rmi} reports it.
 *
 * @param untagged names removed
 * @param deleted  ids of images deleted (empty when only a name was removed)
 */
public record RemoveReport(List<String> untagged, List<String> deleted) {
    public RemoveReport {
        untagged = List.copyOf(untagged);
        deleted = List.copyOf(deleted);
    }
}
