package io.jpod.pod;

import java.util.List;

/**
 * A container's security context, the pod's merged in (the container's fields win).
 *
 * @param runAsUser                uid of the process, or null for the image's USER
 * @param runAsGroup               gid of the process, or null
 * @param runAsNonRoot             refuse to run the process as uid 0
 * @param supplementalGroups       additional gids
 * @param readOnlyRootFilesystem   mount the root filesystem read-only
 * @param allowPrivilegeEscalation null (default: allowed) or false (no_new_privs)
 * @param capAdd                   capabilities added to the default set (CAP_ names, or ALL)
 * @param capDrop                  capabilities dropped from the default set (CAP_ names, or ALL)
 * @param privileged               every capability
 */
public record SecurityContext(Long runAsUser, Long runAsGroup, boolean runAsNonRoot, List<Long> supplementalGroups,
        boolean readOnlyRootFilesystem, Boolean allowPrivilegeEscalation, List<String> capAdd, List<String> capDrop,
        boolean privileged) {
    public static final SecurityContext NONE = new SecurityContext(null, null, false, List.of(), false, null, List.of(), List.of(),
            false);

    public SecurityContext {
        supplementalGroups = supplementalGroups == null ? List.of() : List.copyOf(supplementalGroups);
        capAdd = capAdd == null ? List.of() : List.copyOf(capAdd);
        capDrop = capDrop == null ? List.of() : List.copyOf(capDrop);
    }

    /** Whether no_new_privs is set. */
    public boolean noNewPrivileges() {
        return Boolean.FALSE.equals(allowPrivilegeEscalation);
    }
}
