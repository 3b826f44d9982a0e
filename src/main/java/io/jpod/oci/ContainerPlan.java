package io.jpod.oci;

import java.util.List;
import java.util.Map;

/**
 * Everything that decides one container's OCI spec, already resolved to numbers and paths.
 *
 * @param id          the container id (64 hex)
 * @param args        argv
 * @param env         NAME=value
 * @param cwd         working directory
 * @param uid         user id inside the container
 * @param gid         group id inside the container
 * @param groups      supplementary groups
 * @param rootfs      the mounted root filesystem
 * @param hostname    set only for a container that creates the UTS namespace (the infra container)
 * @param joined      namespaces joined from another process: type ("network", "ipc", "uts", "pid") → path
 * @param created     namespaces this container creates (besides "mount", which every container creates)
 * @param mounts      bind mounts added to the defaults (/etc/hosts, /etc/hostname, …)
 * @param annotations OCI annotations
 * @param security    capabilities, no_new_privs and a read-only root ({@link Security#DEFAULT} when null)
 */
public record ContainerPlan(String id, List<String> args, List<String> env, String cwd, long uid, long gid, List<Long> groups,
        String rootfs, String hostname, Map<String, String> joined, List<String> created, List<RuntimeSpec.Mount> mounts,
        Map<String, String> annotations, Security security) {
    public ContainerPlan {
        args = List.copyOf(args);
        env = List.copyOf(env);
        groups = List.copyOf(groups);
        joined = Map.copyOf(joined);
        created = List.copyOf(created);
        mounts = List.copyOf(mounts);
        annotations = Map.copyOf(annotations);
        security = security == null ? Security.DEFAULT : security;
    }

    /** A plan with the default security settings. */
    public ContainerPlan(String id, List<String> args, List<String> env, String cwd, long uid, long gid, List<Long> groups,
            String rootfs, String hostname, Map<String, String> joined, List<String> created, List<RuntimeSpec.Mount> mounts,
            Map<String, String> annotations) {
        this(id, args, env, cwd, uid, gid, groups, rootfs, hostname, joined, created, mounts, annotations, Security.DEFAULT);
    }

    /**
     * What a securityContext changes in the spec.
     *
     * @param readonlyRoot    the root filesystem is mounted read-only
     * @param noNewPrivileges no_new_privs is set
     * @param capAdd          capabilities added (CAP_ names, or ALL)
     * @param capDrop         capabilities dropped (CAP_ names, or ALL)
     * @param privileged      start from every capability rather than the default set
     */
    public record Security(boolean readonlyRoot, boolean noNewPrivileges, List<String> capAdd, List<String> capDrop,
            boolean privileged) {
        public static final Security DEFAULT = new Security(false, false, List.of(), List.of(), false);

        public Security {
            capAdd = capAdd == null ? List.of() : List.copyOf(capAdd);
            capDrop = capDrop == null ? List.of() : List.copyOf(capDrop);
        }
    }
}
