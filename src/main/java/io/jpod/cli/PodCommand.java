package io.jpod.cli;

import picocli.CommandLine.Command;

/** {@code jpod pod}: manage pods. */
@Command(name = "pod", description = "Manage pods.",
        subcommands = {PodPsCommand.class, PodStartCommand.class, PodStopCommand.class, PodRestartCommand.class,
            PodRmCommand.class, PodInspectCommand.class})
public final class PodCommand extends GroupCommand {
}
