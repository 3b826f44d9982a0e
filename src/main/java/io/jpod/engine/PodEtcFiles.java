package io.jpod.engine;

import io.jpod.pod.NetworkMode;
import io.jpod.pod.PodOptions;
import io.jpod.pod.PodSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contents of a pod's /etc/hosts, /etc/hostname and /etc/resolv.conf, as the kubelet writes
 * them on one machine. Pure functions of the pod and the host's own files.
 */
final class PodEtcFiles {
    private PodEtcFiles() {
    }

    /** The hostname the pod's containers see: the host's with hostNetwork, else the pod's. */
    static String hostname(PodSpec pod, String hostHostname) {
        return pod.hostNetwork() ? hostHostname : pod.hostname();
    }

    /**
     * /etc/hosts: with hostNetwork the host's own file; else localhost and the pod's hostname, at the pod's
     * address on the shared network ({@code podIp}) or else at 127.0.1.1; the host as host.containers.internal at
     * {@code hostAddress} on the shared network (10.0.2.2, its loopback; as root the network's gateway) and with a pasta
     * of the pod's own (10.0.2.2; slirp4netns per pod is started without that way in). Then the pod's hostAliases, as
     * the kubelet adds them.
     */
    static String hosts(PodSpec pod, String hostHosts, String podIp, String hostAddress) {
        StringBuilder sb = new StringBuilder();
        if (pod.hostNetwork()) {
            sb.append(hostHosts);
            if (!hostHosts.isEmpty() && !hostHosts.endsWith("\n")) {
                sb.append('\n');
            }
        } else {
            sb.append("127.0.0.1\tlocalhost localhost.localdomain\n::1\tlocalhost localhost.localdomain\n")
                    .append(podIp == null ? "127.0.1.1" : podIp).append('\t');
            if (pod.options().domain() != null) { // spec.subdomain: the FQDN first, as the kubelet writes it
                sb.append(pod.hostname()).append('.').append(pod.options().domain()).append(' ');
            }
            sb.append(pod.hostname()).append(' ').append(pod.name()).append('\n');
            if (podIp != null || pod.network() == NetworkMode.PASTA) {
                sb.append(hostAddress).append("\thost.containers.internal host.docker.internal\n");
            }
        }
        List<PodOptions.HostAlias> aliases = pod.options().hostAliases();
        if (!aliases.isEmpty()) {
            sb.append("\n# Entries added by HostAliases.\n");
            aliases.forEach(a -> sb.append(a.line()).append('\n'));
        }
        return sb.toString();
    }

    /**
     * /etc/resolv.conf by dnsPolicy: None gives only dnsConfig; every other policy (on one machine
     * there is no cluster DNS) starts from the host's file, and dnsConfig adds nameservers and
     * searches and overrides options by name, as the kubelet merges them.
     */
    static String resolvConf(PodSpec pod, String hostResolv) {
        PodOptions.Dns dns = pod.options().dns();
        if (!dns.policy().equals(PodOptions.Dns.NONE) && !dns.hasConfig()) {
            return hostResolv;
        }
        List<String> servers = new ArrayList<>();
        List<String> searches = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        if (!dns.policy().equals(PodOptions.Dns.NONE)) {
            for (String line : hostResolv.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 2 || f[0].startsWith("#") || f[0].startsWith(";")) {
                    continue;
                }
                switch (f[0]) {
                    case "nameserver" -> servers.add(f[1]);
                    case "search", "domain" -> {
                        searches.clear(); // the last search or domain line wins, as in resolv.conf(5)
                        searches.addAll(List.of(f).subList(1, f.length));
                    }
                    case "options" -> List.of(f).subList(1, f.length).forEach(o -> options.put(optionName(o), o));
                    default -> {
                    }
                }
            }
        }
        dns.nameservers().stream().filter(s -> !servers.contains(s)).forEach(servers::add);
        dns.searches().stream().filter(s -> !searches.contains(s)).forEach(searches::add);
        dns.options().forEach(o -> options.put(optionName(o), o));
        StringBuilder sb = new StringBuilder();
        if (!searches.isEmpty()) {
            sb.append("search ").append(String.join(" ", searches)).append('\n');
        }
        servers.forEach(s -> sb.append("nameserver ").append(s).append('\n'));
        if (!options.isEmpty()) {
            sb.append("options ").append(String.join(" ", options.values())).append('\n');
        }
        return sb.toString();
    }

    private static String optionName(String option) {
        int colon = option.indexOf(':');
        return colon < 0 ? option : option.substring(0, colon);
    }
}
