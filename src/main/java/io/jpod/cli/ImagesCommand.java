package io.jpod.cli;

import io.jpod.cli.format.Output;
import io.jpod.engine.Engine;
import io.jpod.engine.Filters;
import io.jpod.image.Image;
import io.jpod.image.ImageReference;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jpod images}: lists images as {@code podman images}. */
@Command(name = "images", description = "List images in local storage.")
public class ImagesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = {"-a", "--all"}, description = "Show all images (jpod has no intermediate images: same as without).")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Display only image IDs.")
    boolean quiet;

    @Option(names = "--no-trunc", description = "Do not truncate image IDs.")
    boolean noTrunc;

    @Option(names = "--format", description = "Go template, 'table ...' or json.")
    String format;

    @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE", description = "Filter output: id, reference (glob), label, "
            + "dangling (true|false), before, since. One key's values are alternatives; keys combine.")
    List<String> filters = new ArrayList<>();

    @Parameters(arity = "0..1", paramLabel = "IMAGE", description = "Show only images with this name (all tags when it has none).")
    String filter;

    @Override
    public void run() {
        Engine engine = GlobalOptions.of(spec).engine();
        ImageReference wanted = filter == null ? null : ImageReference.parse(filter);
        List<Image> images = Filters.images().apply(filters, engine.images().list()).stream()
                .filter(i -> wanted == null || wanted.lists(i.names(), i.digest())).toList();
        var out = spec.commandLine().getOut();
        if (quiet) {
            Set<String> ids = new LinkedHashSet<>();
            images.forEach(i -> ids.add(noTrunc ? "sha256:" + i.id() : i.shortId()));
            ids.forEach(out::println);
            out.flush();
            return;
        }
        Map<String, Integer> containers = engine.images().containerCounts();
        if ("json".equals(format)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            images.forEach(i -> rows.add(ImageRows.jsonRow(i, containers.getOrDefault(i.id(), 0))));
            Output.print(out, format, rows, ImageRows.TABLE);
        } else {
            Output.print(out, format, ImageRows.listRows(images, noTrunc, containers), ImageRows.TABLE);
        }
        out.flush();
    }
}
