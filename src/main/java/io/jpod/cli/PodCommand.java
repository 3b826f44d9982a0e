package io.jpod.cli;

import picocli.CommandLine.Command;

/** {@code jpod pod}: manage pods. */
@Command(name = "pod", description = "Manage pods.")
public final class PodCommand extends GroupCommand {
}
