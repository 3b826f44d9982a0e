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
 * @param seccomp                  the seccomp profile ({@link Seccomp#UNSET}: none, as Kubernetes' default Unconfined)
 * @param unmaskedProc             procMount Unmasked: /proc without masked or read-only paths
 */
public record SecurityContext(Long runAsUser, Long runAsGroup, boolean runAsNonRoot, List<Long> supplementalGroups,
        boolean readOnlyRootFilesystem, Boolean allowPrivilegeEscalation, List<String> capAdd, List<String> capDrop,
        boolean privileged, Seccomp seccomp, boolean unmaskedProc) {
    public static final SecurityContext NONE = new SecurityContext(null, null, false, List.of(), false, null, List.of(), List.of(),
            false);

    public SecurityContext {
        supplementalGroups = supplementalGroups == null ? List.of() : List.copyOf(supplementalGroups);
        capAdd = capAdd == null ? List.of() : List.copyOf(capAdd);
        capDrop = capDrop == null ? List.of() : List.copyOf(capDrop);
        seccomp = seccomp == null ? Seccomp.UNSET : seccomp;
    }

    /** A security context without seccomp profile or procMount. */
    public SecurityContext(Long runAsUser, Long runAsGroup, boolean runAsNonRoot, List<Long> supplementalGroups,
            boolean readOnlyRootFilesystem, Boolean allowPrivilegeEscalation, List<String> capAdd, List<String> capDrop,
            boolean privileged) {
        this(runAsUser, runAsGroup, runAsNonRoot, supplementalGroups, readOnlyRootFilesystem, allowPrivilegeEscalation, capAdd,
                capDrop, privileged, Seccomp.UNSET, false);
    }

    /** This context with {@code seccomp} and procMount. */
    public SecurityContext with(Seccomp profile, boolean unmasked) {
        return new SecurityContext(runAsUser, runAsGroup, runAsNonRoot, supplementalGroups, readOnlyRootFilesystem,
                allowPrivilegeEscalation, capAdd, capDrop, privileged, profile, unmasked);
    }

    /**
     * seccompProfile.
     *
     * @param type             null (not given), RuntimeDefault, Unconfined or Localhost
     * @param localhostProfile for Localhost: the profile's path, absolute or relative to jpod's seccomp directory
     */
    public record Seccomp(String type, String localhostProfile) {
        public static final String RUNTIME_DEFAULT = "RuntimeDefault";
        public static final String UNCONFINED = "Unconfined";
        public static final String LOCALHOST = "Localhost";
        public static final List<String> TYPES = List.of(RUNTIME_DEFAULT, UNCONFINED, LOCALHOST);
        public static final Seccomp UNSET = new Seccomp(null, null);

        /** Whether a filter is applied. */
        public boolean filters() {
            return RUNTIME_DEFAULT.equals(type) || LOCALHOST.equals(type);
        }
    }

    /** Whether no_new_privs is set. */
    public boolean noNewPrivileges() {
        return Boolean.FALSE.equals(allowPrivilegeEscalation);
    }
}
