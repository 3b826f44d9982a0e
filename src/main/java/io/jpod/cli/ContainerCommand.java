package io.jpod.cli;

import picocli.CommandLine.Command;

/** {@code jpod container}: manage containers. */
@Command(name = "container", description = "Manage containers.")
public final class ContainerCommand extends GroupCommand {
}
