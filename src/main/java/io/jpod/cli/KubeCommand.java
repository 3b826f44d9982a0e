package io.jpod.cli;

import picocli.CommandLine.Command;

/** {@code jpod kube}: play, check, tear down and generate Kubernetes YAML. */
@Command(name = "kube", description = "Play containers, pods or volumes from a structured file, or generate one from pods.")
public final class KubeCommand extends GroupCommand {
}
