package io.jpod.network;

import io.jpod.pod.ContainerPort;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A port published on the host: connections to {@code hostIp:hostPort} reach {@code containerPort}
 * in the pod's network namespace.
 *
 * @param hostIp        the host address (0.0.0.0 for all)
 * @param hostPort      the host port
 * @param containerPort the port in the pod
 * @param protocol      tcp or udp (lower case, as podman prints it)
 */
public record PortMapping(String hostIp, int hostPort, int containerPort, String protocol) {
    public static final String ANY = "0.0.0.0";

    public PortMapping {
        hostIp = hostIp == null || hostIp.isEmpty() ? ANY : hostIp;
        protocol = protocol.toLowerCase(Locale.ROOT);
    }

    /** The published ports of a pod's containers, in order. */
    public static List<PortMapping> of(PodSpec pod) {
        List<PortMapping> out = new ArrayList<>();
        for (ContainerSpec c : pod.containers()) {
            for (ContainerPort p : c.ports()) {
                if (p.published()) {
                    out.add(new PortMapping(p.hostIP(), p.hostPort(), p.containerPort(), p.protocol()));
                }
            }
        }
        return out;
    }

    /**
     * Whether {@code o} cannot be published beside this one: the same protocol and host port on a host address both
     * take in (the same, or either on every address); the same port on two different addresses is no clash, as on a node.
     */
    public boolean clashes(PortMapping o) {
        return protocol.equals(o.protocol) && hostPort == o.hostPort && (hostIp.equals(o.hostIp) || hostIp.equals(ANY) || o.hostIp.equals(ANY));
    }

    /** podman's way of showing it: {@code 0.0.0.0:8080->80/tcp}. */
    @Override
    public String toString() {
        return hostIp + ":" + hostPort + "->" + containerPort + "/" + protocol;
    }

    /** What {@code podman port} prints for it: {@code 80/tcp -> 0.0.0.0:8080}. */
    public String portLine() {
        return containerPort + "/" + protocol + " -> " + hostIp + ":" + hostPort;
    }
}
