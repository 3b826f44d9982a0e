package io.jpod.pod;

import java.util.List;

/**
 * What a PersistentVolumeClaim's spec asks of its volume, kept with the named volume so that {@code kube generate}
 * writes it back. A local volume is a directory of jpod's: it honours every access mode on one machine and the
 * Filesystem mode, not a size or a storage class (the claim's reader warns).
 *
 * @param accessModes      spec.accessModes, as written (empty: none written)
 * @param storageClassName spec.storageClassName; null when not written ("" asks for no class)
 * @param volumeMode       spec.volumeMode; null when not written
 * @param storage          spec.resources.requests.storage as written (a quantity, "1Gi"); null when not written
 */
public record ClaimSpec(List<String> accessModes, String storageClassName, String volumeMode, String storage) {
    /** A volume no claim described ({@code volume create}, a claim no file defines). */
    public static final ClaimSpec NONE = new ClaimSpec(List.of(), null, null, null);

    public ClaimSpec {
        accessModes = accessModes == null ? List.of() : List.copyOf(accessModes);
    }
}
