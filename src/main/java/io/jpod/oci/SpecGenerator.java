package io.jpod.oci;

import io.jpod.oci.RuntimeSpec.Capabilities;
import io.jpod.oci.RuntimeSpec.Linux;
import io.jpod.oci.RuntimeSpec.Mount;
import io.jpod.oci.RuntimeSpec.Namespace;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Container plan → OCI runtime spec, in two passes as runc's specconv does: the default spec, then
 * a rootless pass that drops what an unprivileged user cannot do. Pure functions.
 */
public final class SpecGenerator {
    /** The cgroup under which a container gets its own, {@code /jpod/<id>}, where jpod creates one (as root). */
    public static final String CGROUP_PARENT = "/jpod";

    /** Podman's default capability set. */
    public static final List<String> DEFAULT_CAPS = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID",
            "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_SETFCAP", "CAP_SETGID", "CAP_SETPCAP", "CAP_SETUID", "CAP_SYS_CHROOT");

    /** Every capability Linux knows (what a privileged container gets). */
    public static final List<String> ALL_CAPS = List.of("CAP_AUDIT_CONTROL", "CAP_AUDIT_READ", "CAP_AUDIT_WRITE",
            "CAP_BLOCK_SUSPEND", "CAP_BPF", "CAP_CHECKPOINT_RESTORE", "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH",
            "CAP_FOWNER", "CAP_FSETID", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_KILL", "CAP_LEASE", "CAP_LINUX_IMMUTABLE",
            "CAP_MAC_ADMIN", "CAP_MAC_OVERRIDE", "CAP_MKNOD", "CAP_NET_ADMIN", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST",
            "CAP_NET_RAW", "CAP_PERFMON", "CAP_SETFCAP", "CAP_SETGID", "CAP_SETPCAP", "CAP_SETUID", "CAP_SYSLOG", "CAP_SYS_ADMIN",
            "CAP_SYS_BOOT", "CAP_SYS_CHROOT", "CAP_SYS_MODULE", "CAP_SYS_NICE", "CAP_SYS_PACCT", "CAP_SYS_PTRACE",
            "CAP_SYS_RAWIO", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_WAKE_ALARM");

    static final List<String> MASKED = List.of("/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
            "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/fs/selinux",
            "/sys/dev/block");
    static final List<String> READONLY = List.of("/proc/asound", "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");

    private SpecGenerator() {
    }

    /** The spec for {@code plan}; {@code rootless} applies the rootless pass. */
    public static RuntimeSpec generate(ContainerPlan plan, boolean rootless) {
        RuntimeSpec spec = defaults(plan);
        return rootless ? rootless(spec) : spec;
    }

    static RuntimeSpec defaults(ContainerPlan plan) {
        List<String> set = capabilities(plan.security());
        Capabilities caps = new Capabilities(set, set, set);
        ContainerPlan.Tuning tuning = plan.tuning();
        var process = new RuntimeSpec.Process(false, new RuntimeSpec.User(plan.uid(), plan.gid(), plan.groups()), plan.args(),
                plan.env(), plan.cwd(), caps, plan.security().noNewPrivileges(),
                tuning.rlimits().isEmpty() ? null : tuning.rlimits());
        List<Namespace> namespaces = new ArrayList<>();
        namespaces.add(Namespace.create("mount"));
        for (String type : plan.created()) {
            namespaces.add(Namespace.create(type));
        }
        new TreeMap<>(plan.joined()).forEach((type, path) -> namespaces.add(new Namespace(type, path)));
        if (namespaces.stream().noneMatch(n -> n.type().equals("pid")) && !tuning.hostNamespaces().contains("pid")) {
            namespaces.add(Namespace.create("pid"));
        }
        List<Mount> mounts = new ArrayList<>(List.of(
                new Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
                new Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
                new Mount("/dev/pts", "devpts", "devpts",
                        List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
                new Mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")),
                new Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
                new Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
                new Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("nosuid", "noexec", "nodev", "relatime", "ro"))));
        if (tuning.hostNamespaces().contains("ipc")) {
            // the host's IPC namespace: its /dev/shm, as Kubernetes gives a hostIPC pod
            mounts.replaceAll(m -> m.destination().equals("/dev/shm")
                    ? new Mount("/dev/shm", "bind", "/dev/shm", List.of("rbind", "nosuid", "noexec", "nodev"))
                    : m);
        }
        mounts.addAll(plan.mounts());
        boolean unmasked = plan.security().unmaskedProc();
        RuntimeSpec.Seccomp seccomp = plan.security().seccompProfile() == null ? null
                : SeccompProfiles.toSpec(plan.security().seccompProfile(), set);
        Linux linux = new Linux(namespaces, CGROUP_PARENT + "/" + plan.id(), unmasked ? List.of() : MASKED, unmasked ? List.of() : READONLY,
                tuning.sysctls().isEmpty() ? null : tuning.sysctls(), seccomp, tuning.resources());
        return new RuntimeSpec("1.0.2", process, new RuntimeSpec.Root(plan.rootfs(), plan.security().readonlyRoot()), plan.hostname(), mounts, linux,
                plan.annotations());
    }

    /**
     * The capability set, as containerd and CRI-O compute it: the default set (every capability
     * when privileged); add ALL gives every one, drop ALL none; then the named ones are added,
     * then the named ones dropped.
     */
    static List<String> capabilities(ContainerPlan.Security s) {
        java.util.Set<String> caps = new java.util.TreeSet<>(s.privileged() ? ALL_CAPS : DEFAULT_CAPS);
        if (s.capAdd().contains("ALL")) {
            caps.addAll(ALL_CAPS);
        }
        if (s.capDrop().contains("ALL")) {
            caps.clear();
        }
        s.capAdd().stream().filter(c -> !c.equals("ALL")).forEach(caps::add);
        s.capDrop().forEach(caps::remove);
        return List.copyOf(caps);
    }

    /**
     * Rootless pass: no cgroup of our own (an unprivileged user cannot create one on this kind of
     * host), so no resources either; a container that does not own its network namespace cannot
     * mount sysfs, so it gets the host's /sys bound read-only, as podman does; one in the host's
     * PID namespace cannot mount procfs (the user namespace does not own that PID namespace), so
     * it gets the host's /proc bound; nor mqueue for the host's IPC namespace, which it then goes without.
     */
    static RuntimeSpec rootless(RuntimeSpec spec) {
        boolean ownsNetns = spec.linux().namespaces().stream().anyMatch(n -> n.type().equals("network"));
        boolean ownsPidns = spec.linux().namespaces().stream().anyMatch(n -> n.type().equals("pid"));
        boolean ownsIpcns = spec.linux().namespaces().stream().anyMatch(n -> n.type().equals("ipc"));
        List<Mount> mounts = spec.mounts().stream()
                .map(m -> m.destination().equals("/sys") && !ownsNetns
                        ? new Mount("/sys", "bind", "/sys", List.of("rbind", "nosuid", "noexec", "nodev", "ro"))
                        : m)
                .map(m -> m.destination().equals("/proc") && !ownsPidns
                        ? new Mount("/proc", "bind", "/proc", List.of("rbind", "nosuid", "noexec", "nodev"))
                        : m)
                .filter(m -> !(m.destination().equals("/sys/fs/cgroup") && !ownsNetns))
                .filter(m -> !(m.destination().equals("/dev/mqueue") && !ownsIpcns))
                .toList();
        Linux linux = spec.linux().withCgroup(null, null);
        return new RuntimeSpec(spec.ociVersion(), spec.process(), spec.root(), spec.hostname(), mounts, linux, spec.annotations());
    }
}
