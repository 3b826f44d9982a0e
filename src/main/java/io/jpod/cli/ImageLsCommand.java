package io.jpod.cli;

import picocli.CommandLine.Command;

/** {@code jpod image ls|list}: {@code jpod images} under the image group. */
@Command(name = "ls", aliases = "list", description = "List images in local storage.")
public final class ImageLsCommand extends ImagesCommand {
}
