package io.jpod.engine;

import io.jpod.error.RuntimeFailureException;
import io.jpod.oci.ContainerPlan;
import io.jpod.oci.RuntimeSpec;
import io.jpod.oci.SeccompProfiles;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodOptions;
import io.jpod.pod.PodSpec;
import io.jpod.pod.Resources;
import io.jpod.pod.SecurityContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a pod's host options and a container's security context make of its OCI plan: which
 * namespaces stay the host's, sysctls, rlimits, cgroup resources and the seccomp profile.
 *
 * @param seccompDir     where Localhost seccomp profiles given by a relative path are looked up
 * @param ownHardLimits  jpod's own hard rlimits by short name (nofile…; -1: unlimited), the most a
 *                       rootless container can get
 * @param rootless       whether jpod runs rootless
 */
record ContainerTuning(Path seccompDir, Map<String, Long> ownHardLimits, boolean rootless) {
    /** CFS period used for limits.cpu, as the kubelet uses. */
    static final long CPU_PERIOD = 100_000;

    /** The namespaces that the infra container creates for {@code pod}. */
    static List<String> infraNamespaces(PodSpec pod) {
        PodOptions o = pod.options();
        List<String> created = new ArrayList<>();
        if (!pod.hostNetwork()) {
            created.add("network");
            created.add("uts"); // with hostNetwork, the pod has the host's hostname too
        }
        if (!o.hostIpc()) {
            created.add("ipc");
        }
        if (pod.shareProcessNamespace() && !o.hostPid()) {
            created.add("pid");
        }
        return created;
    }

    /** The host's namespaces a container of {@code pod} keeps. */
    static List<String> hostNamespaces(PodSpec pod) {
        PodOptions o = pod.options();
        List<String> host = new ArrayList<>();
        if (pod.hostNetwork()) {
            host.add("network");
        }
        if (o.hostIpc()) {
            host.add("ipc");
        }
        if (o.hostPid()) {
            host.add("pid");
        }
        return host;
    }

    /** The infra container's tuning: it holds the pod's namespaces, so it sets the pod's sysctls. */
    ContainerPlan.Tuning infra(PodSpec pod) {
        return new ContainerPlan.Tuning(hostNamespaces(pod), pod.options().sysctls(), List.of(), null);
    }

    /** An app container's tuning. */
    ContainerPlan.Tuning app(PodSpec pod, ContainerSpec c, String container) {
        return new ContainerPlan.Tuning(hostNamespaces(pod), Map.of(), rlimits(pod.options().ulimits(), container),
                resources(c.resources()));
    }

    /** The security part of a container's plan; {@code seccompProfile} is the profile {@link #seccomp} read, or null. */
    static ContainerPlan.Security security(SecurityContext sc, String seccompProfile) {
        return new ContainerPlan.Security(sc.readOnlyRootFilesystem(), sc.noNewPrivileges(), sc.capAdd(), sc.capDrop(),
                sc.privileged(), seccompProfile, sc.unmaskedProc());
    }

    /**
     * The profile's JSON, or null for none: read from the seccomp directory (the one part of the
     * tuning that does I/O, done before planning). A Localhost profile must exist and be a valid profile.
     */
    String seccomp(SecurityContext.Seccomp s, String container) {
        if (SecurityContext.Seccomp.RUNTIME_DEFAULT.equals(s.type())) {
            return SeccompProfiles.runtimeDefault();
        }
        if (!SecurityContext.Seccomp.LOCALHOST.equals(s.type())) {
            return null;
        }
        Path file = seccompDir.resolve(s.localhostProfile()).normalize();
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new RuntimeFailureException(container, "container " + container + ": seccomp profile " + file
                    + " cannot be read (Localhost profiles are absolute paths or relative to " + seccompDir + "): "
                    + e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT));
        }
        try {
            SeccompProfiles.check(json);
        } catch (SeccompProfiles.InvalidProfileException e) {
            throw new RuntimeFailureException(container, "container " + container + ": seccomp profile " + file + " is not valid: "
                    + e.getMessage());
        }
        return json;
    }

    /**
     * podman's ulimits as rlimits: -1 is jpod's own hard limit ("the maximum of the current
     * process"); rootless, a hard limit above jpod's own cannot be set and is refused.
     */
    List<RuntimeSpec.Rlimit> rlimits(List<PodOptions.Ulimit> ulimits, String container) {
        List<RuntimeSpec.Rlimit> out = new ArrayList<>();
        for (PodOptions.Ulimit u : ulimits) {
            long own = ownHardLimits.getOrDefault(u.name(), -1L);
            long hard = u.hard() < 0 ? own : u.hard();
            long soft = u.soft() < 0 ? hard : u.soft();
            if (rootless && own >= 0 && (hard < 0 || hard > own)) {
                throw new RuntimeFailureException(container, "container " + container + ": ulimit " + u.text()
                        + " raises the hard limit above jpod's own (" + own + "), which a rootless user cannot do");
            }
            if (hard >= 0 && (soft < 0 || soft > hard)) {
                soft = hard;
            }
            out.add(RuntimeSpec.Rlimit.of(u.name(), hard, soft));
        }
        return out;
    }

    /** limits and requests as cgroup settings: memory limit, CPU quota from limits.cpu, shares from requests.cpu. */
    static RuntimeSpec.Resources resources(Resources r) {
        if (!r.any()) {
            return null;
        }
        RuntimeSpec.Memory memory = r.memoryLimitBytes() == null ? null : new RuntimeSpec.Memory(r.memoryLimitBytes());
        Long request = r.effectiveCpuRequest();
        Long shares = request == null ? null : Math.max(2, request * 1024 / 1000);
        Long quota = r.cpuLimitMillis() == null ? null : Math.max(1000, r.cpuLimitMillis() * CPU_PERIOD / 1000);
        RuntimeSpec.Cpu cpu = shares == null && quota == null ? null
                : new RuntimeSpec.Cpu(shares, quota, quota == null ? null : CPU_PERIOD);
        return memory == null && cpu == null ? null : new RuntimeSpec.Resources(memory, cpu);
    }
}
