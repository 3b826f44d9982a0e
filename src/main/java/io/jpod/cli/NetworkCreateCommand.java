package io.jpod.cli;

import io.jpod.network.NetworkRequest;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod network create [--subnet CIDR [--gateway IP]] [--internal] [--label K=V]... [--ignore] [NAME]}: prints the
 * network's name, as {@code podman network create}.
 */
@Command(name = "create", description = "Create a network.")
public final class NetworkCreateCommand extends EngineCommand {
    @Option(names = "--subnet", paramLabel = "CIDR", description = "The subnet of the pods' addresses (default: the first free 10.89.N.0/24).")
    String subnet;

    @Option(names = "--gateway", paramLabel = "IP", description = "The gateway's address (default: the subnet's first); needs --subnet.")
    String gateway;

    @Option(names = "--internal", description = "No way out: no outbound traffic and no published port.")
    boolean internal;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Set a label on the network (repeatable).")
    List<String> labels = List.of();

    @Option(names = {"-d", "--driver"}, defaultValue = "bridge", description = "Network driver: only bridge.")
    String driver = "bridge";

    @Option(names = "--ignore", description = "Do not fail if the network already exists.")
    boolean ignore;

    @Parameters(paramLabel = "NAME", arity = "0..1")
    String name;

    @Override
    public Integer call() {
        if (!"bridge".equals(driver)) {
            throw new io.jpod.error.InvalidInputException("--driver", io.jpod.error.Choices.unsupported(driver, "network driver",
                    List.of("bridge")));
        }
        if (gateway != null && subnet == null) {
            throw new io.jpod.error.InvalidInputException("", "cannot set gateway or range without subnet");
        }
        if (ignore && name != null && engine().networks().exists(name)) {
            out().println(name);
        } else {
            out().println(engine().networks().create(new NetworkRequest(name, subnet, gateway, internal,
                    VolumeCreateCommand.pairs(labels, "--label"))).name());
        }
        out().flush();
        return 0;
    }
}
