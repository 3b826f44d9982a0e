package io.jpod.cli;

import picocli.CommandLine.Command;

/** {@code jpod system}: manage jpod itself. */
@Command(name = "system", description = "Manage jpod.")
public final class SystemCommand extends GroupCommand {
}
