package io.jpod.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jpod tag IMAGE NAME...}: adds names to an image, as {@code podman tag}. */
@Command(name = "tag", description = "Add an additional name to a local image.")
public final class TagCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "Name or ID of the image.")
    String image;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "NAME", description = "New name (default registry: localhost, default tag: latest).")
    List<String> names;

    @Override
    public void run() {
        GlobalOptions.of(spec).engine().images().tag(image, names);
    }
}
