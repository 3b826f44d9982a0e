package io.jpod.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jpod untag IMAGE [NAME...]}: removes names from an image (all without NAME), as {@code podman untag}. */
@Command(name = "untag", description = "Remove a name from a local image.")
public final class UntagCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "Name or ID of the image.")
    String image;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "NAME", description = "Name to remove; all names when none is given.")
    List<String> names = new ArrayList<>();

    @Override
    public void run() {
        GlobalOptions.of(spec).engine().images().untag(image, names);
    }
}
