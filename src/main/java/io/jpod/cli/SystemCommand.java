package io.jpod.cli;

import picocli.CommandLine.Command;

/** {@code jpod system}: manage jpod itself. */
@Command(name = "system", description = "Manage jpod.", subcommands = {SystemResetCommand.class, InfoCommand.class, SystemWarmUpCommand.class})
public final class SystemCommand extends GroupCommand {
}
