package io.jpod.cli;

import io.jpod.engine.PodService;
import io.jpod.engine.PodService.ContainerInfo;
import io.jpod.error.InvalidInputException;
import io.jpod.error.NotFoundException;
import io.jpod.network.PortMapping;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod port CONTAINER|POD [PRIVATE_PORT[/PROTO]]} and {@code jpod port -a}: the ports published
 * for a container (its pod's, since containers share the pod's network), as podman prints them.
 */
@Command(name = "port", description = "List port mappings or a specific mapping for the container (or pod).")
public final class PortCommand extends EngineCommand {
    @Option(names = {"-a", "--all"}, description = "Display port information for all containers.")
    boolean all;

    @Parameters(arity = "0..2", paramLabel = "CONTAINER [PRIVATE_PORT[/PROTO]]")
    List<String> args = List.of();

    @Override
    public Integer call() {
        if (all) {
            if (args.size() > 1) {
                throw new InvalidInputException("port", "-a takes no container: give either a container or --all");
            }
            for (ContainerInfo c : engine().pods().containers()) {
                for (PortMapping p : c.ports()) {
                    if (args.isEmpty() || matches(p, args.get(0))) {
                        out().println(Views.shortId(c.row().id()) + "\t" + p.portLine());
                    }
                }
            }
            out().flush();
            return 0;
        }
        if (args.isEmpty()) {
            throw new InvalidInputException("port", "a container or pod must be given (or --all)");
        }
        List<PortMapping> ports = portsOf(args.get(0));
        if (args.size() == 2) {
            List<PortMapping> found = ports.stream().filter(p -> matches(p, args.get(1))).toList();
            if (found.isEmpty()) {
                throw new NotFoundException("port", args.get(1), "failed to find published port \"" + withProtocol(args.get(1)) + "\"");
            }
            found.forEach(p -> out().println(p.hostIp() + ":" + p.hostPort()));
        } else {
            ports.forEach(p -> out().println(p.portLine()));
        }
        out().flush();
        return 0;
    }

    /** A container's ports, or a pod's (its infra container's). */
    private List<PortMapping> portsOf(String nameOrId) {
        PodService pods = engine().pods();
        try {
            return pods.container(nameOrId).ports();
        } catch (NotFoundException notContainer) {
            try {
                return pods.pod(nameOrId).containers().get(0).ports();
            } catch (NotFoundException notPod) {
                throw notContainer;
            }
        }
    }

    private static String withProtocol(String privatePort) {
        return privatePort.contains("/") ? privatePort : privatePort + "/tcp";
    }

    private static boolean matches(PortMapping p, String privatePort) {
        return (p.containerPort() + "/" + p.protocol()).equals(withProtocol(privatePort));
    }
}
