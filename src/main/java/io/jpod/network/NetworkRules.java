package io.jpod.network;

import java.util.List;

/**
 * The nftables table of a shared network, as text for {@code nft -f} (a pure function): masquerade of the subnet going
 * out, the map {@code hostports} of published ports (protocol and host port → pod address and port), the chain
 * {@code services} ({@link ServiceRouting} fills it), and the other networks' subnets out of reach. Rootless the table
 * {@code inet jpod} lives in the network's own namespace and takes the ports the backend's taps bring in; as root
 * ({@link #onHost}) a table per network lives in the host's namespace, as netavark's rules do.
 */
final class NetworkRules {
    private NetworkRules() {
    }

    /** The table of the host's namespace for network {@code name} (root): {@code jpod-NAME}, which no other network's can be. */
    static String hostTable(String name) {
        return "jpod-" + name;
    }

    /** The table {@code inet jpod} of a network's own namespace: published ports come in through the taps {@code taps}. */
    static String namespaced(Subnet subnet, List<String> others, List<String> taps) {
        return table("jpod", subnet, others, false, List.of(
                "    iifname { " + String.join(", ", taps.stream().map(t -> "\"" + t + "\"").toList()) + " } " + DNAT,
                "    jump services"), List.of());
    }

    /**
     * The table {@code inet jpod-NAME} of the host's namespace for a network whose bridge is {@code bridge}: a published
     * port answers on every address of the host, from outside and from the host itself, 127.0.0.1 included (the bridge
     * needs {@code route_localnet=1}, and a loopback source is masqueraded to the gateway); the Services are the
     * network's pods' own (another network's Services may have the same ClusterIPs).
     */
    static String onHost(String name, String bridge, Subnet subnet, List<String> others) {
        return table(hostTable(name), subnet, others, true, List.of(
                "    fib daddr type local " + DNAT,
                "    iifname \"" + bridge + "\" jump services"), List.of(
                "  chain output { type nat hook output priority -100; policy accept;",
                "    fib daddr type local " + DNAT,
                "  }"));
    }

    private static final String DNAT = "dnat ip to meta l4proto . th dport map @hostports";

    private static String table(String table, Subnet subnet, List<String> others, boolean onHost, List<String> prerouting, List<String> more) {
        StringBuilder sb = new StringBuilder();
        sb.append("table inet ").append(table).append(" {\n")
                .append("  map hostports { type inet_proto . inet_service : ipv4_addr . inet_service; }\n")
                .append("  chain services {\n  }\n")
                .append("  chain postrouting { type nat hook postrouting priority srcnat; policy accept;\n")
                .append("    ip saddr ").append(subnet).append(" ip daddr != ").append(subnet).append(" masquerade\n")
                // a pod's connection to a ClusterIP (or a published port) sent to a pod of the same bridge: the answer must come back through here
                .append("    ip saddr ").append(subnet).append(" ct status dnat masquerade\n");
        if (onHost) {
            sb.append("    ip saddr 127.0.0.0/8 ip daddr ").append(subnet).append(" masquerade\n"); // the host's 127.0.0.1 to a published port
        }
        sb.append("  }\n")
                // the other networks are out of reach: rootless their bridges are in namespaces of their own, and this stops
                // the packets from going on through the backend to whatever the host routes them to; as root the host
                // routes between the bridges, and only a published port's connection (DNAT) may cross
                .append("  chain forward { type filter hook forward priority filter; policy accept;\n");
        if (!others.isEmpty()) {
            sb.append(onHost ? "    ct status dnat accept\n    ip saddr " + subnet + " ip daddr { " : "    ip daddr { ")
                    .append(String.join(", ", others)).append(" } reject\n");
        } else {
            sb.append('\n');
        }
        sb.append("  }\n")
                .append("  chain prerouting { type nat hook prerouting priority dstnat; policy accept;\n");
        prerouting.forEach(l -> sb.append(l).append('\n'));
        sb.append("  }\n");
        more.forEach(l -> sb.append(l).append('\n'));
        return sb.append("}\n").toString();
    }
}
