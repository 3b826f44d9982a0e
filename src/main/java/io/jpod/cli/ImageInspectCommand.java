package io.jpod.cli;

import io.jpod.cli.format.Output;
import io.jpod.error.JpodException;
import io.jpod.engine.ImageService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jpod image inspect IMAGE...}: image details as a JSON array, as {@code podman image inspect}. */
@Command(name = "inspect", description = "Display the configuration of one or more images.")
public final class ImageInspectCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--format"}, description = "Go template or json (default).")
    String format;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Name or ID of an image.")
    List<String> images;

    @Override
    public void run() {
        ImageService store = GlobalOptions.of(spec).engine().images();
        List<Map<String, Object>> found = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String name : images) {
            try {
                ImageService.Inspected i = store.inspect(name);
                found.add(ImageRows.inspect(i.image(), i.layerDirs(), i.manifestType()));
            } catch (JpodException e) {
                errors.add("inspecting object: " + ErrorReporter.message(e));
            }
        }
        var out = spec.commandLine().getOut();
        if (format == null || format.isEmpty() || format.equals("json")) {
            Output.printJson(out, found);
        } else {
            Output.print(out, format, found, List.of());
        }
        out.flush();
        if (!errors.isEmpty()) {
            var err = spec.commandLine().getErr();
            errors.subList(0, errors.size() - 1).forEach(e -> err.println("Error: " + e));
            throw new ExitCodeException(ErrorReporter.ENGINE_ERROR, errors.get(errors.size() - 1));
        }
    }
}
