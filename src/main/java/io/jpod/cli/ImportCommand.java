package io.jpod.cli;

import io.jpod.engine.ImageService;
import io.jpod.image.Image;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jpod import}: creates an image from a root filesystem tarball, as {@code podman import}. */
@Command(name = "import", description = "Import a tarball to create a filesystem image.")
public final class ImportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--change"}, paramLabel = "INSTRUCTION",
            description = "Apply a Dockerfile instruction to the image (ENV, CMD, ENTRYPOINT, WORKDIR, USER, LABEL, EXPOSE, STOPSIGNAL).")
    List<String> changes = new ArrayList<>();

    @Option(names = {"-m", "--message"}, description = "Set the commit message (the history comment) of the image.")
    String message;

    @Option(names = {"-q", "--quiet"}, description = "Suppress progress output.")
    boolean quiet;

    @Parameters(index = "0", paramLabel = "FILE|-", description = "The tarball (plain or gzip); - reads standard input.")
    String file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REFERENCE", description = "Name of the new image (default registry: localhost).")
    String reference;

    @Override
    public void run() {
        GlobalOptions global = GlobalOptions.of(spec);
        var err = spec.commandLine().getErr();
        ImageService images = global.engine().images();
        StderrEvents events = new StderrEvents(err, global.logLevel(), quiet);
        Image image = file.equals("-")
                ? images.importRootfs(global.invocation().in(), "stdin", changes, message, reference, events)
                : images.importRootfs(Path.of(global.invocation().path(file)), changes, message, reference, events);
        var out = spec.commandLine().getOut();
        out.println("sha256:" + image.id());
        out.flush();
    }
}
