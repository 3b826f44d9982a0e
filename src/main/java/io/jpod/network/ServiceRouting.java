package io.jpod.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the Services mean on the shared network, from the Services, their ClusterIPs and the pods there (a
 * pure function): a DNS line per Service for aardvark-dns, and the nftables rules of the chain
 * {@code services}: each port of a ClusterIP sent on, by a random pick per connection, to a ready selected
 * pod's target port. A Service that selects no ready pod answers no address (headless) or has no rule.
 */
final class ServiceRouting {
    private ServiceRouting() {
    }

    /** aardvark-dns's lines for the Services (a line per Service with an address to answer). */
    static List<String> dnsLines(List<NetService> services, Map<String, String> clusterIps, List<Lease> leases) {
        List<String> out = new ArrayList<>();
        for (NetService s : services) {
            List<String> ips = s.headless()
                    ? leases.stream().filter(l -> l.ready() && s.selects(l)).map(Lease::ip).toList()
                    : clusterIps.containsKey(s.key()) ? List.of(clusterIps.get(s.key())) : List.of();
            if (!ips.isEmpty()) {
                out.add("svc." + s.key() + " " + String.join(",", ips) + "  " + String.join(",", s.names()));
            }
        }
        return out;
    }

    /** The nftables script that makes the chain {@code services} of table {@code inet TABLE} anew, in one transaction. */
    static String rules(String table, List<NetService> services, Map<String, String> clusterIps, List<Lease> leases) {
        StringBuilder sb = new StringBuilder("flush chain inet " + table + " services\n");
        for (NetService s : services) {
            String ip = clusterIps.get(s.key());
            if (s.headless() || ip == null) {
                continue;
            }
            List<Lease> endpoints = leases.stream().filter(l -> l.ready() && s.selects(l)).toList();
            for (NetService.Port p : s.ports()) {
                String proto = p.protocol() == null ? "tcp" : p.protocol().toLowerCase(Locale.ROOT);
                if (!proto.equals("tcp") && !proto.equals("udp")) {
                    continue;
                }
                List<String> targets = new ArrayList<>();
                for (Lease l : endpoints) {
                    Integer target = p.targetPort() > 0 ? Integer.valueOf(p.targetPort())
                            : p.targetName() != null ? l.portNames().get(p.targetName()) : Integer.valueOf(p.port());
                    if (target != null) {
                        targets.add(targets.size() + " : " + l.ip() + " . " + target);
                    }
                }
                if (!targets.isEmpty()) {
                    sb.append("add rule inet ").append(table).append(" services ip daddr ").append(ip).append(' ').append(proto).append(" dport ").append(p.port())
                            .append(" dnat ip to numgen random mod ").append(targets.size()).append(" map { ")
                            .append(String.join(", ", targets)).append(" }\n");
                }
            }
        }
        return sb.toString();
    }
}
