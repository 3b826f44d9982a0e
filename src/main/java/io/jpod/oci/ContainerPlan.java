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
 * @param tuning      host namespaces, sysctls, rlimits and cgroup resources ({@link Tuning#NONE} when null)
 */
public record ContainerPlan(String id, List<String> args, List<String> env, String cwd, long uid, long gid, List<Long> groups,
        String rootfs, String hostname, Map<String, String> joined, List<String> created, List<RuntimeSpec.Mount> mounts,
        Map<String, String> annotations, Security security, Tuning tuning) {
    public ContainerPlan {
        args = List.copyOf(args);
        env = List.copyOf(env);
        groups = List.copyOf(groups);
        joined = Map.copyOf(joined);
        created = List.copyOf(created);
        mounts = List.copyOf(mounts);
        annotations = Map.copyOf(annotations);
        security = security == null ? Security.DEFAULT : security;
        tuning = tuning == null ? Tuning.NONE : tuning;
    }

    /** A plan for container {@code id}: every part not set is empty (no args, uid 0, no mounts, defaults). */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Builds a {@link ContainerPlan} part by part, so that no caller lists fifteen arguments in order. */
    public static final class Builder {
        private final String id;
        private List<String> args = List.of();
        private List<String> env = List.of();
        private String cwd = "/";
        private long uid;
        private long gid;
        private List<Long> groups = List.of();
        private String rootfs;
        private String hostname;
        private Map<String, String> joined = Map.of();
        private List<String> created = List.of();
        private List<RuntimeSpec.Mount> mounts = List.of();
        private Map<String, String> annotations = Map.of();
        private Security security = Security.DEFAULT;
        private Tuning tuning = Tuning.NONE;

        private Builder(String id) {
            this.id = id;
        }

        /** argv, environment (NAME=value) and working directory. */
        public Builder process(List<String> args, List<String> env, String cwd) {
            this.args = args;
            this.env = env;
            this.cwd = cwd;
            return this;
        }

        /** The user and groups inside the container. */
        public Builder user(long uid, long gid, List<Long> groups) {
            this.uid = uid;
            this.gid = gid;
            this.groups = groups;
            return this;
        }

        public Builder rootfs(String rootfs) {
            this.rootfs = rootfs;
            return this;
        }

        /** Set only for a container that creates the UTS namespace. */
        public Builder hostname(String hostname) {
            this.hostname = hostname;
            return this;
        }

        /** Namespaces joined from another process: type → path. */
        public Builder joined(Map<String, String> joined) {
            this.joined = joined;
            return this;
        }

        /** Namespaces this container creates, besides "mount". */
        public Builder created(List<String> created) {
            this.created = created;
            return this;
        }

        public Builder mounts(List<RuntimeSpec.Mount> mounts) {
            this.mounts = mounts;
            return this;
        }

        public Builder annotations(Map<String, String> annotations) {
            this.annotations = annotations;
            return this;
        }

        public Builder security(Security security) {
            this.security = security;
            return this;
        }

        public Builder tuning(Tuning tuning) {
            this.tuning = tuning;
            return this;
        }

        public ContainerPlan build() {
            return new ContainerPlan(id, args, env, cwd, uid, gid, groups, rootfs, hostname, joined, created, mounts, annotations,
                    security, tuning);
        }
    }

    /**
     * What a securityContext changes in the spec.
     *
     * @param readonlyRoot    the root filesystem is mounted read-only
     * @param noNewPrivileges no_new_privs is set
     * @param capAdd          capabilities added (CAP_ names, or ALL)
     * @param capDrop         capabilities dropped (CAP_ names, or ALL)
     * @param privileged      start from every capability rather than the default set
     * @param seccompProfile  a seccomp profile (JSON, containers' or OCI's format), or null for none
     * @param unmaskedProc    procMount Unmasked: no masked or read-only paths
     */
    public record Security(boolean readonlyRoot, boolean noNewPrivileges, List<String> capAdd, List<String> capDrop,
            boolean privileged, String seccompProfile, boolean unmaskedProc) {
        public static final Security DEFAULT = new Security(false, false, List.of(), List.of(), false);

        public Security {
            capAdd = capAdd == null ? List.of() : List.copyOf(capAdd);
            capDrop = capDrop == null ? List.of() : List.copyOf(capDrop);
        }

        /** Without seccomp profile, /proc masked. */
        public Security(boolean readonlyRoot, boolean noNewPrivileges, List<String> capAdd, List<String> capDrop,
                boolean privileged) {
            this(readonlyRoot, noNewPrivileges, capAdd, capDrop, privileged, null, false);
        }
    }

    /**
     * What a container takes from the host or sets in its namespaces.
     *
     * @param hostNamespaces namespaces kept from the host (jpod's user namespace holder): "network", "ipc", "pid"
     * @param sysctls        sysctls set in the container's namespaces
     * @param rlimits        process rlimits (empty: inherited)
     * @param resources      cgroup limits, or null (dropped by the rootless pass)
     */
    public record Tuning(List<String> hostNamespaces, Map<String, String> sysctls, List<RuntimeSpec.Rlimit> rlimits,
            RuntimeSpec.Resources resources) {
        public static final Tuning NONE = new Tuning(List.of(), Map.of(), List.of(), null);

        public Tuning {
            hostNamespaces = hostNamespaces == null ? List.of() : List.copyOf(hostNamespaces);
            sysctls = sysctls == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sysctls));
            rlimits = rlimits == null ? List.of() : List.copyOf(rlimits);
        }
    }
}
