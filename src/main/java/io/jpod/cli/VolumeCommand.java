package io.jpod.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jpod volume}: named volumes, as {@code podman volume}. */
@Command(name = "volume", description = "Manage volumes.")
public final class VolumeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command (see jpod help volume)");
    }
}
