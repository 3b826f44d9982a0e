package io.jpod.cli;

import io.jpod.error.InvalidInputException;
import io.jpod.engine.ImageService;
import io.jpod.image.LoadedImage;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jpod load}: loads images from a docker-archive or oci-archive, as {@code podman load}. */
@Command(name = "load", description = "Load image(s) from a tar archive (docker-archive or oci-archive).")
public final class LoadCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "Read from this archive instead of standard input.")
    String input;

    @Option(names = {"-q", "--quiet"}, description = "Suppress progress output.")
    boolean quiet;

    @Override
    public void run() {
        GlobalOptions global = GlobalOptions.of(spec);
        ImageService images = global.engine().images();
        StderrEvents events = new StderrEvents(spec.commandLine().getErr(), global.logLevel(), quiet);
        List<LoadedImage> loaded;
        if (input == null || input.equals("-")) {
            if (System.console() != null) {
                throw new InvalidInputException("load", "cannot read from terminal, use command-line redirection or the --input flag");
            }
            loaded = images.load(global.invocation().in(), "stdin", events);
        } else {
            loaded = images.load(Path.of(global.invocation().path(input)), events);
        }
        var out = spec.commandLine().getOut();
        for (LoadedImage l : loaded) {
            if (l.names().isEmpty()) {
                out.println("Loaded image: sha256:" + l.image().id());
            }
            for (String name : l.names()) {
                out.println("Loaded image: " + name);
            }
        }
        out.flush();
    }
}
