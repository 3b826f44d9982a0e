package io.jpod.cli;

import picocli.CommandLine.Command;

/** {@code jpod image rm}: {@code jpod rmi} under the image group. */
@Command(name = "rm", description = "Remove one or more images from local storage.")
public final class ImageRmCommand extends RmiCommand {
}
