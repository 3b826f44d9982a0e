package io.jpod.network;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One pod's place on the shared network, kept in a file per address while the pod's infra container
 * runs: its address, the names the network's DNS gives it, and its published ports with the id of
 * slirp4netns's forward of each (to remove it when the pod goes).
 *
 * @param ip      the pod's address
 * @param infraId the infra container holding the pod's namespaces
 * @param runDir  the infra container's run directory (gone: the lease is stale)
 * @param names   the pod's name, then its containers' names
 * @param ports   the published ports
 * @param labels  the pod's labels (what Services select)
 * @param portNames the pod's named container ports (what a Service's targetPort may name)
 * @param ready   whether the pod is ready (a Service sends it connections)
 */
record Lease(String ip, String infraId, Path runDir, List<String> names, List<Port> ports, Map<String, String> labels,
        Map<String, Integer> portNames, boolean ready) {
    /**
     * A published port, the id of slirp4netns's forward of it (-1 while it has none) and the port of the tap it is
     * forwarded to (rootless: the host port, unless another pod's port of the same number on another host address has it).
     */
    record Port(PortMapping mapping, int forwardId, int tapPort) {
        /** A port forwarded to the tap at its own host port (as root: taken in on the host, nothing forwarded). */
        Port(PortMapping mapping, int forwardId) {
            this(mapping, forwardId, mapping.hostPort());
        }
    }

    Lease {
        names = List.copyOf(names);
        ports = List.copyOf(ports);
        labels = new TreeMap<>(labels);
        portNames = new TreeMap<>(portNames);
    }

    /** The host end of the pod's veth pair, named after the address's last 16 bits (at most 15 bytes; .5 of a /24: jpodv5). */
    String veth() {
        return "jpodv" + (Subnet.address(ip) & 0xffff);
    }

    /** The host end as root, on the host beside every network's veths: named after the whole address (10.89.0.7: jpodv0a590007). */
    String hostVeth() {
        return "jpodv" + String.format("%08x", Subnet.address(ip));
    }

    Lease withPorts(List<Port> p) {
        return new Lease(ip, infraId, runDir, names, p, labels, portNames, ready);
    }

    Lease withReady(boolean r) {
        return new Lease(ip, infraId, runDir, names, ports, labels, portNames, r);
    }

    /** The file's text: one {@code key value} line each, a line per port. */
    String format() {
        StringBuilder sb = new StringBuilder();
        sb.append("ip ").append(ip).append('\n').append("infra ").append(infraId).append('\n')
                .append("run ").append(runDir).append('\n').append("names ").append(String.join(",", names)).append('\n')
                .append("ready ").append(ready).append('\n');
        labels.forEach((k, v) -> sb.append("label ").append(k).append('=').append(v).append('\n'));
        portNames.forEach((k, v) -> sb.append("portname ").append(k).append(' ').append(v).append('\n'));
        for (Port p : ports) {
            PortMapping m = p.mapping();
            sb.append("port ").append(m.protocol()).append(' ').append(m.hostIp()).append(' ').append(m.hostPort()).append(' ')
                    .append(m.containerPort()).append(' ').append(p.forwardId()).append(' ').append(p.tapPort()).append('\n');
        }
        return sb.toString();
    }

    /** Reads what {@link #format} wrote; null when the text is not a whole lease (a write cut short). */
    static Lease parse(String text) {
        String ip = null;
        String infra = null;
        String run = null;
        List<String> names = List.of();
        List<Port> ports = new ArrayList<>();
        Map<String, String> labels = new TreeMap<>();
        Map<String, Integer> portNames = new TreeMap<>();
        boolean ready = true;
        for (String line : text.split("\n")) {
            String[] f = line.trim().split(" ");
            try {
                switch (f[0]) {
                    case "ip" -> ip = f[1];
                    case "infra" -> infra = f[1];
                    case "run" -> run = line.trim().substring(4);
                    case "names" -> names = f.length > 1 ? List.of(f[1].split(",")) : List.of();
                    case "ready" -> ready = Boolean.parseBoolean(f[1]);
                    case "label" -> {
                        String kv = line.trim().substring(6);
                        int eq = kv.indexOf('=');
                        labels.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                    case "portname" -> portNames.put(f[1], Integer.parseInt(f[2]));
                    case "port" -> ports.add(new Port(new PortMapping(f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]), f[1]),
                            Integer.parseInt(f[5]), Integer.parseInt(f.length > 6 ? f[6] : f[3]))); // no tap port: written before there was one
                    default -> {
                    }
                }
            } catch (RuntimeException e) {
                return null;
            }
        }
        return ip == null || infra == null || run == null ? null : new Lease(ip, infra, Path.of(run), names, ports, labels, portNames, ready);
    }

    /**
     * aardvark-dns's configuration of the network: the address it listens on, then a line per pod:
     * infra id, IPv4 address, no IPv6 address, names; then {@code more} lines (the Services').
     */
    static String dnsConfig(String gateway, List<Lease> leases, List<String> more) {
        StringBuilder sb = new StringBuilder(gateway).append('\n');
        for (Lease l : leases) {
            sb.append(l.infraId()).append(' ').append(l.ip()).append("  ").append(String.join(",", l.names())).append('\n');
        }
        more.forEach(line -> sb.append(line).append('\n'));
        return sb.toString();
    }
}
