package io.jpod.cli;

import io.jpod.engine.ImageService;
import io.jpod.image.ImageReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jpod push}: pushes a local image to a registry, as {@code podman push}. */
@Command(name = "push", description = "Push an image to a registry.")
public final class PushCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    RegistryFlags registry = new RegistryFlags();

    @Option(names = {"-q", "--quiet"}, description = "Suppress progress output.")
    boolean quiet;

    @Option(names = "--digestfile", paramLabel = "FILE", description = "Write the digest of the pushed manifest to this file.")
    String digestfile;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "The local image (name or id).")
    String source;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DESTINATION", description = "Where to push: [REGISTRY/]NAME[:TAG] (default: SOURCE).")
    String destination;

    @Override
    public void run() {
        GlobalOptions global = GlobalOptions.of(spec);
        StderrEvents events = new StderrEvents(spec.commandLine().getErr(), global.logLevel(), quiet);
        String digest = global.engine().images().push(source,
                destination == null ? null : ImageReference.parse(destination), ImageService.registryOptions(registry.access(global.invocation())), events);
        if (digestfile != null) {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(global.invocation().path(digestfile)), digest);
            } catch (java.io.IOException e) {
                throw new io.jpod.error.InvalidInputException(digestfile, "cannot write the digest file: " + e.getMessage());
            }
        }
    }
}
