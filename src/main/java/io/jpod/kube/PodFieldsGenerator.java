package io.jpod.kube;

import io.fabric8.kubernetes.api.model.CapabilitiesBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.PodDNSConfigBuilder;
import io.fabric8.kubernetes.api.model.PodDNSConfigOption;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodOptions;
import io.jpod.pod.PodSpec;
import io.jpod.pod.Resources;
import io.jpod.pod.SecurityContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The way back of {@link PodFieldsTranslator} and of the security context: host options, DNS,
 * securityContext, resources and stopSignal → the fabric8 model. Fields at their default are left out.
 */
final class PodFieldsGenerator {
    private static final long MI = 1024L * 1024;
    private static final long GI = MI * 1024;

    private PodFieldsGenerator() {
    }

    /** hostAliases, dnsPolicy, dnsConfig, host namespaces, and the pod's securityContext (sysctls, supplementalGroups). */
    static void pod(PodSpec pod, PodSpecBuilder spec) {
        PodOptions o = pod.options();
        if (o.subdomain() != null) {
            spec.withSubdomain(o.subdomain());
        }
        for (PodOptions.HostAlias a : o.hostAliases()) {
            spec.addToHostAliases(new HostAlias(a.hostnames(), a.ip()));
        }
        PodOptions.Dns dns = o.dns();
        if (!dns.policy().equals(PodOptions.Dns.CLUSTER_FIRST)) {
            spec.withDnsPolicy(dns.policy());
        }
        if (dns.hasConfig()) {
            PodDNSConfigBuilder d = new PodDNSConfigBuilder();
            if (!dns.nameservers().isEmpty()) {
                d.withNameservers(dns.nameservers());
            }
            if (!dns.searches().isEmpty()) {
                d.withSearches(dns.searches());
            }
            for (String opt : dns.options()) {
                int colon = opt.indexOf(':');
                d.addToOptions(colon < 0 ? new PodDNSConfigOption(opt, null)
                        : new PodDNSConfigOption(opt.substring(0, colon), opt.substring(colon + 1)));
            }
            spec.withDnsConfig(d.build());
        }
        if (pod.hostNetwork()) {
            spec.withHostNetwork(true);
        }
        if (o.hostPid()) {
            spec.withHostPID(true);
        }
        if (o.hostIpc()) {
            spec.withHostIPC(true);
        }
        List<Long> groups = pod.containers().isEmpty() ? List.of() : pod.containers().get(0).securityContext().supplementalGroups();
        if (!o.sysctls().isEmpty() || !groups.isEmpty()) {
            PodSecurityContextBuilder sc = new PodSecurityContextBuilder();
            o.sysctls().forEach((k, v) -> sc.addToSysctls(new Sysctl(k, v)));
            if (!groups.isEmpty()) {
                sc.withSupplementalGroups(groups);
            }
            spec.withSecurityContext(sc.build());
        }
    }

    /** The container's securityContext (the pod's merged in), resources and lifecycle.stopSignal. */
    static void container(ContainerSpec c, ContainerBuilder b) {
        SecurityContext s = c.securityContext();
        // supplementalGroups is the pod's: a container with nothing else gets no securityContext
        SecurityContext withoutGroups = new SecurityContext(s.runAsUser(), s.runAsGroup(), s.runAsNonRoot(), List.of(),
                s.readOnlyRootFilesystem(), s.allowPrivilegeEscalation(), s.capAdd(), s.capDrop(), s.privileged(), s.seccomp(),
                s.unmaskedProc());
        if (!withoutGroups.equals(SecurityContext.NONE)) {
            b.withSecurityContext(security(s));
        }
        if (c.resources().any()) {
            b.withResources(resources(c.resources()));
        }
        if (c.stopSignal() != null) {
            b.withNewLifecycle().withStopSignal(c.stopSignal()).endLifecycle();
        }
    }

    private static io.fabric8.kubernetes.api.model.SecurityContext security(SecurityContext s) {
        SecurityContextBuilder b = new SecurityContextBuilder().withRunAsUser(s.runAsUser()).withRunAsGroup(s.runAsGroup());
        if (s.runAsNonRoot()) {
            b.withRunAsNonRoot(true);
        }
        if (s.readOnlyRootFilesystem()) {
            b.withReadOnlyRootFilesystem(true);
        }
        b.withAllowPrivilegeEscalation(s.allowPrivilegeEscalation());
        if (s.privileged()) {
            b.withPrivileged(true);
        }
        if (!s.capAdd().isEmpty() || !s.capDrop().isEmpty()) {
            CapabilitiesBuilder caps = new CapabilitiesBuilder();
            if (!s.capAdd().isEmpty()) {
                caps.withAdd(kubeCaps(s.capAdd()));
            }
            if (!s.capDrop().isEmpty()) {
                caps.withDrop(kubeCaps(s.capDrop()));
            }
            b.withCapabilities(caps.build());
        }
        if (s.seccomp().type() != null) {
            b.withSeccompProfile(new SeccompProfile(s.seccomp().localhostProfile(), s.seccomp().type()));
        }
        if (s.unmaskedProc()) {
            b.withProcMount("Unmasked");
        }
        return b.build();
    }

    /** Capabilities as Kubernetes writes them: without the CAP_ prefix. */
    private static List<String> kubeCaps(List<String> caps) {
        return caps.stream().map(c -> c.startsWith("CAP_") ? c.substring(4) : c).toList();
    }

    private static io.fabric8.kubernetes.api.model.ResourceRequirements resources(Resources r) {
        ResourceRequirementsBuilder b = new ResourceRequirementsBuilder();
        Map<String, Quantity> requests = new LinkedHashMap<>();
        Map<String, Quantity> limits = new LinkedHashMap<>();
        if (r.cpuRequestMillis() != null) {
            requests.put("cpu", cpu(r.cpuRequestMillis()));
        }
        if (r.memoryRequestBytes() != null) {
            requests.put("memory", memory(r.memoryRequestBytes()));
        }
        if (r.cpuLimitMillis() != null) {
            limits.put("cpu", cpu(r.cpuLimitMillis()));
        }
        if (r.memoryLimitBytes() != null) {
            limits.put("memory", memory(r.memoryLimitBytes()));
        }
        if (!requests.isEmpty()) {
            b.withRequests(requests);
        }
        if (!limits.isEmpty()) {
            b.withLimits(limits);
        }
        return b.build();
    }

    /** 500 → 500m, 2000 → 2. */
    static Quantity cpu(long millis) {
        return millis % 1000 == 0 ? new Quantity(Long.toString(millis / 1000)) : new Quantity(millis + "m");
    }

    /** 64 MiB → 64Mi, 1 GiB → 1Gi, else bytes. */
    static Quantity memory(long bytes) {
        if (bytes != 0 && bytes % GI == 0) {
            return new Quantity(bytes / GI + "Gi");
        }
        if (bytes != 0 && bytes % MI == 0) {
            return new Quantity(bytes / MI + "Mi");
        }
        return new Quantity(Long.toString(bytes));
    }
}
