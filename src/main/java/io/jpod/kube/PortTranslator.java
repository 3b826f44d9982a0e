package io.jpod.kube;

import io.jpod.error.Choices;
import io.fabric8.kubernetes.api.model.Container;
import io.jpod.error.InvalidInputException;
import io.jpod.pod.ContainerPort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A container's {@code ports} → jpod's {@link ContainerPort}s, checked as Kubernetes checks them
 * (port ranges, protocol, port names), plus what publishing on one host needs: a host port and protocol is
 * published once per pod and host address, on IPv4. As Kubernetes, one port on two host addresses is two ports;
 * one on every address (no hostIP) and one on a single address would take the same connections, so that is refused.
 */
final class PortTranslator {
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
    private static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");

    static final Set<String> FIELDS = Set.of("spec.containers[].ports", "spec.containers[].ports[]",
            "spec.containers[].ports[].name", "spec.containers[].ports[].containerPort", "spec.containers[].ports[].hostPort",
            "spec.containers[].ports[].protocol", "spec.containers[].ports[].hostIP");

    private final KubeDocument doc;
    /** Host ports published so far in this pod ("8080/TCP" → host address, "" for every one → the container's ports path). */
    private final Map<String, Map<String, String>> published = new HashMap<>();

    PortTranslator(KubeDocument doc) {
        this.doc = doc;
    }

    List<ContainerPort> ports(Container c, String path) {
        List<ContainerPort> out = new ArrayList<>();
        if (c.getPorts() == null) {
            return out;
        }
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < c.getPorts().size(); i++) {
            var p = c.getPorts().get(i);
            String at = path + ".ports[" + i + "]";
            Integer port = p.getContainerPort();
            if (port == null || port < 1 || port > 65535) {
                throw problem(at + ".containerPort", "must be a port number between 1 and 65535" + (port == null ? "" : ", not " + port));
            }
            int hostPort = p.getHostPort() == null ? 0 : p.getHostPort();
            if (hostPort < 0 || hostPort > 65535) {
                throw problem(at + ".hostPort", "must be a port number between 1 and 65535, not " + hostPort);
            }
            String protocol = p.getProtocol() == null || p.getProtocol().isEmpty() ? "TCP" : p.getProtocol();
            if (!PROTOCOLS.contains(protocol)) {
                throw problem(at + ".protocol", Choices.unsupported(protocol, "protocol", PROTOCOLS));
            }
            String name = p.getName() == null || p.getName().isEmpty() ? null : p.getName();
            if (name != null && !KubeNames.isPortName(name)) {
                throw problem(at + ".name", "\"" + name + "\" is not a valid port name: " + KubeNames.PORT_NAME_RULE);
            }
            if (name != null && !names.add(name)) {
                throw problem(at + ".name", "duplicate port name \"" + name + "\"");
            }
            String hostIP = p.getHostIP() == null || p.getHostIP().isEmpty() ? null : p.getHostIP();
            if (hostIP != null && !IPV4.matcher(hostIP).matches()) {
                throw problem(at + ".hostIP", "\"" + hostIP + "\" is not an IPv4 address (jpod publishes ports on IPv4 only)");
            }
            if (hostPort > 0) {
                if (protocol.equals("SCTP")) {
                    throw problem(at + ".protocol", "SCTP ports cannot be published on the host (slirp4netns relays TCP and UDP)");
                }
                Map<String, String> byAddress = published.computeIfAbsent(hostPort + "/" + protocol, k -> new HashMap<>());
                String address = hostIP == null ? "" : hostIP;
                String before = byAddress.containsKey(address) ? byAddress.get(address)
                        : address.isEmpty() ? byAddress.values().stream().findFirst().orElse(null) : byAddress.get("");
                if (before != null) {
                    throw problem(at + ".hostPort", "host port " + hostPort + "/" + protocol + (address.isEmpty() ? "" : " on " + address)
                            + " is also published by " + before);
                }
                byAddress.put(address, at);
            }
            out.add(new ContainerPort(name, port, hostPort, protocol, hostIP));
        }
        return out;
    }

    private InvalidInputException problem(String path, String message) {
        return new InvalidInputException(doc.where(), path + ": " + message);
    }
}
