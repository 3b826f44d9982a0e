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
    /** Podman's default capability set. */
    public static final List<String> DEFAULT_CAPS = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID",
            "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_SETFCAP", "CAP_SETGID", "CAP_SETPCAP", "CAP_SETUID", "CAP_SYS_CHROOT");

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
        Capabilities caps = new Capabilities(DEFAULT_CAPS, DEFAULT_CAPS, DEFAULT_CAPS);
        var process = new RuntimeSpec.Process(false, new RuntimeSpec.User(plan.uid(), plan.gid(), plan.groups()), plan.args(),
                plan.env(), plan.cwd(), caps, false);
        List<Namespace> namespaces = new ArrayList<>();
        namespaces.add(Namespace.create("mount"));
        for (String type : plan.created()) {
            namespaces.add(Namespace.create(type));
        }
        new TreeMap<>(plan.joined()).forEach((type, path) -> namespaces.add(new Namespace(type, path)));
        if (namespaces.stream().noneMatch(n -> n.type().equals("pid"))) {
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
        mounts.addAll(plan.mounts());
        Linux linux = new Linux(namespaces, "/jpod/" + plan.id(), MASKED, READONLY);
        return new RuntimeSpec("1.0.2", process, new RuntimeSpec.Root(plan.rootfs(), false), plan.hostname(), mounts, linux,
                plan.annotations());
    }

    /**
     * Rootless pass: no cgroup of our own (an unprivileged user cannot create one on this kind of
     * host); a container that does not own its network namespace cannot mount sysfs, so it gets
     * the host's /sys bound read-only, as podman does.
     */
    static RuntimeSpec rootless(RuntimeSpec spec) {
        boolean ownsNetns = spec.linux().namespaces().stream().anyMatch(n -> n.type().equals("network"));
        List<Mount> mounts = spec.mounts().stream()
                .map(m -> m.destination().equals("/sys") && !ownsNetns
                        ? new Mount("/sys", "bind", "/sys", List.of("rbind", "nosuid", "noexec", "nodev", "ro"))
                        : m)
                .filter(m -> !(m.destination().equals("/sys/fs/cgroup") && !ownsNetns))
                .toList();
        Linux linux = new Linux(spec.linux().namespaces(), null, spec.linux().maskedPaths(), spec.linux().readonlyPaths());
        return new RuntimeSpec(spec.ociVersion(), spec.process(), spec.root(), spec.hostname(), mounts, linux, spec.annotations());
    }
}
