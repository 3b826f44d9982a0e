package io.jpod.host;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Facts about this host and user, discovered once (by {@link HostProbe}) and passed to everything
 * that depends on them; translators never look these up themselves.
 *
 * @param rootless   true when jpod runs for an unprivileged user inside its user namespace
 * @param hostUid    the user's uid outside any user namespace (0 for root)
 * @param hostGid    the user's gid outside any user namespace
 * @param paths      where state and runtime files live
 * @param runtime    the OCI runtime binary and its name
 * @param conmon     path of conmon
 * @param catatonit  path of the static pause binary used by infra containers
 * @param storage    how container root filesystems are assembled
 * @param architecture this machine's architecture as images name it (amd64, arm64…)
 * @param cgroups    the cgroup version and the controllers jpod can use (read when first asked for)
 * @param hardLimits jpod's own hard rlimits by podman's short name (nofile…; -1: unlimited), the most a
 *                   rootless container can get (read from /proc/self/limits when first asked for)
 * @param slirp4netns the slirp4netns binary, if installed (looked for when first asked for)
 * @param build      the jpod build this JVM runs, and the helpers beside its jar
 */
public record HostFacts(boolean rootless, long hostUid, long hostGid, HostPaths paths, OciRuntime runtime,
        Path conmon, Path catatonit, StorageDriver storage, String architecture, Lazy<Cgroups> cgroups,
        Lazy<Map<String, Long>> hardLimits, Lazy<Optional<Path>> slirp4netns, JpodBuild build) {

    /** Why containers' resource limits are not enforced on this host, or null when they are. */
    public String resourcesNotEnforced() {
        return rootless ? cgroups.get().whyNotEnforced(true) : null;
    }

    /** An OCI runtime binary. */
    public record OciRuntime(String name, Path path) {
    }

    /** How a container's root filesystem is assembled from image layers. */
    public enum StorageDriver {
        /** Kernel overlayfs (mounted inside the user namespace when rootless). */
        OVERLAY,
        /** fuse-overlayfs, when the kernel's overlay cannot be mounted. */
        FUSE_OVERLAY,
        /** A copy of the layers per container: slow but works everywhere. */
        COPY;

        /** The user's name for it: overlay, fuse-overlay, copy. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        /** The driver named {@code label} ({@code --storage-driver}). */
        public static StorageDriver parse(String label) {
            return io.jpod.error.Choices.parse(StorageDriver.class, label, "storage driver", "--storage-driver", StorageDriver::label);
        }
    }
}
