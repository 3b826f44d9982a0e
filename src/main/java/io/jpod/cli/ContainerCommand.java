package io.jpod.cli;

import picocli.CommandLine.Command;

/** {@code jpod container}: manage containers. */
@Command(name = "container", description = "Manage containers.",
        subcommands = {PsCommand.class, StartCommand.class, StopCommand.class, RmCommand.class, InspectCommand.class,
            LogsCommand.class, ExecCommand.class, ContainerCleanupCommand.class})
public final class ContainerCommand extends GroupCommand {
}
