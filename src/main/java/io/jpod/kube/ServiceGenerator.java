package io.jpod.kube;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.jpod.pod.ContainerPort;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Ports for {@code kube generate}: a container's {@code ports[]}, and the ports of the Service written for a pod. */
final class ServiceGenerator {
    /** Kubernetes' default range of node ports. */
    static final int NODE_PORT_MIN = 30000;
    static final int NODE_PORT_MAX = 32767;

    private ServiceGenerator() {
    }

    /** A container port as written: its host port and address only when {@code hostPort} (a Service publishes it otherwise). */
    static io.fabric8.kubernetes.api.model.ContainerPort containerPort(ContainerPort p, boolean hostPort) {
        ContainerPortBuilder b = new ContainerPortBuilder().withContainerPort(p.containerPort());
        if (p.name() != null) {
            b.withName(p.name());
        }
        if (hostPort && p.published()) {
            b.withHostPort(p.hostPort());
            if (p.hostIP() != null) {
                b.withHostIP(p.hostIP());
            }
        }
        if (!p.protocol().equals("TCP")) {
            b.withProtocol(p.protocol());
        }
        return b.build();
    }

    /** {@code declared}, or the same port published on a host port in the node port range, if there is one. */
    private static ContainerPort inRange(PodSpec pod, ContainerPort declared) {
        return pod.containers().stream().flatMap(c -> c.ports().stream())
                .filter(p -> p.containerPort() == declared.containerPort() && p.protocol().equals(declared.protocol()))
                .filter(p -> p.hostPort() >= NODE_PORT_MIN && p.hostPort() <= NODE_PORT_MAX)
                .findFirst().map(p -> p.name() == null && declared.name() != null
                        ? new ContainerPort(declared.name(), p.containerPort(), p.hostPort(), p.protocol(), p.hostIP()) : p)
                .orElse(declared);
    }

    /**
     * The Service ports of a pod: one per container port (port and targetPort the container's), named
     * after the container port or {@code <port>-<protocol>}; with {@code nodePort}, the published host
     * port becomes the nodePort when it is in Kubernetes' node port range, else Kubernetes picks one.
     */
    static List<ServicePort> ports(PodSpec pod, boolean nodePort, List<String> warnings) {
        List<ServicePort> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ContainerSpec c : pod.containers()) {
            for (ContainerPort declared : c.ports()) {
                if (!seen.add(declared.containerPort() + "/" + declared.protocol())) {
                    continue;
                }
                // a port published twice (its hostPort and a Service's nodePort): the one in the node port range
                ContainerPort p = nodePort ? inRange(pod, declared) : declared;
                ServicePortBuilder b = new ServicePortBuilder()
                        .withName(p.name() != null ? p.name() : p.containerPort() + "-" + p.protocol().toLowerCase(Locale.ROOT))
                        .withPort(p.containerPort()).withTargetPort(new IntOrString(p.containerPort())).withProtocol(p.protocol());
                if (nodePort && p.published()) {
                    if (p.hostPort() >= NODE_PORT_MIN && p.hostPort() <= NODE_PORT_MAX) {
                        b.withNodePort(p.hostPort());
                    } else {
                        warnings.add("pod " + pod.name() + ": host port " + p.hostPort() + " of container " + c.name()
                                + " is not in the node port range " + NODE_PORT_MIN + "-" + NODE_PORT_MAX
                                + ": the Service's nodePort is left for Kubernetes to choose");
                    }
                }
                out.add(b.build());
            }
        }
        return out;
    }
}
