package io.jpod.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jpod network}: the networks pods join by name, as {@code podman network}. */
@Command(name = "network", description = "Manage networks.")
public final class NetworkCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command (see jpod help network)");
    }
}
