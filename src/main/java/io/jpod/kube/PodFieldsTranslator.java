package io.jpod.kube;

import io.jpod.error.Choices;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.jpod.error.InvalidInputException;
import io.jpod.pod.PodOptions;
import io.jpod.pod.Resources;
import io.jpod.pod.SecurityContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The pod-level fields that touch the host (hostAliases, dnsPolicy, dnsConfig, hostNetwork,
 * hostPID, hostIPC, sysctls, podman's ulimit annotation) and the container fields that go with
 * them (seccompProfile, procMount, lifecycle.stopSignal, resources) → jpod's pod model.
 */
final class PodFieldsTranslator {
    /** podman's pod annotation for rlimits: {@code nofile=1024:2048,nproc=512}. */
    static final String ULIMIT_ANNOTATION = "io.podman.annotations.ulimit";
    /** The rlimits podman's --ulimit knows, by short name. */
    static final Set<String> ULIMITS = Set.of("as", "core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice",
            "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");
    /** IPC-namespaced sysctls (Kubernetes' list), besides those under {@code fs.mqueue.}. */
    static final Set<String> IPC_SYSCTLS = Set.of("kernel.shm_rmid_forced", "kernel.shmall", "kernel.shmmax", "kernel.shmmni",
            "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem");
    static final List<String> SIGNALS = List.of("SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS",
            "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD",
            "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF",
            "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS");
    private static final Pattern SYSCTL_NAME = Pattern.compile("[a-z0-9]([-_a-z0-9]*[a-z0-9])?([./][a-z0-9]([-_a-z0-9]*[a-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    /** The fields honoured, for the field check (relative to the pod: prefix them). */
    static Set<String> fields(String prefix) {
        List<String> f = List.of("spec.subdomain", "spec.hostAliases", "spec.hostAliases[]", "spec.hostAliases[].ip",
                "spec.hostAliases[].hostnames.*", "spec.dnsPolicy", "spec.dnsConfig", "spec.dnsConfig.nameservers.*",
                "spec.dnsConfig.searches.*", "spec.dnsConfig.options", "spec.dnsConfig.options[]",
                "spec.dnsConfig.options[].name", "spec.dnsConfig.options[].value", "spec.hostNetwork", "spec.hostPID",
                "spec.hostIPC", "spec.securityContext.sysctls", "spec.securityContext.sysctls[]",
                "spec.securityContext.sysctls[].name", "spec.securityContext.sysctls[].value",
                "spec.securityContext.seccompProfile.*", "spec.containers[].securityContext.seccompProfile.*",
                "spec.containers[].securityContext.procMount", "spec.containers[].securityContext.seLinuxOptions.*",
                "spec.containers[].securityContext.appArmorProfile.*", "spec.securityContext.seLinuxOptions.*",
                "spec.securityContext.appArmorProfile.*", "spec.containers[].lifecycle",
                "spec.containers[].lifecycle.stopSignal", "spec.containers[].resources",
                "spec.containers[].resources.limits.*", "spec.containers[].resources.requests.*");
        return Set.copyOf(f.stream().map(s -> prefix + s).toList());
    }

    private final KubeDocument doc;
    private final String what;
    private final String prefix;
    private final List<String> warnings;

    PodFieldsTranslator(KubeDocument doc, String what, String prefix, List<String> warnings) {
        this.doc = doc;
        this.what = what;
        this.prefix = prefix;
        this.warnings = warnings;
    }

    /** The pod's host options. */
    PodOptions options(io.fabric8.kubernetes.api.model.PodSpec spec, Map<String, String> annotations, String namespace) {
        boolean hostNetwork = Boolean.TRUE.equals(spec.getHostNetwork());
        boolean hostIpc = Boolean.TRUE.equals(spec.getHostIPC());
        boolean hostPid = Boolean.TRUE.equals(spec.getHostPID());
        if (hostPid && Boolean.TRUE.equals(spec.getShareProcessNamespace())) {
            throw problem("spec.shareProcessNamespace", "cannot be set with hostPID");
        }
        return new PodOptions(hostAliases(spec.getHostAliases()), dns(spec.getDnsPolicy(), spec.getDnsConfig()), hostNetwork,
                hostPid, hostIpc, sysctls(spec.getSecurityContext(), hostNetwork, hostIpc), ulimits(annotations),
                domain(spec.getSubdomain(), namespace));
    }

    /** spec.subdomain → the pod's domain, {@code SUBDOMAIN.NAMESPACE.svc.cluster.local}, as Kubernetes names it. */
    private String domain(String subdomain, String namespace) {
        if (subdomain == null || subdomain.isEmpty()) {
            return null;
        }
        if (!KubeNames.isDns1123Label(subdomain)) {
            throw problem("spec.subdomain", "\"" + subdomain + "\" is not a DNS-1123 label: " + KubeNames.LABEL_RULE);
        }
        return subdomain + "." + namespace + ".svc.cluster.local";
    }

    private List<PodOptions.HostAlias> hostAliases(List<io.fabric8.kubernetes.api.model.HostAlias> in) {
        List<PodOptions.HostAlias> out = new ArrayList<>();
        if (in == null) {
            return out;
        }
        for (int i = 0; i < in.size(); i++) {
            var a = in.get(i);
            String at = "spec.hostAliases[" + i + "]";
            if (!isIp(a.getIp())) {
                throw problem(at + ".ip", "\"" + a.getIp() + "\" is not an IP address");
            }
            List<String> names = a.getHostnames() == null ? List.of() : a.getHostnames();
            for (int j = 0; j < names.size(); j++) {
                String n = names.get(j);
                if (!KubeNames.isDns1123Subdomain(n)) {
                    throw problem(at + ".hostnames[" + j + "]", "\"" + n + "\" is not a valid host name");
                }
            }
            if (names.isEmpty()) {
                throw problem(at + ".hostnames", "a host alias needs at least one host name");
            }
            out.add(new PodOptions.HostAlias(a.getIp(), names));
        }
        return out;
    }

    private PodOptions.Dns dns(String policy, io.fabric8.kubernetes.api.model.PodDNSConfig config) {
        String p = policy == null || policy.isEmpty() ? PodOptions.Dns.CLUSTER_FIRST : policy;
        if (!PodOptions.Dns.POLICIES.contains(p)) {
            throw problem("spec.dnsPolicy", Choices.unsupported(p, "dnsPolicy", PodOptions.Dns.POLICIES));
        }
        List<String> servers = config == null || config.getNameservers() == null ? List.of() : config.getNameservers();
        for (int i = 0; i < servers.size(); i++) {
            if (!isIp(servers.get(i))) {
                throw problem("spec.dnsConfig.nameservers[" + i + "]", "\"" + servers.get(i) + "\" is not an IP address");
            }
        }
        if (servers.size() > 3) {
            throw problem("spec.dnsConfig.nameservers", "at most 3 nameservers, got " + servers.size());
        }
        List<String> searches = config == null || config.getSearches() == null ? List.of() : config.getSearches();
        for (int i = 0; i < searches.size(); i++) {
            String s = searches.get(i) == null ? "" : searches.get(i).replaceFirst("\\.$", "");
            if (!KubeNames.isDns1123Subdomain(s)) {
                throw problem("spec.dnsConfig.searches[" + i + "]", "\"" + searches.get(i) + "\" is not a valid domain");
            }
        }
        List<String> options = new ArrayList<>();
        var opts = config == null || config.getOptions() == null ? List.<io.fabric8.kubernetes.api.model.PodDNSConfigOption>of()
                : config.getOptions();
        for (int i = 0; i < opts.size(); i++) {
            var o = opts.get(i);
            if (o.getName() == null || o.getName().isEmpty() || o.getName().contains(" ") || o.getName().contains(":")) {
                throw problem("spec.dnsConfig.options[" + i + "].name", "a DNS option needs a name without spaces or ':'");
            }
            options.add(o.getValue() == null || o.getValue().isEmpty() ? o.getName() : o.getName() + ":" + o.getValue());
        }
        if (p.equals(PodOptions.Dns.NONE) && servers.isEmpty()) {
            throw problem("spec.dnsConfig.nameservers", "dnsPolicy None needs at least one nameserver in dnsConfig");
        }
        return new PodOptions.Dns(p, servers, searches, options);
    }

    private Map<String, String> sysctls(PodSecurityContext sc, boolean hostNetwork, boolean hostIpc) {
        Map<String, String> out = new LinkedHashMap<>();
        if (sc == null || sc.getSysctls() == null) {
            return out;
        }
        for (int i = 0; i < sc.getSysctls().size(); i++) {
            var s = sc.getSysctls().get(i);
            String at = "spec.securityContext.sysctls[" + i + "]";
            String name = s.getName() == null ? "" : s.getName().replace('/', '.');
            if (!SYSCTL_NAME.matcher(name).matches()) {
                throw problem(at + ".name", "\"" + s.getName() + "\" is not a sysctl name");
            }
            boolean ipc = IPC_SYSCTLS.contains(name) || name.startsWith("fs.mqueue.");
            boolean net = name.startsWith("net.");
            if (!ipc && !net) {
                throw problem(at + ".name", "sysctl " + name + " is not namespaced: a pod may only set kernel.shm*, kernel.msg*,"
                        + " kernel.sem, fs.mqueue.* and net.*");
            }
            if (ipc && hostIpc) {
                throw problem(at + ".name", "sysctl " + name + " would change the host's IPC namespace (hostIPC is set)");
            }
            if (net && hostNetwork) {
                throw problem(at + ".name", "sysctl " + name + " would change the host's network namespace (hostNetwork is set)");
            }
            if (s.getValue() == null || s.getValue().contains("\n")) {
                throw problem(at + ".value", "sysctl " + name + " needs a one-line value");
            }
            if (out.put(name, s.getValue()) != null) {
                throw problem(at + ".name", "sysctl " + name + " is set twice");
            }
        }
        return out;
    }

    private List<PodOptions.Ulimit> ulimits(Map<String, String> annotations) {
        String value = annotations.get(ULIMIT_ANNOTATION);
        List<PodOptions.Ulimit> out = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        String at = "metadata.annotations." + ULIMIT_ANNOTATION;
        for (String item : value.split(",")) {
            String t = item.trim();
            int eq = t.indexOf('=');
            String name = eq < 0 ? t : t.substring(0, eq).toLowerCase(Locale.ROOT).replaceFirst("^rlimit_", "");
            if (eq < 0 || !ULIMITS.contains(name)) {
                throw problem(at, "\"" + t + "\" is not a ulimit: NAME=SOFT[:HARD] with NAME one of "
                        + String.join(", ", new java.util.TreeSet<>(ULIMITS)));
            }
            String[] parts = t.substring(eq + 1).split(":", -1);
            try {
                long soft = limit(parts[0]);
                long hard = parts.length > 1 ? limit(parts[1]) : soft;
                if (parts.length > 2 || (hard >= 0 && (soft < 0 || soft > hard))) {
                    throw problem(at, "ulimit " + name + ": the soft limit must not be above the hard limit");
                }
                if (out.stream().anyMatch(u -> u.name().equals(name))) {
                    throw problem(at, "ulimit " + name + " is given twice");
                }
                out.add(new PodOptions.Ulimit(name, soft, hard));
            } catch (NumberFormatException e) {
                throw problem(at, "\"" + t + "\" is not a ulimit: the limits must be numbers (or -1 for unlimited)");
            }
        }
        return out;
    }

    private static long limit(String s) {
        long n = Long.parseLong(s.trim());
        if (n < -1) {
            throw new NumberFormatException(s);
        }
        return n;
    }

    /** {@code base} with the container's (else the pod's) seccompProfile and the container's procMount. */
    SecurityContext security(SecurityContext base, Container c, PodSecurityContext pod, String path) {
        var s = c.getSecurityContext();
        SeccompProfile profile = s != null && s.getSeccompProfile() != null ? s.getSeccompProfile()
                : pod == null ? null : pod.getSeccompProfile();
        String profileAt = s != null && s.getSeccompProfile() != null ? path + ".securityContext.seccompProfile"
                : prefix + "spec.securityContext.seccompProfile";
        SecurityContext.Seccomp seccomp = seccomp(profile, profileAt);
        String procMount = s == null || s.getProcMount() == null ? "Default" : s.getProcMount();
        if (!procMount.equals("Default") && !procMount.equals("Unmasked")) {
            throw new InvalidInputException(doc.where(), path + ".securityContext.procMount: "
                    + Choices.unsupported(procMount, "procMount", List.of("Default", "Unmasked")));
        }
        notHonoured(s == null ? null : s.getSeLinuxOptions(), path + ".securityContext.seLinuxOptions");
        notHonoured(s == null ? null : s.getAppArmorProfile(), path + ".securityContext.appArmorProfile");
        return base.with(seccomp, procMount.equals("Unmasked"));
    }

    /** seLinuxOptions and appArmorProfile: accepted, with a warning, since this host enforces neither for jpod. */
    void podSecurityWarnings(PodSecurityContext pod) {
        notHonoured(pod == null ? null : pod.getSeLinuxOptions(), prefix + "spec.securityContext.seLinuxOptions");
        notHonoured(pod == null ? null : pod.getAppArmorProfile(), prefix + "spec.securityContext.appArmorProfile");
    }

    private void notHonoured(Object field, String at) {
        if (field != null) {
            warnings.add(doc.where() + ": " + what + ": field " + at
                    + " is not honoured: jpod applies no SELinux label or AppArmor profile");
        }
    }

    private SecurityContext.Seccomp seccomp(SeccompProfile p, String at) {
        if (p == null) {
            return SecurityContext.Seccomp.UNSET;
        }
        String type = p.getType();
        if (!SecurityContext.Seccomp.TYPES.contains(type)) {
            throw new InvalidInputException(doc.where(), at + ".type: "
                    + Choices.unsupported(type, "seccomp profile type", SecurityContext.Seccomp.TYPES));
        }
        String local = p.getLocalhostProfile();
        boolean localhost = type.equals(SecurityContext.Seccomp.LOCALHOST);
        if (localhost && (local == null || local.isEmpty())) {
            throw new InvalidInputException(doc.where(), at + ".localhostProfile: type Localhost needs the profile's path");
        }
        if (!localhost && local != null && !local.isEmpty()) {
            throw new InvalidInputException(doc.where(), at + ".localhostProfile: may only be set with type Localhost");
        }
        if (localhost && !local.startsWith("/") && List.of(local.split("/")).contains("..")) {
            throw new InvalidInputException(doc.where(), at + ".localhostProfile: \"" + local + "\" must not contain '..'");
        }
        return new SecurityContext.Seccomp(type, localhost ? local : null);
    }

    /** lifecycle.stopSignal as a signal name (SIGTERM), or null. */
    String stopSignal(Container c, String path) {
        String s = c.getLifecycle() == null ? null : c.getLifecycle().getStopSignal();
        if (s == null || s.isEmpty()) {
            return null;
        }
        String name = s.toUpperCase(Locale.ROOT).startsWith("SIG") ? s.toUpperCase(Locale.ROOT) : "SIG" + s.toUpperCase(Locale.ROOT);
        if (!SIGNALS.contains(name) && !name.matches("SIGRTM(IN|AX)(([+-])\\d+)?")) {
            throw new InvalidInputException(doc.where(), path + ".lifecycle.stopSignal: \"" + s + "\" is not a signal name (SIGTERM, SIGINT, …)");
        }
        return name;
    }

    /** resources.requests and limits: cpu and memory; other resources are warned about. */
    Resources resources(Container c, String path) {
        var r = c.getResources();
        if (r == null) {
            return Resources.NONE;
        }
        String at = path + ".resources";
        warnOthers(r.getRequests(), at + ".requests");
        warnOthers(r.getLimits(), at + ".limits");
        Long cpuReq = cpu(get(r.getRequests(), "cpu", at + ".requests"), at + ".requests.cpu");
        Long cpuLim = cpu(get(r.getLimits(), "cpu", at + ".limits"), at + ".limits.cpu");
        Long memReq = memory(get(r.getRequests(), "memory", at + ".requests"), at + ".requests.memory");
        Long memLim = memory(get(r.getLimits(), "memory", at + ".limits"), at + ".limits.memory");
        if (cpuReq != null && cpuLim != null && cpuReq > cpuLim) {
            throw new InvalidInputException(doc.where(), at + ".requests.cpu: must not be above limits.cpu");
        }
        if (memReq != null && memLim != null && memReq > memLim) {
            throw new InvalidInputException(doc.where(), at + ".requests.memory: must not be above limits.memory");
        }
        return new Resources(cpuReq, cpuLim, memReq, memLim);
    }

    private static Quantity get(Map<String, Quantity> m, String key, String at) {
        return m == null ? null : m.get(key);
    }

    private void warnOthers(Map<String, Quantity> m, String at) {
        if (m != null) {
            m.keySet().stream().filter(k -> !k.equals("cpu") && !k.equals("memory")).forEach(k -> warnings.add(doc.where() + ": "
                    + what + ": " + at + "." + k + " is not honoured: jpod applies cpu and memory only"));
        }
    }

    private Long cpu(Quantity q, String at) {
        BigDecimal d = amount(q, at);
        return d == null ? null : d.multiply(BigDecimal.valueOf(1000)).setScale(0, RoundingMode.UP).longValueExact();
    }

    private Long memory(Quantity q, String at) {
        BigDecimal d = amount(q, at);
        return d == null ? null : d.setScale(0, RoundingMode.UP).longValueExact();
    }

    private BigDecimal amount(Quantity q, String at) {
        if (q == null) {
            return null;
        }
        try {
            BigDecimal d = q.getNumericalAmount();
            if (d.signum() < 0) {
                throw new InvalidInputException(doc.where(), at + ": must not be negative");
            }
            return d;
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new InvalidInputException(doc.where(), at + ": \"" + q + "\" is not a quantity (like 500m, 2 or 128Mi)");
        }
    }

    static boolean isIp(String s) {
        if (s == null) {
            return false;
        }
        if (IPV4.matcher(s).matches()) {
            return true;
        }
        if (!IPV6.matcher(s).matches()) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(s) instanceof java.net.Inet6Address; // a literal: no lookup
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private InvalidInputException problem(String path, String message) {
        return new InvalidInputException(doc.where(), prefix + path + ": " + message);
    }
}
