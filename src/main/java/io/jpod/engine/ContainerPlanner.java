package io.jpod.engine;

import io.jpod.error.RuntimeFailureException;
import io.jpod.oci.ContainerPlan;
import io.jpod.oci.RuntimeSpec;
import io.jpod.oci.Users;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.ProcessPlan;
import io.jpod.pod.SecurityContext;
import io.jpod.state.ContainerRow;
import io.jpod.state.PodRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's {@link ContainerPlan}, from facts: the container and its pod as stored, and what
 * {@link ContainerLifecycle} read from the host before (the rootfs it mounted, the image's
 * /etc/passwd and /etc/group, the infra container's pid, the pod's files and volumes' mounts, the
 * seccomp profile). No I/O, no host probing: a pure function of its arguments.
 *
 * @param catatonit the pause binary bound into infra containers
 * @param tuning    host namespaces, sysctls, rlimits and cgroup resources (with jpod's own limits)
 */
record ContainerPlanner(Path catatonit, ContainerTuning tuning) {
    /** The infra container's argv. */
    static final List<String> INFRA_ARGS = List.of("/catatonit", "-P");

    /**
     * What an app container's plan needs of the host, read first.
     *
     * @param rootfs         the mounted root filesystem
     * @param passwd         the lines of its /etc/passwd (none when missing)
     * @param group          the lines of its /etc/group (none when missing)
     * @param infraPid       the pid of the pod's running infra container, whose namespaces it joins
     * @param hostHostname   the host's hostname (with hostNetwork, the container's HOSTNAME), or null
     * @param infra          the files of the pod's infra container, which hold the pod's hosts, hostname and resolv.conf
     * @param volumeMounts   the bind mounts of its volumeMounts
     * @param seccompProfile its seccomp profile's JSON, or null for none
     */
    record AppFacts(Path rootfs, List<String> passwd, List<String> group, long infraPid, String hostHostname, ContainerPaths infra,
            List<RuntimeSpec.Mount> volumeMounts, String seccompProfile) {
        AppFacts {
            passwd = List.copyOf(passwd);
            group = List.copyOf(group);
            volumeMounts = List.copyOf(volumeMounts);
        }
    }

    /** The infra container: an empty root with catatonit, creating the pod's namespaces (those it does not take from the host). */
    ContainerPlan infra(ContainerRow c, PodRow pod, Path rootfs) {
        List<String> created = ContainerTuning.infraNamespaces(pod.spec());
        return ContainerPlan.builder(c.id())
                .process(INFRA_ARGS, List.of("PATH=" + ProcessPlan.DEFAULT_PATH), "/")
                .rootfs(rootfs.toString())
                .hostname(created.contains("uts") ? pod.spec().hostname() : null)
                .created(created)
                .mounts(List.of(RuntimeSpec.Mount.bind(catatonit.toString(), "/catatonit", true)))
                .annotations(annotations(c, pod))
                .tuning(tuning.infra(pod.spec()))
                .build();
    }

    /**
     * An app container: its process as merged with its image, its user resolved (securityContext
     * runAsUser/runAsGroup win over the image's USER), the infra container's namespaces joined, the
     * pod's /etc files and its volumes bound in.
     */
    ContainerPlan app(ContainerRow c, PodRow pod, AppFacts facts) {
        ProcessPlan p = c.config().process();
        ContainerSpec spec = spec(c, pod);
        SecurityContext sc = securityContext(c, pod);
        RunAs user = user(c, pod, facts.passwd(), facts.group());
        List<String> env = new ArrayList<>(p.env());
        if (env.stream().noneMatch(e -> e.startsWith("HOME="))) {
            env.add("HOME=" + user.home());
        }
        if (pod.spec().hostNetwork()) {
            env.replaceAll(e -> e.startsWith("HOSTNAME=") ? "HOSTNAME=" + facts.hostHostname() : e);
        }
        Map<String, String> joined = new LinkedHashMap<>();
        for (String type : ContainerTuning.infraNamespaces(pod.spec())) {
            joined.put(type, "/proc/" + facts.infraPid() + "/ns/" + (type.equals("network") ? "net" : type));
        }
        ContainerPaths infra = facts.infra();
        List<RuntimeSpec.Mount> mounts = new ArrayList<>(List.of(
                RuntimeSpec.Mount.bind(infra.etcHosts().toString(), "/etc/hosts", false),
                RuntimeSpec.Mount.bind(infra.etcHostname().toString(), "/etc/hostname", false),
                RuntimeSpec.Mount.bind(infra.resolvConf().toString(), "/etc/resolv.conf", false)));
        mounts.addAll(facts.volumeMounts());
        return ContainerPlan.builder(c.id())
                .process(p.args(), env, p.workingDir())
                .user(user.uid(), user.gid(), sc.supplementalGroups())
                .rootfs(facts.rootfs().toString())
                .joined(joined)
                .mounts(mounts)
                .annotations(annotations(c, pod))
                .security(ContainerTuning.security(sc, facts.seccompProfile()))
                .tuning(spec == null ? ContainerPlan.Tuning.NONE : tuning.app(pod.spec(), spec, c.name()))
                .build();
    }

    /** Who an app container's process runs as: uid, gid and home directory. */
    record RunAs(long uid, long gid, String home) {
    }

    /**
     * The user of app container {@code c}: its image's USER resolved against the lines of its
     * /etc/passwd and /etc/group, securityContext runAsUser and runAsGroup winning; runAsNonRoot refuses uid 0.
     */
    static RunAs user(ContainerRow c, PodRow pod, List<String> passwd, List<String> group) {
        SecurityContext sc = securityContext(c, pod);
        Users.Resolved user = Users.resolve(sc.runAsUser() != null ? sc.runAsUser().toString() : c.config().process().user(),
                passwd, group);
        long gid = sc.runAsGroup() != null ? sc.runAsGroup() : user.gid();
        if (sc.runAsNonRoot() && user.uid() == 0) {
            throw new RuntimeFailureException(c.name(), "container " + c.config().kubeName() + " of pod " + pod.name()
                    + ": runAsNonRoot is set but the image runs as root (uid 0): set securityContext.runAsUser");
        }
        return new RunAs(user.uid(), gid, user.home());
    }

    /** The pod's spec of app container {@code c}, or null (a container the pod no longer describes). */
    static ContainerSpec spec(ContainerRow c, PodRow pod) {
        return pod.spec().container(c.config().kubeName());
    }

    static SecurityContext securityContext(ContainerRow c, PodRow pod) {
        ContainerSpec spec = spec(c, pod);
        return spec == null ? SecurityContext.NONE : spec.securityContext();
    }

    static Map<String, String> annotations(ContainerRow c, PodRow pod) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("io.jpod.pod.name", pod.name());
        a.put("io.jpod.container.name", c.name());
        a.put("io.kubernetes.cri-o.ContainerType", c.infra() ? "sandbox" : "container");
        return a;
    }
}
