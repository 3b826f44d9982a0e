package io.jpod.network;

import io.jpod.error.InvalidInputException;
import io.jpod.pod.ContainerPort;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kube play --publish [[ip:][hostPort]:]containerPort[/protocol]}: defines or overrides a port of
 * the YAML, matched by containerPort (podman's rule: the option wins). Without a host port the
 * container port is published on the same number.
 */
public record PublishOption(String hostIp, int hostPort, int containerPort, String protocol) {
    private static final Pattern FORM = Pattern.compile("(?:(?:(\\d{1,3}(?:\\.\\d{1,3}){3}):)?(\\d*):)?(\\d+)(?:/(tcp|udp))?",
            Pattern.CASE_INSENSITIVE);

    /** Parses one {@code --publish} value; an error names it. */
    public static PublishOption parse(String value) {
        Matcher m = FORM.matcher(value);
        if (!m.matches()) {
            throw new InvalidInputException("--publish", "\"" + value + "\" is not [[ip:][hostPort]:]containerPort[/protocol]");
        }
        int container = port(m.group(3), value);
        int host = m.group(2) == null || m.group(2).isEmpty() ? container : port(m.group(2), value);
        String protocol = m.group(4) == null ? "TCP" : m.group(4).toUpperCase(Locale.ROOT);
        return new PublishOption(m.group(1), host, container, protocol);
    }

    private static int port(String digits, String value) {
        int p = Integer.parseInt(digits);
        if (p < 1 || p > 65535) {
            throw new InvalidInputException("--publish", "\"" + value + "\": " + p + " is not a port number between 1 and 65535");
        }
        return p;
    }

    /** {@code pod} with this port published: on the container port declared with that number and protocol, else added to its first container. */
    public PodSpec applyTo(PodSpec pod) {
        List<ContainerSpec> containers = new ArrayList<>(pod.containers());
        for (int i = 0; i < containers.size(); i++) {
            List<ContainerPort> ports = new ArrayList<>(containers.get(i).ports());
            for (int j = 0; j < ports.size(); j++) {
                ContainerPort p = ports.get(j);
                if (p.containerPort() == containerPort && p.protocol().equals(protocol)) {
                    ports.set(j, new ContainerPort(p.name(), containerPort, hostPort, protocol, hostIp));
                    containers.set(i, containers.get(i).toBuilder().ports(ports).build());
                    return pod.toBuilder().containers(containers).build();
                }
            }
        }
        ContainerSpec first = containers.get(0);
        List<ContainerPort> ports = new ArrayList<>(first.ports());
        ports.add(new ContainerPort(null, containerPort, hostPort, protocol, hostIp));
        containers.set(0, first.toBuilder().ports(ports).build());
        return pod.toBuilder().containers(containers).build();
    }
}
