package io.jpod.cli;

import picocli.CommandLine.Command;

/** {@code jpod generate kube ...}: podman's older spelling of {@code jpod kube generate}. */
@Command(name = "generate", description = "Generate structured data (Kubernetes YAML) based on pods or containers.")
public final class GenerateCommand extends GroupCommand {
    /** {@code jpod generate kube}: the same command as {@code jpod kube generate}. */
    @Command(name = "kube", description = "Generate Kubernetes YAML based on pods or containers.")
    static final class Kube extends KubeGenerateCommand {
    }
}
