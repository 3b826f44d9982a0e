package io.jpod.cli;

import io.jpod.error.InvalidInputException;
import io.jpod.engine.ImageService;
import io.jpod.image.ArchiveFormat;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jpod save}: writes images to a docker-archive or oci-archive, as {@code podman save}. */
@Command(name = "save", description = "Save image(s) to an archive (docker-archive or oci-archive).")
public final class SaveCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to this file (default: standard output, when it is not a terminal).")
    String output;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "docker-archive",
            description = "docker-archive (default) or oci-archive.")
    String format;

    @Option(names = {"-m", "--multi-image-archive"}, description = "Accepted for podman compatibility: several images always go into one archive.")
    boolean multi;

    @Option(names = {"-q", "--quiet"}, description = "Suppress progress output.")
    boolean quiet;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Name or ID of an image.")
    List<String> images = new ArrayList<>();

    @Override
    public void run() {
        ArchiveFormat f = ArchiveFormat.parse(format);
        GlobalOptions global = GlobalOptions.of(spec);
        StderrEvents events = new StderrEvents(spec.commandLine().getErr(), global.logLevel(), quiet);
        ImageService saver = global.engine().images();
        if (output == null || output.equals("-") || output.equals("/dev/stdout")) {
            if (global.invocation().stdoutTty()) {
                throw new ExitCodeException(ErrorReporter.ENGINE_ERROR, "refusing to save to terminal. Use -o flag or redirect");
            }
            OutputStream out = new BufferedOutputStream(global.invocation().stdout(), 1 << 16);
            saver.save(images, f, out, events);
            try {
                out.flush();
            } catch (IOException e) {
                throw new InvalidInputException("save", "cannot write to standard output: " + e.getMessage());
            }
            return;
        }
        Path target = Path.of(global.invocation().path(output));
        Path part;
        try {
            part = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
        } catch (IOException e) {
            throw new InvalidInputException(output, "cannot create the archive: " + e.getMessage());
        }
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16)) {
                saver.save(images, f, out, events);
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new InvalidInputException(output, "cannot write the archive: " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                // nothing more to do
            }
        }
    }
}
