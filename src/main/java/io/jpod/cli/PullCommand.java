package io.jpod.cli;

import io.jpod.engine.ImageService;
import io.jpod.image.Image;
import io.jpod.image.ImageReference;
import io.jpod.image.Platform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jpod pull}: pulls an image from a registry, as {@code podman pull}. */
@Command(name = "pull", description = "Pull an image from a registry.")
public final class PullCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    RegistryFlags registry = new RegistryFlags();

    @Option(names = {"-q", "--quiet"}, description = "Suppress progress output.")
    boolean quiet;

    @Option(names = "--arch", paramLabel = "ARCH", description = "Pull the image for this architecture (default: this host's).")
    String arch;

    @Option(names = "--os", paramLabel = "OS", description = "Pull the image for this OS (default: linux).")
    String os;

    @Option(names = "--variant", paramLabel = "VARIANT", description = "Pull the image for this architecture variant (e.g. v8).")
    String variant;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image: [REGISTRY/]NAME[:TAG|@DIGEST] (default registry: docker.io).")
    String image;

    @Override
    public void run() {
        GlobalOptions global = GlobalOptions.of(spec);
        io.jpod.events.Events events = StderrEvents.forTransfers(spec.commandLine().getErr(), global.logLevel(), quiet, global.invocation());
        var options = ImageService.registryOptions(registry.access(global.invocation()).withChooser(TerminalChooser.ifTerminal(spec.commandLine().getErr(), global.invocation())));
        Image pulled = global.engine().images().pull(ImageReference.parse(image), options, new Platform(os, arch, variant), events);
        var out = spec.commandLine().getOut();
        out.println(pulled.id());
        out.flush();
    }
}
