package io.jpod.network;

import java.util.List;

/**
 * The nftables table of a shared network, as text for {@code nft -f} (a pure function): masquerade of the subnet going
 * out, the map {@code hostports} of published ports (protocol and host port → pod address and port; as root also the
 * map {@code addrports} of the ports published on one host address, {@link #hostEntry}), the chain
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

    /**
     * The mark of the answers to connections that came in through the forwarder's tap beside pasta, and the number of the
     * routing table that sends them back out through it ({@code jp}).
     */
    static final int FORWARDED = 0x6a70;

    /**
     * The table {@code inet jpod} of a network's own namespace: published ports come in through the taps {@code tap} and
     * {@code forwarderTap}. The answers of a connection that came in through {@code forwarderTap} (the slirp4netns beside
     * pasta, whose tap is not the default route) are marked {@link #FORWARDED}, to be routed back out through it: one from
     * the host's own address (not loopback, which slirp4netns gives as its gateway) or from outside keeps its source, and
     * would else go out through pasta's tap, which knows nothing of it.
     */
    static String namespaced(Subnet subnet, List<String> others, String tap, String forwarderTap) {
        return table("jpod", subnet, others, false, List.of(
                "    iifname { \"" + tap + "\", \"" + forwarderTap + "\" } " + DNAT,
                "    jump services"), List.of(
                "  chain replies { type filter hook prerouting priority mangle; policy accept;",
                "    iifname \"" + forwarderTap + "\" ct mark set " + FORWARDED,
                "    ct direction reply ct mark " + FORWARDED + " meta mark set " + FORWARDED,
                "  }"));
    }

    /**
     * The table {@code inet jpod-NAME} of the host's namespace for a network whose bridge is {@code bridge}: a published
     * port answers on its host address, or on every address of the host without one, from outside and from the host
     * itself, 127.0.0.1 included (the bridge needs {@code route_localnet=1}, and a loopback source is masqueraded to the
     * gateway); the Services are the network's pods' own (another network's Services may have the same ClusterIPs).
     */
    static String onHost(String name, String bridge, Subnet subnet, List<String> others) {
        return table(hostTable(name), subnet, others, true, List.of(
                "    fib daddr type local " + ADDRESS_DNAT,
                "    fib daddr type local " + DNAT,
                "    iifname \"" + bridge + "\" jump services"), List.of(
                "  chain output { type nat hook output priority -100; policy accept;",
                "    fib daddr type local " + ADDRESS_DNAT,
                "    fib daddr type local " + DNAT,
                "  }"));
    }

    /** A port's element of a table's map: the map and its key (a lookup that finds nothing lets the packet go on). */
    record Entry(String map, String key) {
        /** The command that sends the port to {@code ip}'s {@code port}. */
        String add(String table, String ip, int port) {
            return "add element inet " + table + " " + map + " { " + key + " : " + ip + " . " + port + " }";
        }

        String delete(String table) {
            return "delete element inet " + table + " " + map + " { " + key + " }";
        }
    }

    /**
     * As root, where port {@code m} is taken in: on every address, {@code hostports} by protocol and port; on its one host
     * address, {@code addrports} by the concatenated address, protocol and port (looked up first). Two maps rather than a
     * rule per port: a port published or withdrawn is one element added or deleted, one hash lookup per packet whatever
     * the number of ports, and the table is never reloaded; rather than one map of address ranges (0.0.0.0/0 for every
     * address, {@code flags interval}): exact keys, which the kernel looks up by hash, and a clash refused by jpod before
     * either map is written ({@link PortMapping#clashes}), so at most one element matches a packet.
     */
    static Entry hostEntry(PortMapping m) {
        return m.hostIp().equals(PortMapping.ANY) ? new Entry(HOSTPORTS, m.protocol() + " . " + m.hostPort())
                : new Entry(ADDRPORTS, m.hostIp() + " . " + m.protocol() + " . " + m.hostPort());
    }

    /**
     * Rootless, where port {@code m} is taken in: the taps' port {@code tapPort} in {@code hostports} (slirp4netns listens
     * on the host address itself, and forwards two pods' same port on two addresses to two ports of its tap).
     */
    static Entry tapEntry(PortMapping m, int tapPort) {
        return new Entry(HOSTPORTS, m.protocol() + " . " + tapPort);
    }

    private static final String HOSTPORTS = "hostports";
    private static final String ADDRPORTS = "addrports";
    private static final String DNAT = "dnat ip to meta l4proto . th dport map @" + HOSTPORTS;
    private static final String ADDRESS_DNAT = "dnat ip to ip daddr . meta l4proto . th dport map @" + ADDRPORTS;

    private static String table(String table, Subnet subnet, List<String> others, boolean onHost, List<String> prerouting, List<String> more) {
        StringBuilder sb = new StringBuilder();
        sb.append("table inet ").append(table).append(" {\n")
                .append("  map hostports { type inet_proto . inet_service : ipv4_addr . inet_service; }\n");
        if (onHost) {
            sb.append("  map addrports { type ipv4_addr . inet_proto . inet_service : ipv4_addr . inet_service; }\n");
        }
        sb.append("  chain services {\n  }\n")
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
