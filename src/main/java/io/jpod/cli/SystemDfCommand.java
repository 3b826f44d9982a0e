package io.jpod.cli;

import io.jpod.cli.format.Output;
import io.jpod.engine.DiskService.Usage;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpod system df [-v] [--format F]}: the disk used by images, containers and volumes, as {@code podman system df}. */
@Command(name = "df", description = "Show jpod disk usage.")
public final class SystemDfCommand extends EngineCommand {
    @Option(names = "--format", description = "json, a Go template or 'table ...'.")
    String format;

    @Option(names = {"-v", "--verbose"}, description = "Show detailed information on disk usage.")
    boolean verbose;

    @Override
    public Integer call() {
        Usage u = engine().disk().usage();
        if (verbose && format == null) {
            Instant now = Instant.now();
            out().println("Images space usage:\n");
            Output.print(out(), null, u.images().stream().map(i -> DiskRows.image(i, now)).toList(), DiskRows.IMAGES);
            out().println("\nContainers space usage:\n");
            Output.print(out(), null, u.containers().stream().map(c -> DiskRows.container(c, now)).toList(), DiskRows.CONTAINERS);
            out().println("\nLocal Volumes space usage:\n");
            Output.print(out(), null, u.volumes().stream().map(DiskRows::volume).toList(), DiskRows.VOLUMES);
        } else {
            Output.print(out(), format, DiskRows.summary(u), DiskRows.SUMMARY);
        }
        out().flush();
        return 0;
    }
}
