package io.jpod.pod;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a pod asks of the host beyond its containers: extra /etc/hosts lines, DNS, the host's
 * namespaces, namespaced sysctls and rlimits.
 *
 * @param hostAliases extra lines of the pod's /etc/hosts, in order
 * @param dns         dnsPolicy and dnsConfig ({@link Dns#DEFAULT} when not given)
 * @param hostNetwork the pod uses the host's network namespace (and its hostname and /etc/hosts)
 * @param hostPid     the pod's containers see the host's processes
 * @param hostIpc     the pod uses the host's IPC namespace
 * @param sysctls     namespaced sysctls set in the pod's namespaces, in order
 * @param ulimits     rlimits of every container (from podman's ulimit annotation), in order
 * @param domain      with spec.subdomain, the pod's DNS domain as Kubernetes makes it
 *                    ({@code SUBDOMAIN.NAMESPACE.svc.cluster.local}), else null
 */
public record PodOptions(List<HostAlias> hostAliases, Dns dns, boolean hostNetwork, boolean hostPid, boolean hostIpc,
        Map<String, String> sysctls, List<Ulimit> ulimits, String domain) {
    public static final PodOptions NONE = new PodOptions(List.of(), Dns.DEFAULT, false, false, false, Map.of(), List.of(), null);

    public PodOptions {
        hostAliases = hostAliases == null ? List.of() : List.copyOf(hostAliases);
        dns = dns == null ? Dns.DEFAULT : dns;
        sysctls = sysctls == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(sysctls));
        ulimits = ulimits == null ? List.of() : List.copyOf(ulimits);
        domain = domain == null || domain.isEmpty() ? null : domain;
    }

    /** Options without a subdomain. */
    public PodOptions(List<HostAlias> hostAliases, Dns dns, boolean hostNetwork, boolean hostPid, boolean hostIpc,
            Map<String, String> sysctls, List<Ulimit> ulimits) {
        this(hostAliases, dns, hostNetwork, hostPid, hostIpc, sysctls, ulimits, null);
    }

    /** spec.subdomain: the first label of {@link #domain()}, or null. */
    public String subdomain() {
        return domain == null ? null : domain.substring(0, domain.indexOf('.') < 0 ? domain.length() : domain.indexOf('.'));
    }

    /** One hostAliases entry: an IP address and the names that resolve to it. */
    public record HostAlias(String ip, List<String> hostnames) {
        public HostAlias {
            hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
        }

        /** The /etc/hosts line. */
        public String line() {
            return ip + "\t" + String.join(" ", hostnames);
        }
    }

    /**
     * dnsPolicy and dnsConfig.
     *
     * @param policy      ClusterFirst (Kubernetes' default), Default, ClusterFirstWithHostNet or None
     * @param nameservers dnsConfig.nameservers
     * @param searches    dnsConfig.searches
     * @param options     dnsConfig.options as resolv.conf writes them: {@code name} or {@code name:value}
     */
    public record Dns(String policy, List<String> nameservers, List<String> searches, List<String> options) {
        public static final String CLUSTER_FIRST = "ClusterFirst";
        public static final String NONE = "None";
        public static final List<String> POLICIES = List.of(CLUSTER_FIRST, "ClusterFirstWithHostNet", "Default", NONE);
        public static final Dns DEFAULT = new Dns(CLUSTER_FIRST, List.of(), List.of(), List.of());

        public Dns {
            policy = policy == null ? CLUSTER_FIRST : policy;
            nameservers = nameservers == null ? List.of() : List.copyOf(nameservers);
            searches = searches == null ? List.of() : List.copyOf(searches);
            options = options == null ? List.of() : List.copyOf(options);
        }

        /** Whether dnsConfig gives anything. */
        public boolean hasConfig() {
            return !nameservers.isEmpty() || !searches.isEmpty() || !options.isEmpty();
        }
    }

    /**
     * One rlimit, as podman's {@code --ulimit} spells it: {@code nofile=1024:2048}.
     *
     * @param name the rlimit's short name (nofile, nproc, core, …)
     * @param soft the soft limit (-1: unlimited)
     * @param hard the hard limit (-1: unlimited)
     */
    public record Ulimit(String name, long soft, long hard) {
        /** podman's spelling: {@code name=soft:hard}, or {@code name=limit}. */
        public String text() {
            return name + "=" + (soft == hard ? num(soft) : num(soft) + ":" + num(hard));
        }

        private static String num(long n) {
            return n < 0 ? "-1" : Long.toString(n);
        }
    }
}
