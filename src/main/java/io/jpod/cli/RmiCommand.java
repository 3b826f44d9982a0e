package io.jpod.cli;

import io.jpod.engine.Engine;
import io.jpod.error.JpodException;
import io.jpod.image.Image;
import io.jpod.image.RemoveReport;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jpod rmi IMAGE...}: removes images as {@code podman rmi}: prints what was untagged and
 * deleted, then the failures; exit status as {@link ErrorReporter#exitCode} says for {@code rmi}
 * (1 when an image was not found, 2 when one is in use, 125 for other failures; the last failure decides).
 */
@Command(name = "rmi", description = "Remove one or more images from local storage.")
public class RmiCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--force"}, description = "Remove the containers using the image first; remove an image by ID even when it has several names.")
    boolean force;

    @Option(names = {"-a", "--all"}, description = "Remove all images.")
    boolean all;

    @Parameters(arity = "0..*", paramLabel = "IMAGE", description = "Name or ID of an image.")
    List<String> images = new ArrayList<>();

    @Override
    public void run() {
        if (images.isEmpty() && !all) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "image name or ID must be specified");
        }
        if (!images.isEmpty() && all) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "when using the --all switch, you may not pass any images names or IDs");
        }
        Engine engine = GlobalOptions.of(spec).engine();
        List<String> targets = all ? engine.images().list().stream().map(Image::id).toList() : images;
        List<String> untagged = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int code = 0;
        for (String image : targets) {
            try {
                RemoveReport r = engine.images().remove(image, force || all, force);
                untagged.addAll(r.untagged());
                deleted.addAll(r.deleted());
            } catch (JpodException e) {
                errors.add(ErrorReporter.message(e));
                code = ErrorReporter.exitCode(e, "rmi");
            }
        }
        var out = spec.commandLine().getOut();
        untagged.forEach(u -> out.println("Untagged: " + u));
        deleted.forEach(d -> out.println("Deleted: " + d));
        out.flush();
        if (errors.size() == 1) {
            throw new ExitCodeException(code, errors.get(0));
        }
        if (errors.size() > 1) {
            throw new ExitCodeException(code, errors.size() + " errors occurred:\n\t* " + String.join("\n\t* ", errors));
        }
    }
}
