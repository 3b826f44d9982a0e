package io.jpod.kube;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.jpod.pod.ContainerPort;
import io.jpod.pod.ContainerSpec;
import io.jpod.pod.PodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a Service means on one machine, as podman plays it: each port with a {@code nodePort} is
 * published on the host at that port, for the pods its selector matches, reaching the pod's
 * {@code targetPort} (a number, a container port's name, or else the Service's {@code port}).
 * A pure function of the Services and the pods.
 */
public final class ServicePorts {
    private ServicePorts() {
    }

    /** The result: the pods with the Services' node ports published, and what could not be mapped. */
    public record Result(List<PodSpec> pods, List<String> warnings) {
    }

    public static Result apply(List<Service> services, List<PodSpec> pods) {
        List<String> warnings = new ArrayList<>();
        List<PodSpec> out = new ArrayList<>();
        for (PodSpec pod : pods) {
            PodSpec p = pod;
            for (Service s : services) {
                if (selects(s, p)) {
                    p = publish(s, p, warnings);
                }
            }
            out.add(p);
        }
        return new Result(out, warnings);
    }

    /** A Service selects a pod when its selector is not empty and every key of it is a label of the pod with that value. */
    static boolean selects(Service s, PodSpec pod) {
        Map<String, String> selector = s.getSpec() == null ? null : s.getSpec().getSelector();
        return selector != null && !selector.isEmpty()
                && selector.entrySet().stream().allMatch(e -> e.getValue().equals(pod.labels().get(e.getKey())));
    }

    private static PodSpec publish(Service s, PodSpec pod, List<String> warnings) {
        List<ContainerSpec> containers = new ArrayList<>(pod.containers());
        for (ServicePort sp : s.getSpec().getPorts() == null ? List.<ServicePort>of() : s.getSpec().getPorts()) {
            if (sp.getNodePort() == null || sp.getNodePort() <= 0) {
                continue;
            }
            String protocol = sp.getProtocol() == null || sp.getProtocol().isEmpty() ? "TCP" : sp.getProtocol();
            Integer target = targetPort(sp, containers);
            String what = "Service " + s.getMetadata().getName() + " port " + (sp.getName() != null ? sp.getName() : sp.getPort());
            if (target == null) {
                warnings.add(what + ": targetPort " + sp.getTargetPort().getStrVal() + " is not a port of pod " + pod.name()
                        + ": nodePort " + sp.getNodePort() + " is not published for it");
                continue;
            }
            if (!publishOnDeclared(containers, target, protocol, sp.getNodePort())) {
                // not declared by any container: published all the same, as Kubernetes reaches any port the pod listens on
                ContainerSpec first = containers.get(0);
                List<ContainerPort> ports = new ArrayList<>(first.ports());
                ports.add(new ContainerPort(null, target, sp.getNodePort(), protocol, null));
                containers.set(0, first.toBuilder().ports(ports).build());
            }
        }
        return pod.toBuilder().containers(containers).build();
    }

    /** The pod's port a Service port reaches: its targetPort (number or name), else its port. */
    private static Integer targetPort(ServicePort sp, List<ContainerSpec> containers) {
        IntOrString t = sp.getTargetPort();
        if (t == null || (t.getIntVal() == null && (t.getStrVal() == null || t.getStrVal().isEmpty()))) {
            return sp.getPort();
        }
        if (t.getIntVal() != null) {
            return t.getIntVal();
        }
        return containers.stream().flatMap(c -> c.ports().stream()).filter(p -> t.getStrVal().equals(p.name()))
                .map(ContainerPort::containerPort).findFirst().orElse(null);
    }

    /** Publishes {@code hostPort} on the first container port {@code target}/{@code protocol} declared; false when none is. */
    private static boolean publishOnDeclared(List<ContainerSpec> containers, int target, String protocol, int hostPort) {
        for (int i = 0; i < containers.size(); i++) {
            ContainerSpec c = containers.get(i);
            List<ContainerPort> ports = new ArrayList<>(c.ports());
            for (int j = 0; j < ports.size(); j++) {
                ContainerPort p = ports.get(j);
                if (p.containerPort() == target && p.protocol().equals(protocol) && !p.published()) {
                    ports.set(j, p.publishedOn(hostPort, null));
                    containers.set(i, c.toBuilder().ports(ports).build());
                    return true;
                }
                if (p.containerPort() == target && p.protocol().equals(protocol) && p.hostPort() == hostPort) {
                    return true;
                }
            }
        }
        return false;
    }
}
