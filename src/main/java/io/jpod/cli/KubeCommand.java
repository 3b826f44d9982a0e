package io.jpod.cli;

import picocli.CommandLine.Command;

/** {@code jpod kube}: play and tear down Kubernetes YAML. */
@Command(name = "kube", description = "Play containers, pods or volumes from a structured file.",
        subcommands = {KubePlayCommand.class, KubeDownCommand.class, KubeValidateCommand.class})
public final class KubeCommand extends GroupCommand {
}
