package io.jpod.pod;

import java.util.Locale;

/**
 * A port of a container (Kubernetes' {@code ports[]}), published on the host when {@code hostPort} is set.
 *
 * @param name          the port's name, or null
 * @param containerPort the port the container listens on (1..65535)
 * @param hostPort      the host port it is published on, 0 when not published
 * @param protocol      TCP, UDP or SCTP (TCP when not written)
 * @param hostIP        the host address it is published on, null for all (0.0.0.0)
 */
public record ContainerPort(String name, int containerPort, int hostPort, String protocol, String hostIP) {
    public ContainerPort {
        protocol = protocol == null || protocol.isEmpty() ? "TCP" : protocol.toUpperCase(Locale.ROOT);
        hostIP = hostIP == null || hostIP.isEmpty() ? null : hostIP;
    }

    /** Whether the port is published on the host. */
    public boolean published() {
        return hostPort > 0;
    }

    /** This port published on {@code hostPort} (and {@code hostIP}, when not null). */
    public ContainerPort publishedOn(int port, String ip) {
        return new ContainerPort(name, containerPort, port, protocol, ip != null ? ip : hostIP);
    }
}
